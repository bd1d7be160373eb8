package simd

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestCorrRowMatchesDefinition(t *testing.T) {
	t.Logf("assembly path: %v", HasAsm())
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 3, 4, 5, 31, 32, 33, 36, 64, 100, 517} {
		for _, m := range []int{1, 2, 3, 7, 15, 64} {
			x := make([]float64, n+m-1+rng.IntN(3))
			for i := range x {
				x[i] = rng.NormFloat64()
			}
			k := make([]float64, m)
			for i := range k {
				k[i] = rng.NormFloat64()
			}
			y := make([]float64, n)
			want := make([]float64, n)
			for j := range y {
				y[j] = rng.NormFloat64()
				want[j] = y[j]
				for b := range k {
					want[j] += k[b] * x[j+b]
				}
			}
			CorrRow(y, x, k)
			for j := range y {
				if math.Abs(y[j]-want[j]) > 1e-13*(1+math.Abs(want[j])) {
					t.Fatalf("n=%d m=%d: y[%d] = %v, want %v", n, m, j, y[j], want[j])
				}
			}
		}
	}
}

func TestCorrRowIntegersExactAndPanics(t *testing.T) {
	x := make([]float64, 70)
	for i := range x {
		x[i] = float64(i%7 - 3)
	}
	k := []float64{1, -2, 3}
	y := make([]float64, 68)
	CorrRow(y, x, k)
	for j := range y {
		if want := x[j] - 2*x[j+1] + 3*x[j+2]; y[j] != want {
			t.Fatalf("y[%d] = %v, want %v", j, y[j], want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("short x must panic")
		}
	}()
	CorrRow(make([]float64, 10), make([]float64, 11), k)
}

func TestCorr2DRow(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 4, 7, 32, 45, 100} {
		for _, kr := range []int{1, 2, 3, 5} {
			for _, kc := range []int{1, 3, 4} {
				stride := n + kc - 1 + rng.IntN(4)
				x := make([]float64, (kr-1)*stride+n+kc-1)
				for i := range x {
					x[i] = rng.NormFloat64()
				}
				k := make([]float64, kr*kc)
				for i := range k {
					k[i] = rng.NormFloat64()
				}
				y := make([]float64, n)
				want := make([]float64, n)
				for j := range y {
					y[j] = float64(j)
					want[j] = y[j]
					for a := 0; a < kr; a++ {
						for b := 0; b < kc; b++ {
							want[j] += k[a*kc+b] * x[a*stride+j+b]
						}
					}
				}
				Corr2DRow(y, x, stride, k, kc)
				for j := range y {
					if math.Abs(y[j]-want[j]) > 1e-13*(1+math.Abs(want[j])) {
						t.Fatalf("n=%d kr=%d kc=%d: y[%d] = %v, want %v", n, kr, kc, j, y[j], want[j])
					}
				}
			}
		}
	}
}

func BenchmarkCorrRow(b *testing.B) {
	x := make([]float64, 512+14)
	y := make([]float64, 512)
	for _, m := range []int{3, 15} {
		k := make([]float64, m)
		b.Run("asm", func(b *testing.B) {
			if !useAsm {
				b.Skip("no AVX2")
			}
			for b.Loop() {
				corrRowAsm(y, x, k)
			}
			b.ReportMetric(float64(len(y)*m)*float64(b.N)/b.Elapsed().Seconds(), "MAC/s")
		})
		b.Run("go", func(b *testing.B) {
			for b.Loop() {
				corrRowGo(y, x, k)
			}
			b.ReportMetric(float64(len(y)*m)*float64(b.N)/b.Elapsed().Seconds(), "MAC/s")
		})
	}
}
