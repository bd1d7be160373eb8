package simd

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestCorr3x3Rows checks both output rows against the definition for odd
// and even widths (covering the 8-wide, 4-wide and scalar tails) and row
// strides larger than the rows, with rubbish in the outputs beforehand
// (they must be overwritten, not added to).
func TestCorr3x3Rows(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{1, 2, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 31, 510, 513} {
		for _, pad := range []int{0, 1, 5} {
			stride := n + 2 + pad
			x := make([]float64, 3*stride+n+2)
			for i := range x {
				x[i] = rng.NormFloat64()
			}
			var k [9]float64
			for i := range k {
				k[i] = rng.NormFloat64()
			}
			y0, y1 := make([]float64, n), make([]float64, n)
			for j := range y0 {
				y0[j], y1[j] = math.NaN(), 1e300
			}
			Corr3x3Rows(y0, y1, x, stride, &k)
			for j := 0; j < n; j++ {
				var w0, w1 float64
				for a := 0; a < 3; a++ {
					for b := 0; b < 3; b++ {
						w0 += k[3*a+b] * x[a*stride+j+b]
						w1 += k[3*a+b] * x[(a+1)*stride+j+b]
					}
				}
				if math.Abs(y0[j]-w0) > 1e-13*(1+math.Abs(w0)) || math.Abs(y1[j]-w1) > 1e-13*(1+math.Abs(w1)) {
					t.Fatalf("n=%d stride=%d j=%d: got (%v, %v), want (%v, %v)", n, stride, j, y0[j], y1[j], w0, w1)
				}
			}
		}
	}
}

func TestCorr3x3RowsIntegersExactAndPanics(t *testing.T) {
	const n, stride = 37, 41
	x := make([]float64, 3*stride+n+2)
	for i := range x {
		x[i] = float64(i%11 - 5)
	}
	k := [9]float64{1, -2, 3, 0, 4, -1, 2, 2, -3}
	y0, y1 := make([]float64, n), make([]float64, n)
	Corr3x3Rows(y0, y1, x, stride, &k)
	for j := 0; j < n; j++ {
		var w0, w1 float64
		for a := 0; a < 3; a++ {
			for b := 0; b < 3; b++ {
				w0 += k[3*a+b] * x[a*stride+j+b]
				w1 += k[3*a+b] * x[(a+1)*stride+j+b]
			}
		}
		if y0[j] != w0 || y1[j] != w1 {
			t.Fatalf("j=%d: got (%v, %v), want (%v, %v)", j, y0[j], y1[j], w0, w1)
		}
	}
	for name, f := range map[string]func(){
		"short x":     func() { Corr3x3Rows(y0, y1, x[:len(x)-1], stride, &k) },
		"rows differ": func() { Corr3x3Rows(y0, y1[1:], x, stride, &k) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s must panic", name)
				}
			}()
			f()
		}()
	}
}

func BenchmarkCorr3x3Rows(b *testing.B) {
	const n, stride = 512, 520
	x := make([]float64, 3*stride+n+2)
	y0, y1 := make([]float64, n), make([]float64, n)
	var k [9]float64
	b.Run("fused", func(b *testing.B) {
		for b.Loop() {
			Corr3x3Rows(y0, y1, x, stride, &k)
		}
		b.ReportMetric(float64(2*n*9)*float64(b.N)/b.Elapsed().Seconds(), "MAC/s")
	})
	b.Run("corr2drow", func(b *testing.B) {
		for b.Loop() {
			clear(y0)
			clear(y1)
			Corr2DRow(y0, x, stride, k[:], 3)
			Corr2DRow(y1, x[stride:], stride, k[:], 3)
		}
		b.ReportMetric(float64(2*n*9)*float64(b.N)/b.Elapsed().Seconds(), "MAC/s")
	})
}
