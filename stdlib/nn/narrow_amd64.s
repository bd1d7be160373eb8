#include "textflag.h"

// func narrowAVX(dst *float32, src *float64, n int)
TEXT ·narrowAVX(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	XORQ BX, BX

narrowLoop:
	CMPQ       BX, CX
	JGE        narrowDone
	VCVTPD2PSY (SI)(BX*8), X0
	VCVTPD2PSY 32(SI)(BX*8), X1
	VMOVUPS    X0, (DI)(BX*4)
	VMOVUPS    X1, 16(DI)(BX*4)
	ADDQ       $8, BX
	JMP        narrowLoop

narrowDone:
	VZEROUPPER
	RET

// func widenAVX(dst *float64, src *float32, n int)
TEXT ·widenAVX(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	XORQ BX, BX

widenLoop:
	CMPQ      BX, CX
	JGE       widenDone
	VCVTPS2PD (SI)(BX*4), Y0
	VCVTPS2PD 16(SI)(BX*4), Y1
	VMOVUPD   Y0, (DI)(BX*8)
	VMOVUPD   Y1, 32(DI)(BX*8)
	ADDQ      $8, BX
	JMP       widenLoop

widenDone:
	VZEROUPPER
	RET

// func addWidenAVX(dst *float64, src *float32, n int)
TEXT ·addWidenAVX(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	XORQ BX, BX

addWidenLoop:
	CMPQ      BX, CX
	JGE       addWidenDone
	VCVTPS2PD (SI)(BX*4), Y0
	VCVTPS2PD 16(SI)(BX*4), Y1
	VADDPD    (DI)(BX*8), Y0, Y0
	VADDPD    32(DI)(BX*8), Y1, Y1
	VMOVUPD   Y0, (DI)(BX*8)
	VMOVUPD   Y1, 32(DI)(BX*8)
	ADDQ      $8, BX
	JMP       addWidenLoop

addWidenDone:
	VZEROUPPER
	RET
