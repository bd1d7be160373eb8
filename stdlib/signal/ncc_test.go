package signal

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestNCCFixtures(t *testing.T) {
	f := loadFixtures(t)
	for ci, c := range f.NCC {
		img, tpl := denseOf(c["img"]), denseOf(c["tpl"])
		exact, sk := denseOf(c["exact"]), denseOf(c["skimage"])
		for _, m := range []Method{Auto, Direct, FFT} {
			got := NCCWith(img, tpl, NCCOptions{Method: m})
			if d := maxAbsDiff(got, exact); d > 1e-12 {
				t.Errorf("case %d %v: max |γ − exact| = %g", ci, m, d)
			}
			if d := maxAbsDiff(got, sk); d > 1e-6 {
				t.Errorf("case %d %v: max |γ − skimage| = %g", ci, m, d)
			}
		}
	}
}

func maxAbsDiff(a, b *mat.Dense) float64 {
	ar, ac := a.Dims()
	br, bc := b.Dims()
	if ar != br || ac != bc {
		return math.Inf(1)
	}
	var d float64
	for i := 0; i < ar; i++ {
		for j := 0; j < ac; j++ {
			d = math.Max(d, math.Abs(a.At(i, j)-b.At(i, j)))
		}
	}
	return d
}

func uniformImage(rng *rand.Rand, r, c int) *mat.Dense {
	m := mat.NewDense(r, c, nil)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			m.Set(i, j, rng.Float64())
		}
	}
	return m
}

func affine(m *mat.Dense, a, b float64) *mat.Dense {
	var out mat.Dense
	out.Apply(func(_, _ int, v float64) float64 { return a*v + b }, m)
	return &out
}

func TestNCCProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	img := uniformImage(rng, 90, 110)
	u0, v0 := 37, 52
	tpl := mat.DenseCopyOf(img.Slice(u0, u0+13, v0, v0+9))
	g := NCC(img, tpl)
	if r, c := g.Dims(); r != 90-13+1 || c != 110-9+1 {
		t.Fatalf("size %dx%d", r, c)
	}
	if v := g.At(u0, v0); math.Abs(v-1) > 1e-12 {
		t.Errorf("γ at the true place = %.17g", v)
	}
	if r, c, s := Match(img, tpl); r != u0 || c != v0 || math.Abs(s-1) > 1e-12 {
		t.Errorf("Match = (%d,%d,%g)", r, c, s)
	}
	if d := maxAbsDiff(g, NCCWith(img, tpl, NCCOptions{Method: Direct})); d > 1e-10 {
		t.Errorf("fast vs exact: %g", d)
	}
	for _, v := range g.RawMatrix().Data {
		if math.Abs(v) > 1+1e-12 {
			t.Fatalf("|γ| = %g > 1", v)
		}
	}
	// Affine brightness changes: unchanged for a > 0, negated for a < 0.
	for _, ab := range [][2]float64{{2.5, 0}, {0.3, 1000}, {1, -1e4}, {-1.7, 3}, {-0.01, 200}} {
		ga := NCC(affine(img, ab[0], ab[1]), tpl)
		var want mat.Dense
		want.Scale(math.Copysign(1, ab[0]), g)
		if d := maxAbsDiff(ga, &want); d > 1e-9 {
			t.Errorf("a=%g b=%g: max change %g", ab[0], ab[1], d)
		}
	}
	// The cosine form is invariant to a > 0 only.
	gc := NCCWith(img, tpl, NCCOptions{Cosine: true})
	if d := maxAbsDiff(NCCWith(affine(img, 3, 0), tpl, NCCOptions{Cosine: true}), gc); d > 1e-12 {
		t.Errorf("cosine not scale invariant: %g", d)
	}
	if d := maxAbsDiff(NCCWith(affine(img, 1, 0.5), tpl, NCCOptions{Cosine: true}), gc); d < 1e-3 {
		t.Errorf("cosine form ignored an offset (%g)", d)
	}
	if d := maxAbsDiff(gc, NCCWith(img, tpl, NCCOptions{Cosine: true, Method: Direct})); d > 1e-10 {
		t.Errorf("cosine fast vs exact: %g", d)
	}
	if v := gc.At(u0, v0); math.Abs(v-1) > 1e-12 {
		t.Errorf("cosine γ at true place = %g", v)
	}
}

func TestNCCZeroVariance(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	img := uniformImage(rng, 30, 30)
	flat := img.Slice(0, 12, 0, 12).(*mat.Dense)
	flat.Apply(func(_, _ int, _ float64) float64 { return 0.4 }, flat)
	tpl := uniformImage(rng, 5, 5)
	for _, m := range []Method{FFT, Direct} {
		g := NCCWith(img, tpl, NCCOptions{Method: m})
		for i := 0; i <= 7; i++ {
			for j := 0; j <= 7; j++ {
				if g.At(i, j) != 0 {
					t.Fatalf("%v: flat window (%d,%d) scored %g, want 0", m, i, j, g.At(i, j))
				}
			}
		}
		if g.At(20, 20) == 0 {
			t.Errorf("%v: textured window scored 0", m)
		}
	}
	// A constant template gives an all-zero map.
	if mat.Norm(NCC(img, mat.NewDense(3, 3, []float64{2, 2, 2, 2, 2, 2, 2, 2, 2})), 1) != 0 {
		t.Error("constant template must give zeros")
	}
	if !panics(func() { NCC(img, &mat.Dense{}) }) || !panics(func() { Correlate2D(img, &mat.Dense{}, Full) }) {
		t.Error("empty matrices must panic")
	}
	if !panics(func() { NCC(tpl, img) }) {
		t.Error("template larger than image must panic")
	}
}

