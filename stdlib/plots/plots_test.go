package plots_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/stdlib/ae"
	"github.com/gokernel/gokernel/stdlib/display"
	"github.com/gokernel/gokernel/stdlib/plots"
	"gonum.org/v1/gonum/mat"
)

// digits returns n fake 8x8 images in [0, 1] with a bar whose position
// depends on the row, and their labels.
func digits(n int) (*mat.Dense, []int) {
	x := mat.NewDense(n, 64, nil)
	labels := make([]int, n)
	for i := 0; i < n; i++ {
		labels[i] = i % 10
		for k := 0; k < 8; k++ {
			x.Set(i, k*8+i%8, 1)
			x.Set(i, (i%8)*8+k, 0.5)
		}
	}
	return x, labels
}

func history(epochs int, val bool) *ae.History {
	h := &ae.History{Stage: "fit"}
	for e := 1; e <= epochs; e++ {
		tr := ae.Terms{Reconstruction: 10 / float64(e), Sparsity: 1 / float64(e)}
		tr.Total = tr.Reconstruction + tr.Sparsity
		ep := ae.Epoch{Epoch: e, Train: tr}
		if val {
			ep.Validation = ae.Terms{Reconstruction: 11 / float64(e), Sparsity: 1.1 / float64(e)}
			ep.Validation.Total = ep.Validation.Reconstruction + ep.Validation.Sparsity
			ep.HasValidation = true
		}
		h.Epochs = append(h.Epochs, ep)
	}
	return h
}

// figures returns one figure of every kind, built from small fixed data.
func figures() map[string]func() *plots.Figure {
	x, _ := digits(20)
	rng := rand.New(rand.NewPCG(1, 2))
	z := mat.NewDense(200, 2, nil)
	zl := make([]int, 200)
	for i := 0; i < 200; i++ {
		zl[i] = i % 10
		z.Set(i, 0, float64(zl[i])+rng.NormFloat64()*0.3)
		z.Set(i, 1, rng.NormFloat64())
	}
	heat := mat.NewDense(30, 40, nil)
	for i := 0; i < 30; i++ {
		for j := 0; j < 40; j++ {
			heat.Set(i, j, math.Cos(float64(i)/5)*math.Sin(float64(j)/7))
		}
	}
	w := mat.NewDense(64, 9, nil)
	for i := 0; i < 64; i++ {
		for j := 0; j < 9; j++ {
			w.Set(i, j, rng.NormFloat64())
		}
	}
	return map[string]func() *plots.Figure{
		"Images":          func() *plots.Figure { return plots.Images(x, 8, 8, 5) },
		"ImageRows":       func() *plots.Figure { return plots.ImageRows([][]float64{x.RawRowView(0), x.RawRowView(1)}, 8, 8, 0) },
		"Reconstructions": func() *plots.Figure { return plots.Reconstructions(x, x, 6, 8, 8) },
		"ReconstructionRows": func() *plots.Figure {
			return plots.ReconstructionRows([]*mat.Dense{x, x, x}, []string{"a", "b", "c"}, 5, 8, 8)
		},
		"Filters":    func() *plots.Figure { return plots.Filters(w, 8, 8) },
		"LossCurves": func() *plots.Figure { return plots.LossCurves(history(6, true)) },
		"HistoriesCurves": func() *plots.Figure {
			return plots.HistoriesCurves([]*ae.History{history(3, false), history(5, false)}, "total")
		},
		"Curves": func() *plots.Figure {
			return plots.Curves([]string{"a", "b"}, [][]float64{{1, 3, 2}, {2, math.NaN(), 1, 0}})
		},
		"KLCurve":          func() *plots.Figure { return plots.KLCurve(0.05) },
		"KLCurves":         func() *plots.Figure { return plots.KLCurves([]float64{0.05, 0.2}) },
		"MeanActivations":  func() *plots.Figure { return plots.MeanActivations([]float64{0.05, 0.2, 0.1, 0.07}, 0.1) },
		"Histogram":        func() *plots.Figure { return plots.Histogram(z.RawMatrix().Data, 20, "codes") },
		"Scatter2D":        func() *plots.Figure { return plots.Scatter2D(z, zl) },
		"Heatmap":          func() *plots.Figure { return plots.Heatmap(heat, "map") },
		"HeatmapWithPeaks": func() *plots.Figure { return plots.HeatmapWithPeaks(heat, "map", []int{0, 15}, []int{10, 30}) },
		"ImageWithBox":     func() *plots.Figure { return plots.ImageWithBox(heat, 3, 4, 10, 12) },
		"Signal1D":         func() *plots.Figure { return plots.Signal1D([]string{"x", "h"}, [][]float64{{1, 2, -1}, {1, -1}}) },
	}
}

