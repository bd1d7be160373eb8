//go:build amd64 && !purego

package fft

import (
	"math/cmplx"
	"math/rand/v2"
	"testing"
)

// TestAsmMatchesGo runs the same transforms with and without the assembly
// radix-4 stages.
func TestAsmMatchesGo(t *testing.T) {
	if !useAsm {
		t.Skip("no AVX2/FMA on this CPU")
	}
	defer func() { useAsm = true }()
	rng := rand.New(rand.NewPCG(8, 8))
	for _, n := range []int{16, 64, 256, 1024, 48, 80} {
		x := make([]complex128, 8*n)
		for i := range x {
			x[i] = complex(rng.NormFloat64(), rng.NormFloat64())
		}
		p := NewCmplx(n)
		var got [2][]complex128
		for i, asm := range []bool{true, false} {
			useAsm = asm
			y := append([]complex128(nil), x...)
			p.ForwardBatch(y, make([]complex128, len(y)), 8)
			p.Inverse(y[:n])
			got[i] = y
		}
		for i := range got[0] {
			if cmplx.Abs(got[0][i]-got[1][i]) > 1e-12*float64(n) {
				t.Fatalf("n=%d: asm %v vs Go %v at %d", n, got[0][i], got[1][i], i)
			}
		}
	}
}
