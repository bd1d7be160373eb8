package signal

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gokernel/gokernel/stdlib/session"
	"gonum.org/v1/gonum/mat"
)

func TestGoldenNumPy(t *testing.T) {
	cases := []struct {
		name string
		got  []float64
		want []float64
	}{
		{"convolve full", Convolve([]float64{1, 2, 3}, []float64{0, 1, 0.5}, Full), []float64{0, 1, 2.5, 4, 1.5}},
		{"convolve same", Convolve([]float64{1, 2, 3}, []float64{0, 1, 0.5}, Same), []float64{1, 2.5, 4}},
		{"convolve valid", Convolve([]float64{1, 2, 3}, []float64{0, 1, 0.5}, Valid), []float64{2.5}},
		{"arange full", Convolve(arange(8), []float64{1, 2, 3}, Full), []float64{0, 1, 4, 10, 16, 22, 28, 34, 32, 21}},
		{"arange same", Convolve(arange(8), []float64{1, 2, 3}, Same), []float64{1, 4, 10, 16, 22, 28, 34, 32}},
		{"arange valid", Convolve(arange(8), []float64{1, 2, 3}, Valid), []float64{4, 10, 16, 22, 28, 34}},
		{"correlate valid", Correlate([]float64{1, 2, 3}, []float64{0, 1, 0.5}, Valid), []float64{3.5}},
		{"correlate same", Correlate([]float64{1, 2, 3}, []float64{0, 1, 0.5}, Same), []float64{2, 3.5, 3}},
		{"correlate full", Correlate([]float64{1, 2, 3}, []float64{0, 1, 0.5}, Full), []float64{0.5, 2, 3.5, 3, 0}},
	}
	for _, c := range cases {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	// Integer inputs give exact results by every method.
	for _, m := range allMethods {
		got := ConvolveWith(arange(8), []float64{1, 2, 3}, Full, m)
		for i := range got {
			got[i] = math.Round(got[i])
		}
		if want := []float64{0, 1, 4, 10, 16, 22, 28, 34, 32, 21}; !slices.Equal(got, want) {
			t.Errorf("%v: got %v", m, got)
		}
	}
}

func arange(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = float64(i)
	}
	return x
}

func randVec(rng *rand.Rand, n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	return x
}

func randDense(rng *rand.Rand, r, c int) *mat.Dense {
	return mat.NewDense(r, c, randVec(rng, r*c))
}

func TestConvolveProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 20; trial++ {
		f, g, h := randVec(rng, 1+rng.IntN(60)), randVec(rng, 1+rng.IntN(20)), randVec(rng, 1+rng.IntN(9))
		fg := Convolve(f, g, Full)
		if d := maxRelDiff(Convolve(g, f, Full), fg); d > 1e-12 {
			t.Errorf("not commutative: %g", d)
		}
		if d := maxRelDiff(Convolve(fg, h, Full), Convolve(f, Convolve(g, h, Full), Full)); d > 1e-12 {
			t.Errorf("not associative: %g", d)
		}
		// Sum rule.
		if s, want := sum(fg), sum(f)*sum(g); math.Abs(s-want) > 1e-10*(1+math.Abs(want)) {
			t.Errorf("sum rule: %g vs %g", s, want)
		}
		// Shift equivariance: delaying f by k delays f∗g by k (exact in full mode).
		k := rng.IntN(5)
		sf := append(make([]float64, k), f...)
		if d := maxRelDiff(Convolve(sf, g, Full), append(make([]float64, k), fg...)); d > 1e-12 {
			t.Errorf("shift by %d: %g", k, d)
		}
		// Correlation is convolution with the flipped kernel.
		for _, mode := range allModes {
			if len(g) > len(f) && mode == Same {
				continue // NumPy's window differs by design, pinned by the fixtures
			}
			if d := maxRelDiff(Correlate(f, g, mode), Convolve(f, reversed(g), mode)); d > 1e-12 {
				t.Errorf("corr != conv flipped (%v): %g", mode, d)
			}
		}
		// corr(a,v)[k] == corr(v,a)[-k].
		if d := maxRelDiff(Correlate(f, g, Full), reversed(Correlate(g, f, Full))); d > 1e-12 {
			t.Errorf("corr(a,v) != reverse(corr(v,a)): %g", d)
		}
	}
	// Identity: f∗δ = f.
	f := randVec(rng, 17)
	if got := Convolve(f, []float64{1}, Full); !slices.Equal(got, f) {
		t.Errorf("f*δ = %v", got)
	}
}