func decode(t *testing.T, name string, f *plots.Figure) image.Image {
	t.Helper()
	b, err := f.PNG()
	if err != nil {
		t.Fatalf("%s: PNG: %v", name, err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: PNG does not decode: %v", name, err)
	}
	return img
}

// count returns the number of pixels of img for which keep is true.
func count(img image.Image, keep func(r, g, b uint8) bool) int {
	n := 0
	bd := img.Bounds()
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if keep(c.R, c.G, c.B) {
				n++
			}
		}
	}
	return n
}

func TestEveryFigureRenders(t *testing.T) {
	for name, mk := range figures() {
		f := mk()
		img := decode(t, name, f)
		w, h := f.Size()
		bd := img.Bounds()
		if dx, dy := float64(bd.Dx()), float64(bd.Dy()); math.Abs(dx-w*float64(f.DPI())) > 1 || math.Abs(dy-h*float64(f.DPI())) > 1 {
			t.Errorf("%s: PNG is %dx%d px, want %.0fx%.0f", name, bd.Dx(), bd.Dy(), w*96, h*96)
		}
		ink := count(img, func(r, g, b uint8) bool { return r < 230 || g < 230 || b < 230 })
		if frac := float64(ink) / float64(bd.Dx()*bd.Dy()); frac < 0.01 {
			t.Errorf("%s: only %.2f%% of pixels are not white", name, 100*frac)
		}
		svg := f.SVG()
		if !strings.HasPrefix(svg, "<?xml") && !strings.HasPrefix(svg, "<svg") {
			t.Errorf("%s: SVG starts %q", name, svg[:min(len(svg), 20)])
		}
		if !strings.Contains(svg, "</svg>") {
			t.Errorf("%s: SVG is not closed", name)
		}
	}
}

func TestDeterministic(t *testing.T) {
	for name, mk := range figures() {
		a, _ := mk().PNG()
		b, _ := mk().PNG()
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renderings of the same figure differ (PNG)", name)
		}
		s1, s2 := mk().SVG(), mk().SVG()
		if s1 != s2 {
			t.Errorf("%s: two renderings of the same figure differ (SVG)", name)
		}
	}
}

func TestSizeAndDPI(t *testing.T) {
	f := plots.KLCurve(0.1).WithSize(3, 2).WithDPI(50)
	img := decode(t, "KLCurve", f)
	if b := img.Bounds(); b.Dx() != 150 || b.Dy() != 100 {
		t.Fatalf("3x2 in at 50 dpi rendered %v, want 150x100", b)
	}
}

