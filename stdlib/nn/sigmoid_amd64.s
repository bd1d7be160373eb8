#include "textflag.h"

// func biasSigmoidAVX2(out, z, b *float64, n int, c *[16][4]uint64)
//
// Four elements per iteration of biasSigmoidScalar (exp.go): the same
// operations in the same order, without fused multiply-adds, so the results
// are identical. c holds 4-lane constants at these byte offsets:
//   0 expMax, 32 expMin, 64 32/ln2, 96 shifter, 128 ln2Hi/32, 160 ln2Lo/32,
//   192 1, 224 1/2, 256 1/6, 288 1/24, 320 1/120, 352 1/720,
//   384 sign bit, 416 shifter bits, 448 1023<<5, 480 table mask.
TEXT ·biasSigmoidAVX2(SB), NOSPLIT, $0-40
	MOVQ out+0(FP), DI
	MOVQ z+8(FP), SI
	MOVQ b+16(FP), DX
	MOVQ n+24(FP), CX
	MOVQ c+32(FP), AX
	LEAQ ·expTable(SB), R10
	SHLQ $3, CX
	XORQ BX, BX

loop:
	CMPQ BX, CX
	JGE  done

	// v = z + b; z = v; x = -v, clamped to [expMin, expMax] (NaN stays).
	VMOVUPD (SI)(BX*1), Y0
	VADDPD  (DX)(BX*1), Y0, Y0
	VMOVUPD Y0, (SI)(BX*1)
	VXORPD  384(AX), Y0, Y2
	VMOVUPD 0(AX), Y1
	VMINPD  Y2, Y1, Y2
	VMOVUPD 32(AX), Y1
	VMAXPD  Y2, Y1, Y2

	// t = x·32/ln2 + shifter; kf = t - shifter; k = bits(t) - bits(shifter)
	VMULPD 64(AX), Y2, Y3
	VADDPD 96(AX), Y3, Y3
	VSUBPD 96(AX), Y3, Y4
	VPSUBQ 416(AX), Y3, Y5

	// r = (x - kf·hi) - kf·lo; r2 = r·r; r4 = r2·r2
	VMULPD 128(AX), Y4, Y6
	VSUBPD Y6, Y2, Y6
	VMULPD 160(AX), Y4, Y1
	VSUBPD Y1, Y6, Y6
	VMULPD Y6, Y6, Y7
	VMULPD Y7, Y7, Y8

	// p = ((1 + r) + r2·(1/2 + r/6)) + r4·((1/24 + r/120) + r2/720)
	VMULPD 256(AX), Y6, Y9
	VADDPD 224(AX), Y9, Y9
	VMULPD Y9, Y7, Y9
	VMULPD 320(AX), Y6, Y10
	VADDPD 288(AX), Y10, Y10
	VMULPD 352(AX), Y7, Y11
	VADDPD Y11, Y10, Y10
	VMULPD Y10, Y8, Y10
	VADDPD 192(AX), Y6, Y12
	VADDPD Y9, Y12, Y12
	VADDPD Y10, Y12, Y12

	// scale = 2^(k>>5) as bits ((k + 1023·32) >> 5) << 52; j = k & 31
	VPADDQ 448(AX), Y5, Y13
	VPSRLQ $5, Y13, Y13
	VPSLLQ $52, Y13, Y13
	VPAND  480(AX), Y5, Y14

	// e = (expTable[j]·p)·scale; out = 1 / (1 + e)
	VPCMPEQQ   Y15, Y15, Y15
	VGATHERQPD Y15, (R10)(Y14*8), Y11
	VMULPD     Y12, Y11, Y11
	VMULPD     Y13, Y11, Y11
	VADDPD     192(AX), Y11, Y11
	VMOVUPD    192(AX), Y10
	VDIVPD     Y11, Y10, Y10
	VMOVUPD    Y10, (DI)(BX*1)

	ADDQ $32, BX
	JMP  loop

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
