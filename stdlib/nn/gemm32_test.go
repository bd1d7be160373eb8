package nn

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// TestGemm32MatchesGemm compares Gemm32 with blas64.Gemm for every
// transposition and the betas 0, 1 and 0.5, on strided views: the results
// must agree to float32 precision.
func TestGemm32MatchesGemm(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	general := func(r, c, stride int) blas64.General {
		g := blas64.General{Rows: r, Cols: c, Stride: stride, Data: make([]float64, (r-1)*stride+c)}
		for i := range g.Data {
			g.Data[i] = rng.NormFloat64()
		}
		return g
	}
	var g Gemm32
	const m, k, n = 37, 19, 23
	for _, tA := range []blas.Transpose{blas.NoTrans, blas.Trans} {
		for _, tB := range []blas.Transpose{blas.NoTrans, blas.Trans} {
			for _, beta := range []float64{0, 1, 0.5} {
				a := general(m, k, k+3)
				if tA == blas.Trans {
					a = general(k, m, m+1)
				}
				b := general(k, n, n)
				if tB == blas.Trans {
					b = general(n, k, k+2)
				}
				c := general(m, n, n+5)
				want := blas64.General{Rows: m, Cols: n, Stride: c.Stride, Data: append([]float64(nil), c.Data...)}
				blas64.Gemm(tA, tB, 1.5, a, b, beta, want)
				g.Gemm(tA, tB, 1.5, a, b, beta, c)
				for i := 0; i < m; i++ {
					for j := 0; j < n; j++ {
						got, w := c.Data[i*c.Stride+j], want.Data[i*want.Stride+j]
						if math.Abs(got-w) > 1e-5*(1+math.Abs(w)) {
							t.Fatalf("tA=%c tB=%c beta=%g: c[%d,%d] = %g, want %g", tA, tB, beta, i, j, got, w)
						}
					}
				}
				// The padding between rows is left alone.
				if c.Stride > n && c.Data[n] != want.Data[n] {
					t.Fatalf("Gemm32 wrote past a row's end")
				}
			}
		}
	}
}
