#include "textflag.h"

// func adamAVX(dp, pp, gp, mp, vp *float64, n int, k *adamConsts)
// Four elements per iteration; the operations and their order are those of
// adamScalar, without fused multiply-adds, so the results are identical.
// The new values go to dp, which may be pp.
TEXT ·adamAVX(SB), NOSPLIT, $0-56
	MOVQ dp+0(FP), R10
	MOVQ pp+8(FP), DI
	MOVQ gp+16(FP), SI
	MOVQ mp+24(FP), R8
	MOVQ vp+32(FP), R9
	MOVQ n+40(FP), CX
	MOVQ k+48(FP), AX
	VBROADCASTSD 0(AX), Y8   // step
	VBROADCASTSD 8(AX), Y9   // invSqrtBC2
	VBROADCASTSD 16(AX), Y10 // b1
	VBROADCASTSD 24(AX), Y11 // b2
	VBROADCASTSD 32(AX), Y12 // c1
	VBROADCASTSD 40(AX), Y13 // c2
	VBROADCASTSD 48(AX), Y14 // eps
	VBROADCASTSD 56(AX), Y15 // wd
	SHLQ $3, CX
	XORQ BX, BX

loop:
	CMPQ BX, CX
	JGE  done
	VMOVUPD (DI)(BX*1), Y0 // p
	VMOVUPD (SI)(BX*1), Y1 // g
	VMULPD  Y15, Y0, Y2    // wd·p
	VADDPD  Y2, Y1, Y1     // gi = g + wd·p
	VMOVUPD (R8)(BX*1), Y3 // m
	VMULPD  Y10, Y3, Y3    // b1·m
	VMULPD  Y12, Y1, Y4    // c1·gi
	VADDPD  Y4, Y3, Y3     // mi
	VMOVUPD (R9)(BX*1), Y5 // v
	VMULPD  Y11, Y5, Y5    // b2·v
	VMULPD  Y13, Y1, Y6    // c2·gi
	VMULPD  Y1, Y6, Y6     // (c2·gi)·gi
	VADDPD  Y6, Y5, Y5     // vi
	VMOVUPD Y3, (R8)(BX*1)
	VMOVUPD Y5, (R9)(BX*1)
	VSQRTPD Y5, Y7         // √vi
	VMULPD  Y9, Y7, Y7     // √vi·invSqrtBC2
	VADDPD  Y14, Y7, Y7    // + eps
	VMULPD  Y8, Y3, Y4     // step·mi
	VDIVPD  Y7, Y4, Y4     // step·mi / (…)
	VSUBPD  Y4, Y0, Y0     // p - …
	VMOVUPD Y0, (R10)(BX*1)
	ADDQ    $32, BX
	JMP     loop

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
