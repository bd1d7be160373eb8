//go:build amd64 && !purego

package fft

import "github.com/gokernel/gokernel/stdlib/signal/internal/simd"

var useAsm = simd.HasAsm()

// Sign masks for ∓i·z after swapping the parts of z: forward −i·z negates
// the new imaginary parts, inverse +i·z the new real parts.
var (
	maskFwd = [4]float64{0, negZero, 0, negZero}
	maskInv = [4]float64{negZero, 0, negZero, 0}
)

// radix4Asm is radix4 for an even stride s on AVX2/FMA.
//
//go:noescape
func radix4Asm(y, x, tw []complex128, m, s int, mask *[4]float64)

func radix4Fast(y, x []complex128, m, s int, tw []complex128, inv bool) bool {
	if !useAsm || s%2 != 0 || m < 1 || len(x) < 4*m*s || len(y) < 4*m*s || len(tw) < 3*m {
		return false
	}
	mask := &maskFwd
	if inv {
		mask = &maskInv
	}
	radix4Asm(y, x, tw, m, s, mask)
	return true
}
