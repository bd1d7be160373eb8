package plots

import (
	"fmt"
	"math"

	"github.com/gokernel/gokernel/stdlib/ae"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Curves draws one line per series against its index (0, 1, 2, …), with a
// legend of names. Non-finite values leave gaps. It panics with a
// *ShapeError if names and ys differ in length.
func Curves(names []string, ys [][]float64) *Figure {
	if len(names) != len(ys) {
		shapePanic("Curves", "%d names and %d series", len(names), len(ys))
	}
	p := newPlot("", "index", "value")
	for i, y := range ys {
		xs := make([]float64, len(y))
		for j := range xs {
			xs[j] = float64(j)
		}
		addLine(p, names[i], xs, y, i, false)
	}
	return newFigure(p, defaultW, defaultH)
}

// LossCurves draws the loss terms of a training run against the epoch:
// one colour per term that is non-zero somewhere (the total only when
// some regulariser is), training solid and validation dashed. The y axis is
// linear; set Plot().Y.Scale = plot.LogScale{} for a log axis.
func LossCurves(h *ae.History) *Figure {
	if h == nil {
		shapePanic("LossCurves", "nil history")
	}
	p := newPlot("loss: "+h.Stage, "epoch", "loss")
	xs := make([]float64, h.Len())
	hasVal := false
	for i, e := range h.Epochs {
		xs[i] = float64(e.Epoch)
		hasVal = hasVal || e.HasValidation
	}
	var names []string
	for i, name := range usedTerms(h) {
		names = append(names, name)
		addLine(p, name, xs, h.Values(name, false), i, false)
		if hasVal {
			v := h.Values(name, true)
			for j, e := range h.Epochs {
				if !e.HasValidation {
					v[j] = math.NaN()
				}
			}
			addLine(p, "val "+name, xs, v, i, true)
			names = append(names, "val "+name)
		}
	}
	p.X.Tick.Marker = intTicks{}
	f := newFigure(p, defaultW, defaultH)
	legendOutside(f, p, names)
	return f
}

// HistoriesCurves draws the term called term (one of ae.TermNames) of
// several runs against the epoch, one line per run named by its Stage: for
// example the per-layer pretraining losses of a deep autoencoder.
func HistoriesCurves(hs []*ae.History, term string) *Figure {
	p := newPlot(term, "epoch", "loss")
	for i, h := range hs {
		if h == nil {
			shapePanic("HistoriesCurves", "history %d is nil", i)
		}
		xs := make([]float64, h.Len())
		for j, e := range h.Epochs {
			xs[j] = float64(e.Epoch)
		}
		addLine(p, h.Stage, xs, h.Values(term, false), i, false)
	}
	return newFigure(p, defaultW, defaultH)
}

// usedTerms lists the terms of h worth drawing: those non-zero somewhere,
// with the total only when another term than reconstruction is used.
func usedTerms(h *ae.History) []string {
	var out []string
	regular := false
	for _, name := range ae.TermNames[:5] {
		used := name == "reconstruction"
		for _, e := range h.Epochs {
			if e.Train.Get(name) != 0 || e.Validation.Get(name) != 0 {
				used = true
			}
		}
		if used {
			out = append(out, name)
			regular = regular || name != "reconstruction"
		}
	}
	if regular {
		out = append(out, "total")
	}
	return out
}

// addLine adds the line (xs, ys) in the colour of series i, dashed if
// asked, with a legend entry; non-finite points split the line.
func addLine(p *plot.Plot, name string, xs, ys []float64, i int, dashed bool) {
	var seg plotter.XYs
	first := true
	flush := func() {
		if len(seg) == 0 {
			return
		}
		l, err := plotter.NewLine(seg)
		if err != nil {
			return
		}
		l.Color = seriesColor(i)
		l.Width = vg.Points(1.5)
		if dashed {
			l.Dashes = dashes
		}
		p.Add(l)
		if first && name != "" {
			p.Legend.Add(name, l)
			first = false
		}
		if len(seg) == 1 {
			s, _ := plotter.NewScatter(seg)
			s.Color = seriesColor(i)
			s.Shape = draw.CircleGlyph{}
			p.Add(s)
		}
		seg = nil
	}
	for j, y := range ys {
		if math.IsNaN(y) || math.IsInf(y, 0) {
			flush()
			continue
		}
		seg = append(seg, plotter.XY{X: xs[j], Y: y})
	}
	flush()
}

// KLCurve draws KL(ρ‖ρ̂) over ρ̂ in (0, 1) for the target rho, with its
// minimum 0 at ρ̂ = ρ marked. It panics with a *ShapeError unless
// 0 < rho < 1.
func KLCurve(rho float64) *Figure { return KLCurves([]float64{rho}) }

// KLCurves is KLCurve for several targets on one plot (for example 0.05
// and 0.2, as in the sparse autoencoder lesson).
func KLCurves(rhos []float64) *Figure {
	p := newPlot("sparsity penalty KL(ρ ‖ ρ_hat)", "ρ_hat (mean activation of a unit)", "KL(ρ ‖ ρ_hat)")
	const n = 397
	top := 0.0
	for i, rho := range rhos {
		if !(rho > 0 && rho < 1) {
			shapePanic("KLCurves", "rho %g is not in (0, 1)", rho)
		}
		xs := make([]float64, n)
		ys := make([]float64, n)
		for j := range xs {
			xs[j] = float64(j+2) / float64(n+3)
			ys[j] = ae.KL(rho, xs[j])
			top = math.Max(top, ys[j])
		}
		addLine(p, fmt.Sprintf("ρ = %g", rho), xs, ys, i, false)
	}
	for i, rho := range rhos {
		m, _ := plotter.NewScatter(plotter.XYs{{X: rho, Y: 0}})
		m.Color = seriesColor(i)
		m.Shape = draw.CircleGlyph{}
		m.Radius = vg.Points(4)
		p.Add(m)
		v, _ := plotter.NewLine(plotter.XYs{{X: rho, Y: 0}, {X: rho, Y: top}})
		v.Color = seriesColor(i)
		v.Dashes = dashes
		v.Width = vg.Points(0.75)
		p.Add(v)
	}
	p.X.Min, p.X.Max = 0, 1
	p.Y.Min = 0
	p.Legend.Left = true
	return newFigure(p, defaultW, defaultH)
}
