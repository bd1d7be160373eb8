package plots

import (
	"image/color"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// LinesXY draws one line per series through the points (xs[i][j],
// ys[i][j]), with a dot on each point and a legend of names: reconstruction
// error against code size k for AE and PCA, cumulative explained variance,
// error against β or ν. It panics with a *ShapeError if names, xs and ys
// differ in length or a series' xs and ys do.
func LinesXY(names []string, xs, ys [][]float64, xLabel, yLabel string) *Figure {
	if len(names) != len(xs) || len(xs) != len(ys) {
		shapePanic("LinesXY", "%d names, %d xs and %d ys", len(names), len(xs), len(ys))
	}
	p := newPlot("", xLabel, yLabel)
	for i := range ys {
		if len(xs[i]) != len(ys[i]) {
			shapePanic("LinesXY", "series %d has %d xs and %d ys", i, len(xs[i]), len(ys[i]))
		}
		addLine(p, names[i], xs[i], ys[i], i, false)
		var pts plotter.XYs
		for j, y := range ys[i] {
			if !math.IsNaN(y+xs[i][j]) && !math.IsInf(y+xs[i][j], 0) {
				pts = append(pts, plotter.XY{X: xs[i][j], Y: y})
			}
		}
		if s, err := plotter.NewScatter(pts); err == nil {
			s.Color = seriesColor(i)
			s.Shape = draw.CircleGlyph{}
			s.Radius = vg.Points(2.5)
			p.Add(s)
		}
	}
	return newFigure(p, defaultW, defaultH)
}

// Histograms overlays translucent histograms of several sets of values on
// the same bins (bins <= 0 chooses √n of the largest set, at most 100),
// for comparisons such as ‖J_f(x)‖_F of an AE and a CAE or ρ̂ at β = 0 and
// β = 3. Non-finite values are skipped. It panics with a *ShapeError if
// names and values differ in length or no value is finite.
func Histograms(names []string, values [][]float64, bins int, title string) *Figure {
	if len(names) != len(values) {
		shapePanic("Histograms", "%d names and %d value sets", len(names), len(values))
	}
	lo, hi, most := math.Inf(1), math.Inf(-1), 0
	for _, vs := range values {
		most = max(most, len(vs))
		for _, v := range vs {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if lo > hi {
		shapePanic("Histograms", "no finite values")
	}
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5
	}
	if bins <= 0 {
		bins = min(100, max(1, int(math.Sqrt(float64(most)))))
	}
	width := (hi - lo) / float64(bins)
	p := newPlot(title, "value", "count")
	for i, vs := range values {
		hb := make([]plotter.HistogramBin, bins)
		for b := range hb {
			hb[b].Min, hb[b].Max = lo+float64(b)*width, lo+float64(b+1)*width
		}
		for _, v := range vs {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			b := min(bins-1, int((v-lo)/width))
			hb[b].Weight++
		}
		c := Colors[i%len(Colors)]
		fill := color.NRGBA{R: c.R, G: c.G, B: c.B, A: 0x70}
		h := &plotter.Histogram{Bins: hb, Width: width, FillColor: fill,
			LineStyle: draw.LineStyle{Color: c, Width: vg.Points(1)}}
		p.Add(h)
		p.Legend.Add(names[i], h)
	}
	p.Y.Min = 0
	return newFigure(p, defaultW, defaultH)
}

// Quiver draws an arrow from each row of x (n×2) to x + d (d n×2): the
// vector field r(x̃) − x̃ of a denoising autoencoder on a 2-D toy set.
// Add the data with Figure.AddPoints or Figure.AddLine. It panics with a
// *ShapeError unless x and d are both n×2 (or wider: the first two columns
// are used).
func Quiver(x, d *mat.Dense) *Figure {
	if x == nil || d == nil {
		shapePanic("Quiver", "nil matrix")
	}
	n, c := x.Dims()
	m, k := d.Dims()
	if n != m || c < 2 || k < 2 {
		shapePanic("Quiver", "points %dx%d and vectors %dx%d", n, c, m, k)
	}
	a := &arrows{}
	for i := 0; i < n; i++ {
		a.from = append(a.from, plotter.XY{X: x.At(i, 0), Y: x.At(i, 1)})
		a.to = append(a.to, plotter.XY{X: x.At(i, 0) + d.At(i, 0), Y: x.At(i, 1) + d.At(i, 1)})
	}
	p := newPlot("", "x₁", "x₂")
	p.Add(a)
	return newFigure(p, defaultW, defaultW*0.85)
}

// arrows draws arrows between pairs of points.
type arrows struct{ from, to plotter.XYs }

// Plot implements plot.Plotter.
func (a *arrows) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	ls := draw.LineStyle{Color: color.Gray{Y: 70}, Width: vg.Points(0.8)}
	for i := range a.from {
		f, t := a.from[i], a.to[i]
		if math.IsNaN(f.X+f.Y+t.X+t.Y) || math.IsInf(f.X+f.Y+t.X+t.Y, 0) {
			continue
		}
		x0, y0, x1, y1 := trX(f.X), trY(f.Y), trX(t.X), trY(t.Y)
		c.StrokeLines(ls, c.ClipLinesXY([]vg.Point{{X: x0, Y: y0}, {X: x1, Y: y1}})...)
		dx, dy := float64(x1-x0), float64(y1-y0)
		l := math.Hypot(dx, dy)
		if l < 1e-9 || !c.Contains(vg.Point{X: x1, Y: y1}) {
			continue
		}
		head := math.Min(4, 0.4*l)
		ux, uy := dx/l, dy/l
		for _, s := range []float64{1, -1} {
			hx := x1 - vg.Length(head*(ux*0.866-s*uy*0.5))
			hy := y1 - vg.Length(head*(uy*0.866+s*ux*0.5))
			c.StrokeLine2(ls, x1, y1, hx, hy)
		}
	}
}

// DataRange implements plot.DataRanger.
func (a *arrows) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, pts := range []plotter.XYs{a.from, a.to} {
		for _, q := range pts {
			if !math.IsNaN(q.X+q.Y) && !math.IsInf(q.X+q.Y, 0) {
				xmin, xmax = math.Min(xmin, q.X), math.Max(xmax, q.X)
				ymin, ymax = math.Min(ymin, q.Y), math.Max(ymax, q.Y)
			}
		}
	}
	if xmin > xmax {
		return 0, 1, 0, 1
	}
	return xmin, xmax, ymin, ymax
}