func TestShapeErrors(t *testing.T) {
	x, labels := digits(4)
	cases := map[string]func(){
		"Images wrong pixels":      func() { plots.Images(x, 7, 8, 2) },
		"Images none":              func() { plots.ImageRows(nil, 8, 8, 2) },
		"Images too many":          func() { plots.Images(mat.NewDense(plots.MaxTiles+1, 4, nil), 2, 2, 10) },
		"Reconstructions too few":  func() { plots.Reconstructions(x, x, 5, 8, 8) },
		"ReconstructionRows names": func() { plots.ReconstructionRows([]*mat.Dense{x, x}, []string{"a"}, 2, 8, 8) },
		"Filters shape":            func() { plots.Filters(mat.NewDense(10, 12, nil), 8, 8) },
		"Curves names":             func() { plots.Curves([]string{"a"}, nil) },
		"KL rho":                   func() { plots.KLCurve(1) },
		"MeanActivations empty":    func() { plots.MeanActivations(nil, 0.1) },
		"Histogram no data":        func() { plots.Histogram([]float64{math.NaN()}, 3, "") },
		"Scatter2D one column":     func() { plots.Scatter2D(mat.NewDense(3, 1, nil), nil) },
		"Scatter2D labels":         func() { plots.Scatter2D(mat.NewDense(3, 2, nil), labels) },
		"Heatmap peaks":            func() { plots.HeatmapWithPeaks(x, "", []int{1}, nil) },
		"ImageWithBox box":         func() { plots.ImageWithBox(x, 0, 0, 0, 2) },
		"Signal1D names":           func() { plots.Signal1D([]string{"a", "b"}, [][]float64{{1}}) },
		"WithSize":                 func() { plots.KLCurve(0.1).WithSize(0, 1) },
		"Signal1DAt starts":        func() { plots.Signal1DAt([]string{"a"}, []int{1, 2}, [][]float64{{1}}) },
		"LinesXY lengths":          func() { plots.LinesXY([]string{"a"}, [][]float64{{1, 2}}, [][]float64{{1}}, "", "") },
		"Histograms names":         func() { plots.Histograms([]string{"a"}, nil, 3, "") },
		"Quiver rows":              func() { plots.Quiver(mat.NewDense(3, 2, nil), mat.NewDense(2, 2, nil)) },
		"Grid empty":               func() { plots.Grid(nil, 2) },
		"NewFigure nil":            func() { plots.NewFigure(nil, 1, 1) },
		"AddLine":                  func() { plots.KLCurve(0.1).AddLine("x", []float64{1}, nil, 0) },
	}
	for name, call := range cases {
		func() {
			defer func() {
				r := recover()
				err, ok := r.(error)
				var se *plots.ShapeError
				if !ok || !errors.As(err, &se) {
					t.Errorf("%s: panic %v (%T), want *plots.ShapeError", name, r, r)
				}
			}()
			call()
		}()
	}
}

func TestImagesGreyScale(t *testing.T) {
	// A white tile next to a black one: the picture holds both extremes.
	x := mat.NewDense(2, 4, []float64{1, 1, 1, 1, 0, 0, 0, 0})
	img := decode(t, "Images", plots.Images(x, 2, 2, 2))
	white := count(img, func(r, g, b uint8) bool { return r == 255 && g == 255 && b == 255 })
	black := count(img, func(r, g, b uint8) bool { return r < 5 && g < 5 && b < 5 })
	if white == 0 || black < 1000 {
		t.Fatalf("white %d, black %d pixels; want a large black tile", white, black)
	}
}

func TestMarksAreDrawn(t *testing.T) {
	heat := mat.NewDense(20, 20, nil)
	for i := 0; i < 20; i++ {
		for j := 0; j < 20; j++ {
			heat.Set(i, j, float64(i-j)/20)
		}
	}
	green := func(r, g, b uint8) bool { return g > 180 && r < 80 && b < 80 }
	red := func(r, g, b uint8) bool { return r > 220 && g < 60 && b < 60 }
	if n := count(decode(t, "Heatmap", plots.Heatmap(heat, "")), green); n != 0 {
		t.Errorf("heat map without peaks has %d peak-green pixels", n)
	}
	if n := count(decode(t, "HeatmapWithPeaks", plots.HeatmapWithPeaks(heat, "", []int{3}, []int{4})), green); n < 20 {
		t.Errorf("peak × has %d green pixels", n)
	}
	if n := count(decode(t, "ImageWithBox", plots.ImageWithBox(heat, 2, 2, 5, 5)), red); n < 100 {
		t.Errorf("box has %d red pixels", n)
	}
}

