//go:build amd64 && !purego

#include "textflag.h"

// ROW1 and ROW2 add one input row at byte offset off, which belongs to both
// output rows: out0 with kernel row A (registers K0..K2 for taps 0..2), out1
// with kernel row B. The 4-wide loads are shared by the two outputs.
#define TAPS2(p, off, K0a, K0b, K1a, K1b, K2a, K2b, A0, A1) \
	VMOVUPD off(p), Y4 \
	VFMADD231PD Y4, K0a, A0 \
	VFMADD231PD Y4, K0b, A1 \
	VMOVUPD off+8(p), Y5 \
	VFMADD231PD Y5, K1a, A0 \
	VFMADD231PD Y5, K1b, A1 \
	VMOVUPD off+16(p), Y6 \
	VFMADD231PD Y6, K2a, A0 \
	VFMADD231PD Y6, K2b, A1

// func corr3x3x2Asm(y0, y1, x []float64, stride int, k *[9]float64)
// For j < len(y0) (a multiple of 4):
//   y0[j] = Σ_{a,b<3} k[3a+b]·x[a·stride+j+b]
//   y1[j] = Σ_{a,b<3} k[3a+b]·x[(a+1)·stride+j+b]
// The four input rows are each read once for both output rows; the kernel
// stays in Y7..Y15; y0 and y1 are written, not read.
TEXT ·corr3x3x2Asm(SB), NOSPLIT, $0-88
	MOVQ y0_base+0(FP), DI
	MOVQ y0_len+8(FP), CX
	MOVQ y1_base+24(FP), R8
	MOVQ x_base+48(FP), SI
	MOVQ stride+72(FP), BX
	MOVQ k+80(FP), AX
	SHLQ $3, BX
	VBROADCASTSD 0(AX), Y7
	VBROADCASTSD 8(AX), Y8
	VBROADCASTSD 16(AX), Y9
	VBROADCASTSD 24(AX), Y10
	VBROADCASTSD 32(AX), Y11
	VBROADCASTSD 40(AX), Y12
	VBROADCASTSD 48(AX), Y13
	VBROADCASTSD 56(AX), Y14
	VBROADCASTSD 64(AX), Y15
	LEAQ (SI)(BX*1), R9        // input row 1
	LEAQ (R9)(BX*1), R10       // input row 2
	LEAQ (R10)(BX*1), R11      // input row 3

loop8:
	CMPQ CX, $8
	JL   tail4
	// Row 0: out0 only, kernel row 0.
	VMULPD 0(SI), Y7, Y0
	VMULPD 32(SI), Y7, Y1
	VFMADD231PD 8(SI), Y8, Y0
	VFMADD231PD 40(SI), Y8, Y1
	VFMADD231PD 16(SI), Y9, Y0
	VFMADD231PD 48(SI), Y9, Y1
	// Row 3: out1 only, kernel row 2.
	VMULPD 0(R11), Y13, Y2
	VMULPD 32(R11), Y13, Y3
	VFMADD231PD 8(R11), Y14, Y2
	VFMADD231PD 40(R11), Y14, Y3
	VFMADD231PD 16(R11), Y15, Y2
	VFMADD231PD 48(R11), Y15, Y3
	// Row 1: out0 with kernel row 1, out1 with kernel row 0.
	TAPS2(R9, 0, Y10, Y7, Y11, Y8, Y12, Y9, Y0, Y2)
	TAPS2(R9, 32, Y10, Y7, Y11, Y8, Y12, Y9, Y1, Y3)
	// Row 2: out0 with kernel row 2, out1 with kernel row 1.
	TAPS2(R10, 0, Y13, Y10, Y14, Y11, Y15, Y12, Y0, Y2)
	TAPS2(R10, 32, Y13, Y10, Y14, Y11, Y15, Y12, Y1, Y3)
	VMOVUPD Y0, 0(DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 0(R8)
	VMOVUPD Y3, 32(R8)
	ADDQ $64, DI
	ADDQ $64, R8
	ADDQ $64, SI
	ADDQ $64, R9
	ADDQ $64, R10
	ADDQ $64, R11
	SUBQ $8, CX
	JMP  loop8

tail4:
	CMPQ CX, $4
	JL   done
	VMULPD 0(SI), Y7, Y0
	VFMADD231PD 8(SI), Y8, Y0
	VFMADD231PD 16(SI), Y9, Y0
	VMULPD 0(R11), Y13, Y2
	VFMADD231PD 8(R11), Y14, Y2
	VFMADD231PD 16(R11), Y15, Y2
	TAPS2(R9, 0, Y10, Y7, Y11, Y8, Y12, Y9, Y0, Y2)
	TAPS2(R10, 0, Y13, Y10, Y14, Y11, Y15, Y12, Y0, Y2)
	VMOVUPD Y0, 0(DI)
	VMOVUPD Y2, 0(R8)

done:
	VZEROUPPER
	RET