func sum(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v
	}
	return s
}

// TestMethodsAgree1D checks FFT and overlap-add against the direct sum to
// 1e-10 of max|out| on sizes that make overlap-add use many blocks and all
// workers.
func TestMethodsAgree1D(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, sz := range [][2]int{{50000, 37}, {20000, 300}, {300, 20000}, {1000, 999}, {4097, 1}, {1, 1}} {
		x, h := randVec(rng, sz[0]), randVec(rng, sz[1])
		for _, mode := range allModes {
			want := ConvolveWith(x, h, mode, Direct)
			for _, m := range []Method{FFT, OverlapAdd, Auto} {
				if d := maxRelDiff(ConvolveWith(x, h, mode, m), want); d > 1e-10 {
					t.Errorf("%v %v %v: rel diff %g", sz, mode, m, d)
				}
			}
			wantC := CorrelateWith(x, h, mode, Direct)
			if d := maxRelDiff(CorrelateWith(x, h, mode, OverlapAdd), wantC); d > 1e-10 {
				t.Errorf("correlate %v %v overlap-add: rel diff %g", sz, mode, d)
			}
		}
	}
}

func TestMethodsAgree2D(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, sz := range [][4]int{{50, 40, 5, 3}, {50, 40, 3, 3}, {64, 80, 5, 7}, {128, 128, 16, 16}, {100, 90, 31, 2}, {9, 11, 20, 25}, {40, 40, 40, 40}} {
		img, k := randDense(rng, sz[0], sz[1]), randDense(rng, sz[2], sz[3])
		for _, mode := range allModes {
			want := Correlate2DWith(img, k, mode, Direct)
			if d := maxRelDiffDense(Correlate2DWith(img, k, mode, FFT), want); d > 1e-10 {
				t.Errorf("%v %v: FFT vs direct %g", sz, mode, d)
			}
			// Correlation is convolution with the kernel rotated by 180°
			// (same window except Same with an even-sized kernel).
			if mode != Same || (sz[2]%2 == 1 && sz[3]%2 == 1) {
				if d := maxRelDiffDense(Correlate2D(img, k, mode), Convolve2D(img, denseOf(rot180(k)), mode)); d > 1e-10 {
					t.Errorf("%v %v: corr2d != conv2d(rot180): %g", sz, mode, d)
				}
			}
		}
	}
	// A sub-matrix view (stride > cols) is read correctly.
	big := randDense(rng, 30, 40)
	view := big.Slice(3, 23, 5, 30).(*mat.Dense)
	k := randDense(rng, 4, 3)
	if d := maxRelDiffDense(Correlate2DWith(view, k, Full, FFT), Correlate2DWith(mat.DenseCopyOf(view), k, Full, Direct)); d > 1e-12 {
		t.Errorf("view: %g", d)
	}
}

func rot180(m *mat.Dense) [][]float64 {
	r, c := m.Dims()
	out := make([][]float64, r)
	for i := range out {
		out[i] = make([]float64, c)
		for j := range out[i] {
			out[i][j] = m.At(r-1-i, c-1-j)
		}
	}
	return out
}