func TestScatterColoursEveryClass(t *testing.T) {
	z := mat.NewDense(100, 2, nil)
	labels := make([]int, 100)
	for i := 0; i < 100; i++ {
		labels[i] = i % 10
		z.Set(i, 0, float64(i%10))
		z.Set(i, 1, float64(i/10))
	}
	img := decode(t, "Scatter2D", plots.Scatter2D(z, labels))
	for k, c := range plots.Colors {
		n := count(img, func(r, g, b uint8) bool {
			return absDiff(r, c.R) < 8 && absDiff(g, c.G) < 8 && absDiff(b, c.B) < 8
		})
		if n < 10 {
			t.Errorf("class %d colour %v: %d pixels", k, c, n)
		}
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

func TestSaveAndBundle(t *testing.T) {
	dir := t.TempDir()
	f := plots.LossCurves(history(3, false))
	for _, name := range []string{"a.png", "b.svg"} {
		if err := f.Save(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	p, _ := os.ReadFile(filepath.Join(dir, "a.png"))
	if _, err := png.Decode(bytes.NewReader(p)); err != nil {
		t.Errorf("saved PNG: %v", err)
	}
	s, _ := os.ReadFile(filepath.Join(dir, "b.svg"))
	if !bytes.Contains(s, []byte("<svg")) {
		t.Errorf("saved SVG has no <svg")
	}
	b, rich := display.BundleOf(f)
	if !rich || b.Data[display.MIMEPNG] == nil || b.Data[display.MIMESVG] == nil {
		t.Fatalf("bundle has %v", keys(b.Data))
	}
	if txt := b.Data[display.MIMEText].(string); !strings.Contains(txt, "Figure") {
		t.Errorf("text/plain %q", txt)
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestGridSize(t *testing.T) {
	a := plots.KLCurve(0.1).WithSize(3, 2)
	b := plots.KLCurve(0.2).WithSize(4, 3)
	w, h := plots.Grid([]*plots.Figure{a, b}, 0).Size()
	if w != 7 || h != 3 {
		t.Errorf("one row: %gx%g in, want 7x3", w, h)
	}
	w, h = plots.Grid([]*plots.Figure{a, b}, 1).Size()
	if w != 4 || h != 5 {
		t.Errorf("one column: %gx%g in, want 4x5", w, h)
	}
}

func TestAddToFigure(t *testing.T) {
	pts := mat.NewDense(3, 2, []float64{0.1, 1, 0.5, 2, 0.9, 3})
	plain := count(decode(t, "KLCurve", plots.KLCurve(0.1)), func(r, g, b uint8) bool { return r < 250 || g < 250 || b < 250 })
	more := count(decode(t, "KLCurve", plots.KLCurve(0.1).AddPoints("data", pts, 2).AddLine("line", []float64{0, 1}, []float64{4, 0}, 3)),
		func(r, g, b uint8) bool { return r < 250 || g < 250 || b < 250 })
	if more <= plain {
		t.Errorf("adding points and a line did not add ink: %d vs %d", more, plain)
	}
}

func TestDegenerateInputsRender(t *testing.T) {
	constant := mat.NewDense(5, 5, nil)
	nan := mat.NewDense(2, 2, []float64{math.NaN(), math.NaN(), math.NaN(), math.NaN()})
	cases := map[string]*plots.Figure{
		"empty history":    plots.LossCurves(&ae.History{Stage: "fit"}),
		"one epoch":        plots.LossCurves(history(1, true)),
		"constant heatmap": plots.Heatmap(constant, ""),
		"NaN heatmap":      plots.Heatmap(nan, ""),
		"constant image":   plots.Image(constant, ""),
		"equal values":     plots.Histogram([]float64{2, 2, 2}, 0, ""),
		"one image":        plots.Images(mat.NewDense(1, 4, []float64{0, 1, 2, 3}), 2, 2, 10),
		"empty series":     plots.Curves([]string{"a"}, [][]float64{nil}),
	}
	for name, f := range cases {
		if _, err := f.PNG(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
