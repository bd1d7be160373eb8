package fft

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"
)

func naiveDFT(x []complex128, sign float64) []complex128 {
	n := len(x)
	out := make([]complex128, n)
	for k := range out {
		var acc complex128
		for j, v := range x {
			acc += v * cmplx.Rect(1, sign*2*math.Pi*float64(j*k%n)/float64(n))
		}
		out[k] = acc
	}
	return out
}

func TestCmplxAgainstDFT(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, n := range []int{1, 2, 3, 4, 5, 6, 8, 9, 12, 15, 16, 20, 25, 30, 32, 45, 60, 64, 75, 100, 128, 243, 250, 256} {
		x := make([]complex128, n)
		for i := range x {
			x[i] = complex(rng.NormFloat64(), rng.NormFloat64())
		}
		p := NewCmplx(n)
		for _, inv := range []bool{false, true} {
			y := append([]complex128(nil), x...)
			sign := -1.0
			if inv {
				sign = 1
				p.Inverse(y)
			} else {
				p.Forward(y)
			}
			want := naiveDFT(x, sign)
			for i := range y {
				if cmplx.Abs(y[i]-want[i]) > 1e-12*float64(n) {
					t.Fatalf("n=%d inv=%v: X[%d] = %v, want %v", n, inv, i, y[i], want[i])
				}
			}
		}
	}
}

func TestRealRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	for _, n := range []int{2, 4, 6, 10, 16, 30, 64, 90, 128, 500, 1024} {
		x := make([]float64, n)
		xc := make([]complex128, n)
		for i := range x {
			x[i] = rng.NormFloat64()
			xc[i] = complex(x[i], 0)
		}
		p := NewReal(n)
		spec := make([]complex128, n/2+1)
		p.Forward(spec, x)
		want := naiveDFT(xc, -1)
		for k := range spec {
			if cmplx.Abs(spec[k]-want[k]) > 1e-12*float64(n) {
				t.Fatalf("n=%d: X[%d] = %v, want %v", n, k, spec[k], want[k])
			}
		}
		back := make([]float64, n)
		p.Clone().Inverse(back, spec)
		for i := range back {
			if math.Abs(back[i]/float64(n)-x[i]) > 1e-13*float64(n) {
				t.Fatalf("n=%d: round trip x[%d] = %v, want %v", n, i, back[i]/float64(n), x[i])
			}
		}
	}
}

func TestBadLengthsPanic(t *testing.T) {
	for _, f := range []func(){func() { NewCmplx(7) }, func() { NewReal(9) }, func() { NewCmplx(0) }} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("want panic")
				}
			}()
			f()
		}()
	}
}

func TestBatchMatchesColumns(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for _, n := range []int{16, 12, 30, 64} {
		for _, w := range []int{1, 3, 8} {
			x := make([]complex128, n*w)
			for i := range x {
				x[i] = complex(rng.NormFloat64(), rng.NormFloat64())
			}
			p := NewCmplx(n)
			got := append([]complex128(nil), x...)
			p.ForwardBatch(got, make([]complex128, n*w), w)
			col := make([]complex128, n)
			for c := 0; c < w; c++ {
				for r := range col {
					col[r] = x[r*w+c]
				}
				p.Forward(col)
				for r := range col {
					if cmplx.Abs(col[r]-got[r*w+c]) > 1e-12*float64(n) {
						t.Fatalf("n=%d w=%d: column %d row %d: %v vs %v", n, w, c, r, got[r*w+c], col[r])
					}
				}
			}
			p.InverseBatch(got, make([]complex128, n*w), w)
			for i := range got {
				if cmplx.Abs(got[i]/complex(float64(n), 0)-x[i]) > 1e-12 {
					t.Fatalf("n=%d w=%d: batch round trip", n, w)
				}
			}
		}
	}
}
