package plots

import (
	"image/color"
	"math"
	"strconv"

	"github.com/gokernel/gokernel/stdlib/signal"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Heatmap draws the matrix m as coloured cells, row 0 at the top and
// column 0 at the left like an image, with a colour bar on the right. A
// map with both signs (a correlation or NCC map) uses a diverging
// blue-white-red scale symmetric about 0; a map of one sign uses the
// black-body scale from its minimum to its maximum. NaN cells are grey.
// It panics with a *ShapeError if m is nil or empty.
func Heatmap(m *mat.Dense, title string) *Figure {
	return HeatmapWithPeaks(m, title, nil, nil)
}

// HeatmapWithPeaks is Heatmap with a × drawn on cell (rows[i], cols[i])
// for every i: the peaks of a score map (see PeakCoords for
// signal.TopK's result). It panics with a *ShapeError if rows and cols
// differ in length.
func HeatmapWithPeaks(m *mat.Dense, title string, rows, cols []int) *Figure {
	if m == nil || m.IsEmpty() {
		shapePanic("Heatmap", "empty matrix")
	}
	if len(rows) != len(cols) {
		shapePanic("HeatmapWithPeaks", "%d peak rows and %d peak cols", len(rows), len(cols))
	}
	r, c := m.Dims()
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := 0; i < r; i++ {
		for _, v := range m.RawRowView(i) {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if lo > hi {
		lo, hi = 0, 1
	}
	var cm palette.ColorMap
	if lo < 0 && hi > 0 {
		a := math.Max(-lo, hi)
		lo, hi = -a, a
		cm = moreland.SmoothBlueRed()
	} else {
		cm = moreland.ExtendedBlackBody()
	}
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5
	}
	cm.SetMin(lo)
	cm.SetMax(hi)

	p := newPlot(title, "column", "row")
	hm := plotter.NewHeatMap(grid{m: mat.DenseCopyOf(m), r: r, c: c}, cm.Palette(255))
	hm.Min, hm.Max = lo, hi
	hm.NaN = color.Gray{Y: 160}
	hm.Rasterized = r*c > 2500
	p.Add(hm)
	p.Y.Tick.Marker = flipTicks{off: float64(r - 1)}
	p.X.Min, p.X.Max = -0.5, float64(c)-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(r)-0.5
	if len(rows) > 0 {
		pts := make(plotter.XYs, len(rows))
		for i := range rows {
			pts[i] = plotter.XY{X: float64(cols[i]), Y: float64(r - 1 - rows[i])}
		}
		s, _ := plotter.NewScatter(pts)
		s.Shape = thickCross{width: vg.Points(2.5)}
		s.Color = color.RGBA{0x20, 0xd0, 0x20, 0xff}
		s.Radius = vg.Points(7)
		p.Add(s)
	}
	bar := plot.New()
	bar.HideX()
	bar.Y.Padding = 0
	bar.Add(&plotter.ColorBar{ColorMap: cm, Vertical: true})

	aspect := float64(c) / float64(r)
	hIn := 4.5
	wIn := math.Min(9, math.Max(3.5, hIn*aspect+1)) + 1
	f := newFigure(p, wIn, hIn)
	f.draw = func(dc draw.Canvas) {
		split := dc.Max.X - 1.1*vg.Inch
		main := draw.Crop(dc, 0, split-dc.Max.X, 0, 0)
		p.Draw(main)
		// The bar spans the map's data area: below the title, above the
		// x axis.
		da := p.DataCanvas(main)
		side := draw.Crop(dc, split-dc.Min.X+0.2*vg.Inch, -0.1*vg.Inch, da.Min.Y-dc.Min.Y, da.Max.Y-dc.Max.Y)
		bar.Draw(side)
	}
	return f
}

// grid adapts a matrix to plotter.GridXYZ with row 0 at the top.
type grid struct {
	m    *mat.Dense
	r, c int
}

func (g grid) Dims() (c, r int)   { return g.c, g.r }
func (g grid) Z(c, r int) float64 { return g.m.At(g.r-1-r, c) }
func (g grid) X(c int) float64    { return float64(c) }
func (g grid) Y(r int) float64    { return float64(r) }

// flipTicks labels a y axis that runs upwards with the row numbers of an
// image that run downwards: the value y is row off−y.
type flipTicks struct{ off float64 }

// Ticks implements plot.Ticker.
func (t flipTicks) Ticks(lo, hi float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(t.off-hi, t.off-lo)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = flipLabel(ts[i].Value)
		}
		ts[i].Value = t.off - ts[i].Value
	}
	return ts
}

