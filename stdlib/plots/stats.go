package plots

import (
	"fmt"
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Histogram draws a histogram of values with the given number of bins
// (bins <= 0 chooses √n, at least 1 and at most 100). NaN and ±Inf values
// are skipped and counted in the title. It panics with a *ShapeError if
// there is no finite value.
func Histogram(values []float64, bins int, title string) *Figure {
	var vs plotter.Values
	skipped := 0
	for _, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			skipped++
			continue
		}
		vs = append(vs, v)
	}
	if len(vs) == 0 {
		shapePanic("Histogram", "no finite values among %d", len(values))
	}
	if bins <= 0 {
		bins = min(100, max(1, int(math.Sqrt(float64(len(vs))))))
	}
	if skipped > 0 {
		title = fmt.Sprintf("%s (%d non-finite skipped)", title, skipped)
	}
	p := newPlot(title, "value", "count")
	h, err := plotter.NewHist(vs, bins)
	if err != nil {
		shapePanic("Histogram", "%v", err)
	}
	h.FillColor = color.RGBA{0x1f, 0x77, 0xb4, 0xb0}
	h.LineStyle.Color = color.White
	h.LineStyle.Width = vg.Points(0.5)
	p.Add(h)
	p.Y.Min = 0
	return newFigure(p, defaultW, defaultH)
}

// Scatter2D draws the rows of z (n×2, or the first two columns of a wider
// code) as points coloured by their label, with a legend "0", "1", … in
// increasing label order; labels may be nil for a single colour. Labels
// beyond ten reuse Colors with another glyph. It panics with a
// *ShapeError if z has fewer than 2 columns or labels is not nil and its
// length is not z's rows.
func Scatter2D(z *mat.Dense, labels []int) *Figure {
	if z == nil {
		shapePanic("Scatter2D", "nil codes")
	}
	n, c := z.Dims()
	if c < 2 {
		shapePanic("Scatter2D", "codes have %d columns, want at least 2", c)
	}
	if labels != nil && len(labels) != n {
		shapePanic("Scatter2D", "%d codes and %d labels", n, len(labels))
	}
	groups := map[int]plotter.XYs{}
	for i := 0; i < n; i++ {
		l := 0
		if labels != nil {
			l = labels[i]
		}
		groups[l] = append(groups[l], plotter.XY{X: z.At(i, 0), Y: z.At(i, 1)})
	}
	keys := make([]int, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	p := newPlot("codes", "z₁", "z₂")
	var names []string
	glyphs := []draw.GlyphDrawer{draw.CircleGlyph{}, draw.TriangleGlyph{}, draw.SquareGlyph{}, draw.CrossGlyph{}}
	for i, k := range keys {
		s, err := plotter.NewScatter(groups[k])
		if err != nil {
			// Non-finite codes: draw the finite ones only.
			var fin plotter.XYs
			for _, q := range groups[k] {
				if !math.IsNaN(q.X+q.Y) && !math.IsInf(q.X+q.Y, 0) {
					fin = append(fin, q)
				}
			}
			if s, err = plotter.NewScatter(fin); err != nil {
				continue
			}
		}
		s.Color = seriesColor(i)
		s.Shape = glyphs[(i/len(Colors))%len(glyphs)]
		s.Radius = vg.Points(2)
		p.Add(s)
		if labels != nil {
			p.Legend.Add(fmt.Sprint(k), s)
			names = append(names, fmt.Sprint(k))
		}
	}
	f := newFigure(p, defaultW, defaultW)
	if labels != nil {
		legendOutside(f, p, names)
	}
	return f
}

// MeanActivations draws each hidden unit's mean activation ρ̂_j as a bar,
// with the sparsity target rho as a dashed line across (the sparse
// autoencoder lesson: after training the bars sit near the line).
func MeanActivations(act []float64, rho float64) *Figure {
	if len(act) == 0 {
		shapePanic("MeanActivations", "no units")
	}
	p := newPlot("mean activation per hidden unit", "hidden unit j", "mean activation")
	b := &bars{ys: act, color: Colors[0]}
	p.Add(b)
	l, _ := plotter.NewLine(plotter.XYs{{X: -0.5, Y: rho}, {X: float64(len(act)) - 0.5, Y: rho}})
	l.Color = Colors[3]
	l.Dashes = dashes
	l.Width = vg.Points(1.5)
	p.Add(l)
	p.Legend.Add(fmt.Sprintf("target ρ = %g", rho), l)
	p.Legend.Add("unit mean", b)
	p.Y.Min = 0
	// Headroom for the legend above the tallest bar.
	_, _, _, top := b.DataRange()
	p.Y.Max = 1.3 * math.Max(top, rho)
	if len(act) <= 40 {
		p.X.Tick.Marker = intTicks{}
	}
	return newFigure(p, defaultW, defaultH)
}

// bars is a bar chart in data coordinates: bar j spans [j−0.4, j+0.4] from
// 0 to ys[j], so its width follows the axis whatever the figure size.
type bars struct {
	ys    []float64
	color color.Color
}

// Plot implements plot.Plotter.
func (b *bars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for j, y := range b.ys {
		if math.IsNaN(y) || math.IsInf(y, 0) {
			continue
		}
		x0, x1 := trX(float64(j)-0.4), trX(float64(j)+0.4)
		y0, y1 := trY(0), trY(y)
		if y1 < y0 {
			y0, y1 = y1, y0
		}
		if x1-x0 < 0.25 {
			x1 = x0 + 0.25
		}
		poly := []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
		c.FillPolygon(b.color, c.ClipPolygonXY(poly))
	}
}

// DataRange implements plot.DataRanger.
func (b *bars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = -0.5, float64(len(b.ys))-0.5
	for _, y := range b.ys {
		if !math.IsNaN(y) && !math.IsInf(y, 0) {
			ymin, ymax = math.Min(ymin, y), math.Max(ymax, y)
		}
	}
	return xmin, xmax, ymin, ymax
}

// Thumbnail implements plot.Thumbnailer for the legend.
func (b *bars) Thumbnail(c *draw.Canvas) {
	pts := []vg.Point{{X: c.Min.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Max.Y}}
	c.FillPolygon(b.color, c.ClipPolygonY(pts))
}