// AddPoints adds the rows of pts (the first two columns) to the figure's
// plot as dots in the colour of series i (see Colors), with a legend entry
// when name is not empty, and returns f. It does nothing to a figure
// without a single plot (Plot() == nil).
func (f *Figure) AddPoints(name string, pts *mat.Dense, i int) *Figure {
	if f.plot == nil || pts == nil {
		return f
	}
	n, c := pts.Dims()
	if c < 2 {
		shapePanic("Figure.AddPoints", "points have %d columns, want 2", c)
	}
	xy := make(plotter.XYs, 0, n)
	for r := 0; r < n; r++ {
		if q := (plotter.XY{X: pts.At(r, 0), Y: pts.At(r, 1)}); !math.IsNaN(q.X+q.Y) && !math.IsInf(q.X+q.Y, 0) {
			xy = append(xy, q)
		}
	}
	s, err := plotter.NewScatter(xy)
	if err != nil {
		return f
	}
	s.Color = seriesColor(i)
	s.Shape = draw.CircleGlyph{}
	s.Radius = vg.Points(2)
	f.plot.Add(s)
	if name != "" {
		f.plot.Legend.Add(name, s)
	}
	return f
}

// AddLine adds the line through (xs[j], ys[j]) to the figure's plot in the
// colour of series i, with a legend entry when name is not empty, and
// returns f. It does nothing to a figure without a single plot. It panics
// with a *ShapeError if xs and ys differ in length.
func (f *Figure) AddLine(name string, xs, ys []float64, i int) *Figure {
	if len(xs) != len(ys) {
		shapePanic("Figure.AddLine", "%d xs and %d ys", len(xs), len(ys))
	}
	if f.plot != nil {
		addLine(f.plot, name, xs, ys, i, false)
	}
	return f
}

// Image draws img as a grey picture (rescaled from its minimum to its
// maximum) with row and column axes, row 0 at the top: an image before or
// after a kernel, a template.
func Image(img *mat.Dense, title string) *Figure {
	f := ImageWithBoxes(img, nil, nil, 1, 1)
	f.plot.Title.Text = title
	return f
}
