package optim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestAdamKernelMatchesScalar runs adamUpdate (vector kernel where the CPU
// has it, scalar tail) and adamScalar on the same data for many lengths
// and several steps: the results must be identical, bit for bit.
func TestAdamKernelMatchesScalar(t *testing.T) {
	t.Logf("AVX kernel in use: %v", useAVX)
	rng := rand.New(rand.NewPCG(1, 1))
	for _, n := range []int{0, 1, 3, 4, 5, 7, 8, 31, 64, 1001} {
		mk := func() (p, g, m, v []float64) {
			p, g, m, v = make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
			return
		}
		p1, g1, m1, v1 := mk()
		p2, g2, m2, v2 := mk()
		for i := 0; i < n; i++ {
			p1[i] = rng.NormFloat64()
			p2[i] = p1[i]
		}
		for step := 1; step <= 3; step++ {
			for i := 0; i < n; i++ {
				g1[i] = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(9)-4))
				g2[i] = g1[i]
			}
			k := adamConsts{step: 1e-3 / (1 - math.Pow(0.9, float64(step))), invSqrtBC2: 1 / math.Sqrt(1-math.Pow(0.999, float64(step))),
				b1: 0.9, b2: 0.999, c1: 0.1, c2: 1 - 0.999, eps: 1e-8, wd: 0.01}
			adamUpdate(p1, p1, g1, m1, v1, &k)
			adamScalar(p2, p2, g2, m2, v2, &k)
			for i := 0; i < n; i++ {
				if p1[i] != p2[i] || m1[i] != m2[i] || v1[i] != v2[i] {
					t.Fatalf("n=%d step %d element %d: kernel (%v, %v, %v), scalar (%v, %v, %v)",
						n, step, i, p1[i], m1[i], v1[i], p2[i], m2[i], v2[i])
				}
			}
		}
	}
}

func BenchmarkAdamKernel(b *testing.B) {
	const n = 8192
	p, g, m, v := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range g {
		g[i] = float64(i%7) - 3
	}
	k := adamConsts{step: 1e-3, invSqrtBC2: 1.1, b1: 0.9, b2: 0.999, c1: 0.1, c2: 0.001, eps: 1e-8}
	for _, c := range []struct {
		name string
		f    func(d, p, g, m, v []float64, k *adamConsts)
	}{{"kernel", adamUpdate}, {"scalar", adamScalar}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				c.f(p, p, g, m, v, &k)
			}
			b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds()/1e6, "Mparams/s")
		})
	}
}
