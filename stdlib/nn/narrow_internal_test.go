package nn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestConversionKernelsMatchGo checks narrow, widen and addWiden (vector
// kernels where the CPU has them) against plain Go conversions, for many
// lengths and for values that overflow, underflow or are NaN in float32.
func TestConversionKernelsMatchGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	special := []float64{0, math.Copysign(0, -1), 1e39, -1e39, 1e-40, -1e-46, math.NaN(), math.Inf(1), math.Inf(-1),
		1 + 1e-8, 3.4028235e38, 1.401298464324817e-45}
	same32 := func(a, b float32) bool { return a == b || a != a && b != b }
	same64 := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
	for _, n := range []int{0, 1, 7, 8, 9, 16, 23, 100} {
		src := make([]float64, n)
		for i := range src {
			if i < len(special) && n >= 16 {
				src[i] = special[i]
			} else {
				src[i] = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(20)-10))
			}
		}
		got32 := make([]float32, n)
		narrow(got32, src)
		for i, v := range src {
			if want := float32(v); !same32(got32[i], want) {
				t.Fatalf("narrow n=%d [%d] %v: got %v, want %v", n, i, v, got32[i], want)
			}
		}
		got64 := make([]float64, n)
		widen(got64, got32)
		acc := append([]float64(nil), src...)
		addWiden(acc, got32)
		for i, v := range got32 {
			if !same64(got64[i], float64(v)) {
				t.Fatalf("widen n=%d [%d] %v: got %v", n, i, v, got64[i])
			}
			if want := src[i] + float64(v); !same64(acc[i], want) {
				t.Fatalf("addWiden n=%d [%d]: got %v, want %v", n, i, acc[i], want)
			}
		}
	}
}
