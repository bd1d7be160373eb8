//go:build amd64 && !purego

#include "textflag.h"

// func corrRowAsm(y, x, k []float64)
// y[j] += Σ_b k[b]·x[j+b] for j < len(y); len(y)%4 == 0, len(k) >= 1.
TEXT ·corrRowAsm(SB), NOSPLIT, $0-72
	MOVQ y_base+0(FP), DI
	MOVQ y_len+8(FP), CX
	MOVQ x_base+24(FP), SI
	MOVQ k_base+48(FP), R8
	MOVQ k_len+56(FP), R9

loop32:
	CMPQ CX, $32
	JL   loop4
	VMOVUPD 0(DI), Y0
	VMOVUPD 32(DI), Y1
	VMOVUPD 64(DI), Y2
	VMOVUPD 96(DI), Y3
	VMOVUPD 128(DI), Y4
	VMOVUPD 160(DI), Y5
	VMOVUPD 192(DI), Y6
	VMOVUPD 224(DI), Y7
	MOVQ SI, R10
	MOVQ R8, R11
	MOVQ R9, R12

tap32:
	VBROADCASTSD (R11), Y8
	VFMADD231PD 0(R10), Y8, Y0
	VFMADD231PD 32(R10), Y8, Y1
	VFMADD231PD 64(R10), Y8, Y2
	VFMADD231PD 96(R10), Y8, Y3
	VFMADD231PD 128(R10), Y8, Y4
	VFMADD231PD 160(R10), Y8, Y5
	VFMADD231PD 192(R10), Y8, Y6
	VFMADD231PD 224(R10), Y8, Y7
	ADDQ $8, R10
	ADDQ $8, R11
	DECQ R12
	JNZ  tap32
	VMOVUPD Y0, 0(DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 64(DI)
	VMOVUPD Y3, 96(DI)
	VMOVUPD Y4, 128(DI)
	VMOVUPD Y5, 160(DI)
	VMOVUPD Y6, 192(DI)
	VMOVUPD Y7, 224(DI)
	ADDQ $256, DI
	ADDQ $256, SI
	SUBQ $32, CX
	JMP  loop32

loop4:
	CMPQ CX, $4
	JL   done
	VMOVUPD 0(DI), Y0
	MOVQ SI, R10
	MOVQ R8, R11
	MOVQ R9, R12

tap4:
	VBROADCASTSD (R11), Y8
	VFMADD231PD 0(R10), Y8, Y0
	ADDQ $8, R10
	ADDQ $8, R11
	DECQ R12
	JNZ  tap4
	VMOVUPD Y0, 0(DI)
	ADDQ $32, DI
	ADDQ $32, SI
	SUBQ $4, CX
	JMP  loop4

done:
	VZEROUPPER
	RET

// func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)
TEXT ·cpuid(SB), NOSPLIT, $0-24
	MOVL eaxArg+0(FP), AX
	MOVL ecxArg+4(FP), CX
	CPUID
	MOVL AX, eax+8(FP)
	MOVL BX, ebx+12(FP)
	MOVL CX, ecx+16(FP)
	MOVL DX, edx+20(FP)
	RET

// func xgetbv() (eax, edx uint32)
TEXT ·xgetbv(SB), NOSPLIT, $0-8
	MOVL $0, CX
	XGETBV
	MOVL AX, eax+0(FP)
	MOVL DX, edx+4(FP)
	RET

// func corr2DAsm(y, x, k []float64, kc, stride int)
// y[j] += Σ_a Σ_b k[a*kc+b]·x[a*stride+j+b] for j < len(y); len(y)%4 == 0,
// kc >= 1, len(k) a positive multiple of kc.
TEXT ·corr2DAsm(SB), NOSPLIT, $0-88
	MOVQ y_base+0(FP), DI
	MOVQ y_len+8(FP), CX
	MOVQ x_base+24(FP), SI
	MOVQ k_base+48(FP), R8
	MOVQ k_len+56(FP), AX
	MOVQ kc+72(FP), R9
	MOVQ stride+80(FP), BX
	SHLQ $3, BX                // row stride in bytes
	XORQ DX, DX
	DIVQ R9                    // AX = len(k)/kc = kernel rows
	MOVQ AX, R14

loop32:
	CMPQ CX, $32
	JL   loop4
	VMOVUPD 0(DI), Y0
	VMOVUPD 32(DI), Y1
	VMOVUPD 64(DI), Y2
	VMOVUPD 96(DI), Y3
	VMOVUPD 128(DI), Y4
	VMOVUPD 160(DI), Y5
	VMOVUPD 192(DI), Y6
	VMOVUPD 224(DI), Y7
	MOVQ SI, AX               // start of kernel row a in x
	MOVQ R8, R11               // k pointer
	MOVQ R14, R13              // rows left

row32:
	MOVQ AX, R10
	MOVQ R9, R12               // taps left in this row

tap32:
	VBROADCASTSD (R11), Y8
	VFMADD231PD 0(R10), Y8, Y0
	VFMADD231PD 32(R10), Y8, Y1
	VFMADD231PD 64(R10), Y8, Y2
	VFMADD231PD 96(R10), Y8, Y3
	VFMADD231PD 128(R10), Y8, Y4
	VFMADD231PD 160(R10), Y8, Y5
	VFMADD231PD 192(R10), Y8, Y6
	VFMADD231PD 224(R10), Y8, Y7
	ADDQ $8, R10
	ADDQ $8, R11
	DECQ R12
	JNZ  tap32
	ADDQ BX, AX
	DECQ R13
	JNZ  row32
	VMOVUPD Y0, 0(DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 64(DI)
	VMOVUPD Y3, 96(DI)
	VMOVUPD Y4, 128(DI)
	VMOVUPD Y5, 160(DI)
	VMOVUPD Y6, 192(DI)
	VMOVUPD Y7, 224(DI)
	ADDQ $256, DI
	ADDQ $256, SI
	SUBQ $32, CX
	JMP  loop32

loop4:
	CMPQ CX, $4
	JL   done2
	VMOVUPD 0(DI), Y0
	MOVQ SI, AX
	MOVQ R8, R11
	MOVQ R14, R13

row4:
	MOVQ AX, R10
	MOVQ R9, R12

tap4b:
	VBROADCASTSD (R11), Y8
	VFMADD231PD 0(R10), Y8, Y0
	ADDQ $8, R10
	ADDQ $8, R11
	DECQ R12
	JNZ  tap4b
	ADDQ BX, AX
	DECQ R13
	JNZ  row4
	VMOVUPD Y0, 0(DI)
	ADDQ $32, DI
	ADDQ $32, SI
	SUBQ $4, CX
	JMP  loop4

done2:
	VZEROUPPER
	RET
