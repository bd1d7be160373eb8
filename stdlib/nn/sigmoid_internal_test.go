package nn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestBiasSigmoidKernelMatchesScalar runs biasSigmoid (vector kernel where
// the CPU has it, scalar tail) and biasSigmoidScalar on the same rows, of
// many lengths and with special values: identical results, NaN for NaN.
func TestBiasSigmoidKernelMatchesScalar(t *testing.T) {
	t.Logf("AVX2 kernel in use: %v", useAVX2)
	rng := rand.New(rand.NewPCG(6, 6))
	special := []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), 1e308, -1e308,
		708, -708, 709, -709, 36.7, -36.7, 5e-324, -5e-324}
	for _, n := range []int{0, 1, 3, 4, 5, 8, 13, 64, 785} {
		z := make([]float64, n)
		b := make([]float64, n)
		for i := range z {
			switch {
			case i < len(special) && n > 20:
				z[i] = special[i]
			case i%3 == 0:
				z[i] = rng.NormFloat64() * 300
			default:
				z[i] = rng.NormFloat64() * 4
			}
			b[i] = rng.NormFloat64()
		}
		z1, z2 := append([]float64(nil), z...), append([]float64(nil), z...)
		o1, o2 := make([]float64, n), make([]float64, n)
		biasSigmoid(o1, z1, b)
		biasSigmoidScalar(o2, z2, b)
		for i := range z {
			same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
			if !same(o1[i], o2[i]) || !same(z1[i], z2[i]) {
				t.Fatalf("n=%d element %d (z=%v, b=%v): kernel (%v, %v), scalar (%v, %v)",
					n, i, z[i], b[i], z1[i], o1[i], z2[i], o2[i])
			}
		}
	}
}

func BenchmarkBiasSigmoidKernel(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	z := make([]float64, 784)
	bias := make([]float64, 784)
	for i := range z {
		z[i] = rng.NormFloat64() * 3
	}
	out := make([]float64, 784)
	for _, c := range []struct {
		name string
		f    func(out, z, b []float64)
	}{{"kernel", biasSigmoid}, {"scalar", biasSigmoidScalar}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				c.f(out, z, bias)
			}
			b.ReportMetric(float64(b.N*len(z))/b.Elapsed().Seconds()/1e6, "Melem/s")
		})
	}
}
