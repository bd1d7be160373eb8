package nn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestBackActivateKernelsMatchGo checks backActivate (vector kernels where
// the CPU has them) against the formulas evaluated one element at a time,
// for many lengths and with special values of z and out.
func TestBackActivateKernelsMatchGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	special := []float64{0, math.Copysign(0, -1), math.NaN(), -math.NaN(), math.Inf(1), math.Inf(-1), 5e-324, -5e-324}
	same := func(a, b float64) bool {
		return math.Float64bits(a) == math.Float64bits(b) || math.IsNaN(a) && math.IsNaN(b)
	}
	for _, a := range []Activation{Identity, Sigmoid, Tanh, ReLU, LeakyReLU} {
		for _, n := range []int{0, 1, 3, 4, 5, 12, 37} {
			dz, dy, z, out, gb := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
			for i := 0; i < n; i++ {
				dy[i] = rng.NormFloat64()
				z[i] = rng.NormFloat64()
				if i < len(special) && n > 20 {
					z[i] = special[i]
				}
				out[i] = a.Value(z[i])
				gb[i] = rng.NormFloat64()
			}
			want, wantGB := make([]float64, n), append([]float64(nil), gb...)
			for i := 0; i < n; i++ {
				var g float64
				switch a {
				case Identity:
					g = dy[i]
				case Sigmoid:
					g = float64(float64(dy[i]*out[i]) * (1 - out[i]))
				case Tanh:
					g = float64(dy[i] * (1 - float64(out[i]*out[i])))
				case ReLU:
					g = math.Float64frombits(math.Float64bits(dy[i]) & positiveMask(z[i]))
				case LeakyReLU:
					slope := LeakySlope
					if positiveMask(z[i]) != 0 {
						slope = 1
					}
					g = float64(dy[i] * slope)
				}
				want[i] = g
				wantGB[i] += g
			}
			backActivate(a, dz, dy, z, out, gb)
			for i := 0; i < n; i++ {
				if !same(dz[i], want[i]) || !same(gb[i], wantGB[i]) {
					t.Fatalf("%v n=%d [%d] z=%v: got (%v, %v), want (%v, %v)", a, n, i, z[i], dz[i], gb[i], want[i], wantGB[i])
				}
			}
		}
	}
}
