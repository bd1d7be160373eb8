package signal

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// fixtures mirrors testdata/fixtures.json, made by testdata/make_fixtures.py
// with NumPy, SciPy and scikit-image.
type fixtures struct {
	Conv1D []map[string][]float64   `json:"conv1d"`
	Conv2D []map[string][][]float64 `json:"conv2d"`
	NCC    []map[string][][]float64 `json:"ncc"`
}

func loadFixtures(t *testing.T) fixtures {
	t.Helper()
	b, err := os.ReadFile("testdata/fixtures.json")
	if err != nil {
		t.Fatal(err)
	}
	var f fixtures
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Conv1D) == 0 || len(f.Conv2D) == 0 || len(f.NCC) == 0 {
		t.Fatal("empty fixtures")
	}
	return f
}

func denseOf(rows [][]float64) *mat.Dense {
	m := mat.NewDense(len(rows), len(rows[0]), nil)
	for i, r := range rows {
		m.SetRow(i, r)
	}
	return m
}

var allMethods = []Method{Auto, Direct, FFT, OverlapAdd}
var allModes = []Mode{Full, Same, Valid}

// maxRelDiff is max|a-b| / max(max|b|, tiny); it reports a length mismatch as +Inf.
func maxRelDiff(a, b []float64) float64 {
	if len(a) != len(b) {
		return math.Inf(1)
	}
	var d, s float64
	for i := range a {
		d = math.Max(d, math.Abs(a[i]-b[i]))
		s = math.Max(s, math.Abs(b[i]))
	}
	return d / math.Max(s, 1e-300)
}

func maxRelDiffDense(a, b *mat.Dense) float64 {
	ar, ac := a.Dims()
	br, bc := b.Dims()
	if ar != br || ac != bc {
		return math.Inf(1)
	}
	return maxRelDiff(flat(a), flat(b))
}

// flat returns the elements of m in row-major order.
func flat(m mat.Matrix) []float64 {
	r, c := m.Dims()
	out := make([]float64, 0, r*c)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			out = append(out, m.At(i, j))
		}
	}
	return out
}

func TestFixtures1D(t *testing.T) {
	f := loadFixtures(t)
	for ci, c := range f.Conv1D {
		for _, mode := range allModes {
			for _, meth := range allMethods {
				got := ConvolveWith(c["x"], c["h"], mode, meth)
				if d := maxRelDiff(got, c["convolve_"+mode.String()]); d > 1e-12 {
					t.Errorf("case %d (N=%d M=%d) Convolve %v %v: rel diff %g\n got %v\nwant %v",
						ci, len(c["x"]), len(c["h"]), mode, meth, d, got, c["convolve_"+mode.String()])
				}
				got = CorrelateWith(c["x"], c["h"], mode, meth)
				if d := maxRelDiff(got, c["correlate_"+mode.String()]); d > 1e-12 {
					t.Errorf("case %d (N=%d M=%d) Correlate %v %v: rel diff %g\n got %v\nwant %v",
						ci, len(c["x"]), len(c["h"]), mode, meth, d, got, c["correlate_"+mode.String()])
				}
			}
		}
	}
}

func TestFixtures2D(t *testing.T) {
	f := loadFixtures(t)
	for ci, c := range f.Conv2D {
		img, k := denseOf(c["img"]), denseOf(c["k"])
		for _, mode := range allModes {
			for _, meth := range allMethods {
				for _, op := range []string{"convolve", "correlate"} {
					want := c[op+"_"+mode.String()]
					var got *mat.Dense
					call := func() {
						if op == "convolve" {
							got = Convolve2DWith(img, k, mode, meth)
						} else {
							got = Correlate2DWith(img, k, mode, meth)
						}
					}
					if want == nil {
						if !panics(call) {
							t.Errorf("case %d %s %v: SciPy refuses these shapes, want a panic", ci, op, mode)
						}
						continue
					}
					call()
					if d := maxRelDiffDense(got, denseOf(want)); d > 1e-12 {
						t.Errorf("case %d %s %v %v: rel diff %g\n got %v\nwant %v", ci, op, mode, meth, d,
							mat.Formatted(got), mat.Formatted(denseOf(want)))
					}
				}
			}
		}
	}
}

func panics(f func()) (p bool) {
	defer func() { p = recover() != nil }()
	f()
	return false
}
