package plots

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// stemMax is the longest series Signal1D draws as stems; longer ones are
// drawn as lines.
const stemMax = 128

// Signal1D draws each series in its own panel, stacked with a shared
// sample axis n = 0, 1, 2, …: a stem plot (a vertical line from 0 to each
// sample, capped by a dot) for series of up to 128 samples, a line for
// longer ones. It is the picture of the convolution and LTI lessons: input,
// impulse response and output one above the other. Plot() returns the top
// panel. It panics with a *ShapeError if names and ys differ in length or
// there is no series.
func Signal1D(names []string, ys [][]float64) *Figure {
	return Signal1DAt(names, nil, ys)
}

// Signal1DAt is Signal1D with series i starting at sample index starts[i]
// instead of 0 (nil starts means all 0): the lags of a correlation, a
// shifted impulse response, the kernel at one step of "flip and slide".
// All panels share the sample axis. It panics with a *ShapeError if starts
// is not nil and differs from ys in length.
func Signal1DAt(names []string, starts []int, ys [][]float64) *Figure {
	if len(names) != len(ys) || len(ys) == 0 {
		shapePanic("Signal1D", "%d names and %d series", len(names), len(ys))
	}
	if starts != nil && len(starts) != len(ys) {
		shapePanic("Signal1DAt", "%d starts and %d series", len(starts), len(ys))
	}
	lo, hi := 0, 0
	for i, y := range ys {
		s := 0
		if starts != nil {
			s = starts[i]
		}
		if i == 0 || s < lo {
			lo = s
		}
		hi = max(hi, s+len(y))
	}
	panels := make([][]*plot.Plot, len(ys))
	for i, y := range ys {
		p := newPlot("", "", names[i])
		if i == len(ys)-1 {
			p.X.Label.Text = "n"
		}
		st := &stems{ys: y, color: seriesColor(i), lines: len(y) > stemMax}
		if starts != nil {
			st.start = starts[i]
		}
		p.Add(st)
		p.X.Min, p.X.Max = float64(lo)-0.5, float64(hi)-0.5
		p.X.Tick.Marker = intTicks{}
		panels[i] = []*plot.Plot{p}
	}
	f := newFigure(panels[0][0], defaultW, 0.4+1.7*float64(len(ys)))
	f.draw = func(dc draw.Canvas) {
		t := draw.Tiles{Rows: len(ys), Cols: 1, PadY: 0.12 * vg.Inch, PadTop: 0.05 * vg.Inch,
			PadLeft: 0.05 * vg.Inch, PadRight: 0.1 * vg.Inch, PadBottom: 0.05 * vg.Inch}
		cs := plot.Align(panels, t, dc)
		for i := range panels {
			panels[i][0].Draw(cs[i][0])
		}
	}
	return f
}

// stems draws samples as stems or, when lines is set, as a polyline.
type stems struct {
	ys    []float64
	start int
	color color.Color
	lines bool
}

// Plot implements plot.Plotter.
func (s *stems) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	base := draw.LineStyle{Color: color.Gray{Y: 120}, Width: vg.Points(0.5)}
	c.StrokeLines(base, c.ClipLinesX([]vg.Point{{X: c.Min.X, Y: trY(0)}, {X: c.Max.X, Y: trY(0)}})...)
	ls := draw.LineStyle{Color: s.color, Width: vg.Points(1.2)}
	if s.lines {
		var pts []vg.Point
		for j, y := range s.ys {
			if math.IsNaN(y) || math.IsInf(y, 0) {
				c.StrokeLines(ls, c.ClipLinesXY(pts)...)
				pts = pts[:0]
				continue
			}
			pts = append(pts, vg.Point{X: trX(float64(s.start + j)), Y: trY(y)})
		}
		c.StrokeLines(ls, c.ClipLinesXY(pts)...)
		return
	}
	gs := draw.GlyphStyle{Color: s.color, Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}
	for j, y := range s.ys {
		if math.IsNaN(y) || math.IsInf(y, 0) {
			continue
		}
		x := trX(float64(s.start + j))
		c.StrokeLine2(ls, x, trY(0), x, trY(y))
		c.DrawGlyph(gs, vg.Point{X: x, Y: trY(y)})
	}
}

// DataRange implements plot.DataRanger; the range always includes 0.
func (s *stems) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = float64(s.start)-0.5, float64(s.start+len(s.ys))-0.5
	for _, y := range s.ys {
		if !math.IsNaN(y) && !math.IsInf(y, 0) {
			ymin, ymax = math.Min(ymin, y), math.Max(ymax, y)
		}
	}
	if ymin == ymax {
		ymax = ymin + 1
	}
	return xmin, xmax, ymin, ymax
}