// TestRawCorrelationVsNCC shows L95's point: a bright blob moves the peak
// of raw correlation but not the NCC peak.
func TestRawCorrelationVsNCC(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	img := mat.NewDense(64, 64, nil)
	img.Apply(func(_, _ int, _ float64) float64 { return rng.NormFloat64() * 0.1 }, img)
	u0, v0 := 10, 12
	tpl := mat.DenseCopyOf(img.Slice(u0, u0+8, v0, v0+8))
	raw := Correlate2D(img, tpl, Valid)
	if p := TopK(raw, 1, 1)[0]; p.Row != u0 || p.Col != v0 {
		t.Fatalf("raw correlation misses the template at first: %v", p)
	}
	blob := img.Slice(40, 56, 40, 56).(*mat.Dense)
	blob.Apply(func(_, _ int, v float64) float64 { return v + 5 }, blob)
	if p := TopK(Correlate2D(img, tpl, Valid), 1, 1)[0]; p.Row == u0 && p.Col == v0 {
		t.Errorf("expected the bright blob to win raw correlation, got %v", p)
	}
	if r, c, _ := Match(img, tpl); r != u0 || c != v0 {
		t.Errorf("NCC peak moved to (%d,%d)", r, c)
	}
}

func TestTopK(t *testing.T) {
	s := mat.NewDense(5, 6, []float64{
		0, 0, 0, 0, 0, 0,
		0, 9, 8, 0, 0, 0,
		0, 0, 0, 0, 7, 0,
		0, 0, 0, 0, 0, 0,
		math.NaN(), 0, 0, 0, 0, 6,
	})
	got := TopK(s, 3, 2)
	want := []Peak{{1, 1, 9}, {2, 4, 7}, {4, 5, 6}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("peak %d = %v, want %v", i, got[i], want[i])
		}
	}
	if got := TopK(s, 2, 0); got[1] != (Peak{1, 2, 8}) {
		t.Errorf("minDist 0: %v", got)
	}
	if got := TopK(mat.NewDense(2, 2, nil), 10, 1); len(got) != 4 {
		t.Errorf("k larger than the map: %d peaks", len(got))
	}
}

// TestNCCOutlierCut pins the documented behaviour of the zero-variance cut:
// a moderate outlier leaves the scores alone, an extreme one zeroes windows
// far below its scale.
func TestNCCOutlierCut(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	img := uniformImage(rng, 40, 40)
	tpl := mat.DenseCopyOf(img.Slice(5, 13, 6, 14))
	base := NCC(img, tpl)
	img.Set(35, 35, 1e4) // ~3e4 standard deviations: below the cut's reach
	g := NCC(img, tpl)
	if d := maxAbsDiff(g.Slice(0, 20, 0, 20).(*mat.Dense), base.Slice(0, 20, 0, 20).(*mat.Dense)); d > 1e-9 {
		t.Errorf("moderate outlier changed distant scores by %g", d)
	}
	img.Set(35, 35, 1e9) // far beyond: distant windows fall under the cut
	if v := NCC(img, tpl).At(5, 6); v != 0 {
		t.Errorf("extreme outlier: γ at the true place = %g, documented as 0", v)
	}
}

// TestNCCTwoLevel: a textured region 1000 units above another (window
// standard deviation 0.29) keeps its scores to 1e-8 of the exact ones; at a
// 1e6 offset the windows fall under the documented zero-variance cut.
func TestNCCTwoLevel(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, b := range []float64{1e3, 1e6} {
		img := uniformImage(rng, 64, 64)
		right := img.Slice(0, 64, 32, 64).(*mat.Dense)
		right.Apply(func(_, _ int, v float64) float64 { return v + b }, right)
		tpl := mat.DenseCopyOf(img.Slice(10, 20, 40, 50))
		g := NCC(img, tpl)
		exact := NCCWith(img, tpl, NCCOptions{Method: Direct})
		if d := maxAbsDiff(g, exact); d > 1e-8 {
			t.Errorf("b=%g: fast vs exact %g", b, d)
		}
		want := 1.0
		if b == 1e6 {
			want = 0 // σ_window / max deviation ≈ 6e-7 < 1e-6
		}
		if v := g.At(10, 40); math.Abs(v-want) > 1e-9 {
			t.Errorf("b=%g: γ at the true place %g, want %g", b, v, want)
		}
	}
}