func TestConvolve2DProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	f, g, h := randDense(rng, 12, 9), randDense(rng, 4, 5), randDense(rng, 3, 2)
	fg := Convolve2D(f, g, Full)
	if d := maxRelDiffDense(Convolve2D(g, f, Full), fg); d > 1e-12 {
		t.Errorf("2-D not commutative: %g", d)
	}
	if d := maxRelDiffDense(Convolve2D(fg, h, Full), Convolve2D(f, Convolve2D(g, h, Full), Full)); d > 1e-12 {
		t.Errorf("2-D not associative: %g", d)
	}
	// Shift equivariance: pad f by (2,3) at the top-left.
	sf := mat.NewDense(14, 12, nil)
	sf.Slice(2, 14, 3, 12).(*mat.Dense).Copy(f)
	got := Convolve2D(sf, g, Full)
	if d := maxRelDiffDense(got.Slice(2, 17, 3, 16).(*mat.Dense), fg); d > 1e-12 {
		t.Errorf("2-D shift: %g", d)
	}
	if s := mat.Sum(got.Slice(0, 2, 0, 16)) + mat.Sum(got.Slice(0, 17, 0, 3)); s != 0 {
		t.Errorf("2-D shift leaks into the padding: %g", s)
	}
}

func TestPanicsAndCancel(t *testing.T) {
	if !panics(func() { Convolve(nil, []float64{1}, Full) }) {
		t.Error("empty input must panic")
	}
	if !panics(func() { Convolve([]float64{1}, []float64{1}, Mode(9)) }) {
		t.Error("unknown mode must panic")
	}
	if !panics(func() { Correlate2D(mat.NewDense(5, 2, nil), mat.NewDense(2, 5, nil), Valid) }) {
		t.Error("2-D valid with crossed shapes must panic")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rng := rand.New(rand.NewPCG(9, 9))
	img := randDense(rng, 200, 200)
	for _, m := range []Method{Direct, FFT} {
		out, err := Correlate2DContext(ctx, img, randDense(rng, 9, 9), Valid, m)
		if !errors.Is(err, context.Canceled) || out != nil {
			t.Errorf("%v: cancelled call returned %v, %v", m, out != nil, err)
		}
	}
	if _, err := ConvolveContext(ctx, randVec(rng, 100000), randVec(rng, 100), Full, OverlapAdd); !errors.Is(err, context.Canceled) {
		t.Errorf("1-D cancelled: %v", err)
	}
}

func TestFastLen(t *testing.T) {
	for n, want := range map[int]int{0: 1, 1: 1, 2: 2, 7: 8, 11: 12, 13: 15, 17: 18, 97: 100, 1000: 1000, 1001: 1024, 1025: 1080} {
		if got := FastLen(n); got != want {
			t.Errorf("FastLen(%d) = %d, want %d", n, got, want)
		}
	}
}

func TestAutoChoices(t *testing.T) {
	if m := choose2D(512, 512, 3, 3, 2, 2, 510, 510); m != Direct {
		t.Errorf("3x3 kernel: %v", m)
	}
	if m := choose2D(512, 512, 64, 64, 63, 63, 449, 449); m != FFT {
		t.Errorf("64x64 kernel: %v", m)
	}
	if m := choose2D(1024, 1024, 32, 32, 31, 31, 993, 993); m != FFT {
		t.Errorf("NCC-sized template: %v", m)
	}
	if m := choose1D(1_000_000, 1000, 0, 1_000_999); m != OverlapAdd {
		t.Errorf("long signal, 1000 taps: %v", m)
	}
	if m := choose1D(1000, 5, 0, 1004); m != Direct {
		t.Errorf("short kernel: %v", m)
	}
	if m := choose1D(4000, 3000, 0, 6999); m != FFT {
		t.Errorf("two long signals: %v", m)
	}
}

func TestSessionInterrupt(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	session.SetContextFunc(func() context.Context { return ctx })
	defer session.SetContextFunc(nil)
	rng := rand.New(rand.NewPCG(1, 1))
	img := randDense(rng, 64, 64)
	if Correlate2D(img, randDense(rng, 5, 5), Same) != nil || NCC(img, randDense(rng, 8, 8)) != nil {
		t.Error("interrupted calls must return nil")
	}
	if r, c, s := Match(img, randDense(rng, 8, 8)); r != -1 || c != -1 || !math.IsNaN(s) {
		t.Errorf("interrupted Match = %d %d %g", r, c, s)
	}
}