// flipLabel formats a row number for an axis label.
func flipLabel(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }

// ImageWithBox draws img (grey, rescaled from its minimum to its maximum)
// with the h×w box whose top-left pixel is (row, col) outlined: the
// window a template search found.
func ImageWithBox(img *mat.Dense, row, col, h, w int) *Figure {
	return ImageWithBoxes(img, []int{row}, []int{col}, h, w)
}

// ImageWithBoxes is ImageWithBox for several boxes of the same size, the
// i-th at top-left pixel (rows[i], cols[i]). It panics with a *ShapeError
// if img is empty, rows and cols differ in length or h, w < 1.
func ImageWithBoxes(img *mat.Dense, rows, cols []int, h, w int) *Figure {
	if img == nil || img.IsEmpty() {
		shapePanic("ImageWithBox", "empty image")
	}
	if len(rows) != len(cols) {
		shapePanic("ImageWithBoxes", "%d box rows and %d box cols", len(rows), len(cols))
	}
	if h < 1 || w < 1 {
		shapePanic("ImageWithBox", "box %dx%d", h, w)
	}
	r, c := img.Dims()
	rs := denseRows(img)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, row := range rs {
		for _, v := range row {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if !(lo < hi) {
		lo, hi = lo-0.5, lo+0.5
	}
	flat := make([]float64, 0, r*c)
	for _, row := range rs {
		flat = append(flat, toUnit(row, lo, hi)...)
	}
	scale := max(1, 512/max(r, c))
	pic := gridImage([][]float64{flat}, r, c, 1, scale)

	p := newPlot("", "column", "row")
	p.Add(plotter.NewImage(pic, 0, 0, float64(c), float64(r)))
	p.Y.Tick.Marker = flipTicks{off: float64(r)}
	p.X.Min, p.X.Max = 0, float64(c)
	p.Y.Min, p.Y.Max = 0, float64(r)
	for i := range rows {
		x0, x1 := float64(cols[i]), float64(cols[i]+w)
		y0, y1 := float64(r-rows[i]-h), float64(r-rows[i])
		l, _ := plotter.NewLine(plotter.XYs{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}, {X: x0, Y: y0}})
		l.Color = color.RGBA{0xff, 0x20, 0x20, 0xff}
		l.Width = vg.Points(2)
		p.Add(l)
	}
	aspect := float64(c) / float64(r)
	hIn := 4.5
	return newFigure(p, math.Min(9, math.Max(3, (hIn-0.6)*aspect+0.8)), hIn)
}

// thickCross is a × glyph drawn with lines of the given width.
type thickCross struct{ width vg.Length }

// DrawGlyph implements draw.GlyphDrawer.
func (t thickCross) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	ls := draw.LineStyle{Color: sty.Color, Width: t.width}
	r := sty.Radius * 0.7071
	c.StrokeLine2(ls, pt.X-r, pt.Y-r, pt.X+r, pt.Y+r)
	c.StrokeLine2(ls, pt.X-r, pt.Y+r, pt.X+r, pt.Y-r)
}

// PeakCoords splits peaks (from signal.TopK) into the rows and cols that
// HeatmapWithPeaks and ImageWithBoxes take.
func PeakCoords(peaks []signal.Peak) (rows, cols []int) {
	rows = make([]int, len(peaks))
	cols = make([]int, len(peaks))
	for i, pk := range peaks {
		rows[i], cols[i] = pk.Row, pk.Col
	}
	return rows, cols
}
