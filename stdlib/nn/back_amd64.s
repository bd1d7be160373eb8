#include "textflag.h"

// one is 1.0 in each of four lanes.
DATA backOne<>+0(SB)/8, $0x3ff0000000000000
DATA backOne<>+8(SB)/8, $0x3ff0000000000000
DATA backOne<>+16(SB)/8, $0x3ff0000000000000
DATA backOne<>+24(SB)/8, $0x3ff0000000000000
GLOBL backOne<>(SB), RODATA|NOPTR, $32

// func backSigmoidAVX(dz, dy, out, gb *float64, n int)
// g = (dy·s)·(1 - s); dz = g; gb += g
TEXT ·backSigmoidAVX(SB), NOSPLIT, $0-40
	MOVQ    dz+0(FP), DI
	MOVQ    dy+8(FP), SI
	MOVQ    out+16(FP), DX
	MOVQ    gb+24(FP), R8
	MOVQ    n+32(FP), CX
	VMOVUPD backOne<>(SB), Y15
	SHLQ    $3, CX
	XORQ    BX, BX

sigLoop:
	CMPQ    BX, CX
	JGE     sigDone
	VMOVUPD (DX)(BX*1), Y0
	VSUBPD  Y0, Y15, Y1
	VMULPD  (SI)(BX*1), Y0, Y2
	VMULPD  Y1, Y2, Y2
	VMOVUPD Y2, (DI)(BX*1)
	VADDPD  (R8)(BX*1), Y2, Y2
	VMOVUPD Y2, (R8)(BX*1)
	ADDQ    $32, BX
	JMP     sigLoop

sigDone:
	VZEROUPPER
	RET

// func backTanhAVX(dz, dy, out, gb *float64, n int)
// g = dy·(1 - t·t); dz = g; gb += g
TEXT ·backTanhAVX(SB), NOSPLIT, $0-40
	MOVQ    dz+0(FP), DI
	MOVQ    dy+8(FP), SI
	MOVQ    out+16(FP), DX
	MOVQ    gb+24(FP), R8
	MOVQ    n+32(FP), CX
	VMOVUPD backOne<>(SB), Y15
	SHLQ    $3, CX
	XORQ    BX, BX

tanhLoop:
	CMPQ    BX, CX
	JGE     tanhDone
	VMOVUPD (DX)(BX*1), Y0
	VMULPD  Y0, Y0, Y1
	VSUBPD  Y1, Y15, Y1
	VMULPD  (SI)(BX*1), Y1, Y2
	VMOVUPD Y2, (DI)(BX*1)
	VADDPD  (R8)(BX*1), Y2, Y2
	VMOVUPD Y2, (R8)(BX*1)
	ADDQ    $32, BX
	JMP     tanhLoop

tanhDone:
	VZEROUPPER
	RET

// func backReLUAVX(dz, dy, z, gb *float64, n int)
// g = dy where the bits of z are a positive int64 (z > 0, as positiveMask),
// else +0; dz = g; gb += g
TEXT ·backReLUAVX(SB), NOSPLIT, $0-40
	MOVQ   dz+0(FP), DI
	MOVQ   dy+8(FP), SI
	MOVQ   z+16(FP), DX
	MOVQ   gb+24(FP), R8
	MOVQ   n+32(FP), CX
	VPXOR  Y15, Y15, Y15
	SHLQ   $3, CX
	XORQ   BX, BX

reluLoop:
	CMPQ     BX, CX
	JGE      reluDone
	VMOVDQU  (DX)(BX*1), Y0
	VPCMPGTQ Y15, Y0, Y1
	VANDPD   (SI)(BX*1), Y1, Y2
	VMOVUPD  Y2, (DI)(BX*1)
	VADDPD   (R8)(BX*1), Y2, Y2
	VMOVUPD  Y2, (R8)(BX*1)
	ADDQ     $32, BX
	JMP      reluLoop

reluDone:
	VZEROUPPER
	RET
