//go:build amd64 && !purego

#include "textflag.h"

// func radix4Asm(y, x, tw []complex128, m, s int, mask *[4]float64)
// One radix-4 Stockham stage (see radix4 in cmplx.go) for an even stride s:
// two complex values per YMM register. mask flips the sign that turns
// a1−a3 into ∓i·(a1−a3) after the swap of real and imaginary parts.
TEXT ·radix4Asm(SB), NOSPLIT, $0-96
	MOVQ y_base+0(FP), DI
	MOVQ x_base+24(FP), SI
	MOVQ tw_base+48(FP), R8
	MOVQ m+72(FP), R9
	MOVQ s+80(FP), R11
	MOVQ mask+88(FP), AX
	VMOVUPD (AX), Y9
	SHLQ $4, R11               // 16·s bytes: one run of s values
	MOVQ R11, R12
	IMULQ R9, R12              // 16·s·m bytes: distance between inputs

ploop:
	VBROADCASTSD 0(R8), Y10
	VBROADCASTSD 8(R8), Y11
	VBROADCASTSD 16(R8), Y12
	VBROADCASTSD 24(R8), Y13
	VBROADCASTSD 32(R8), Y14
	VBROADCASTSD 40(R8), Y15
	MOVQ SI, AX
	ADDQ R12, AX
	MOVQ AX, CX
	ADDQ R12, CX
	MOVQ CX, DX
	ADDQ R12, DX
	MOVQ DI, R10
	ADDQ R11, R10
	MOVQ R10, R13
	ADDQ R11, R13
	MOVQ R13, R14
	ADDQ R11, R14
	XORQ BX, BX

qloop:
	VMOVUPD (SI)(BX*1), Y0
	VMOVUPD (AX)(BX*1), Y1
	VMOVUPD (CX)(BX*1), Y2
	VMOVUPD (DX)(BX*1), Y3
	VADDPD Y2, Y0, Y4          // t0 = a0+a2
	VSUBPD Y2, Y0, Y5          // t1 = a0−a2
	VADDPD Y3, Y1, Y6          // t2 = a1+a3
	VSUBPD Y3, Y1, Y7          // a1−a3
	VPERMILPD $5, Y7, Y7
	VXORPD Y9, Y7, Y7          // t3 = ∓i·(a1−a3)
	VADDPD Y6, Y4, Y0
	VMOVUPD Y0, (DI)(BX*1)     // y0 = t0+t2
	VSUBPD Y6, Y4, Y2          // t0−t2
	VADDPD Y7, Y5, Y1          // t1+t3
	VSUBPD Y7, Y5, Y3          // t1−t3
	VPERMILPD $5, Y1, Y8
	VMULPD Y11, Y8, Y8
	VFMADDSUB231PD Y10, Y1, Y8
	VMOVUPD Y8, (R10)(BX*1)    // y1 = (t1+t3)·w1
	VPERMILPD $5, Y2, Y8
	VMULPD Y13, Y8, Y8
	VFMADDSUB231PD Y12, Y2, Y8
	VMOVUPD Y8, (R13)(BX*1)    // y2 = (t0−t2)·w2
	VPERMILPD $5, Y3, Y8
	VMULPD Y15, Y8, Y8
	VFMADDSUB231PD Y14, Y3, Y8
	VMOVUPD Y8, (R14)(BX*1)    // y3 = (t1−t3)·w3
	ADDQ $32, BX
	CMPQ BX, R11
	JL   qloop

	ADDQ R11, SI
	MOVQ R14, DI
	ADDQ R11, DI
	ADDQ $48, R8
	DECQ R9
	JNZ  ploop
	VZEROUPPER
	RET
