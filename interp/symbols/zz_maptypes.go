package symbols

import (
	"reflect"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"
)

// Composed interface wrappers. When an interpreted value is converted to a
// compiled interface, yaegi wraps it in the generated _I struct, which has
// only the methods of I: compiled code that then looks for an optional
// interface (plot.Add asks a Plotter for DataRanger and GlyphBoxer) would
// not see it. The wrappers below carry those optional methods too; yaegi
// picks the first one, from the richest, whose methods the value has.
func init() {
	Symbols["."] = map[string]reflect.Value{
		"MapTypes": reflect.ValueOf(map[reflect.Value][]reflect.Type{
			reflect.ValueOf((*_gonum_org_v1_plot_Plotter)(nil)): {
				reflect.TypeOf(plotterRangerBoxer{}),
				reflect.TypeOf(plotterRanger{}),
				reflect.TypeOf(plotterBoxer{}),
			},
		}),
	}
}

// plotterRangerBoxer is a plot.Plotter that is also a plot.DataRanger and a
// plot.GlyphBoxer.
type plotterRangerBoxer struct {
	IValue      any
	WPlot       func(c draw.Canvas, p *plot.Plot)
	WDataRange  func() (xmin, xmax, ymin, ymax float64)
	WGlyphBoxes func(p *plot.Plot) []plot.GlyphBox
}

func (w plotterRangerBoxer) Plot(c draw.Canvas, p *plot.Plot) { w.WPlot(c, p) }
func (w plotterRangerBoxer) DataRange() (xmin, xmax, ymin, ymax float64) {
	return w.WDataRange()
}
func (w plotterRangerBoxer) GlyphBoxes(p *plot.Plot) []plot.GlyphBox { return w.WGlyphBoxes(p) }

// plotterRanger is a plot.Plotter that is also a plot.DataRanger.
type plotterRanger struct {
	IValue     any
	WPlot      func(c draw.Canvas, p *plot.Plot)
	WDataRange func() (xmin, xmax, ymin, ymax float64)
}

func (w plotterRanger) Plot(c draw.Canvas, p *plot.Plot) { w.WPlot(c, p) }
func (w plotterRanger) DataRange() (xmin, xmax, ymin, ymax float64) {
	return w.WDataRange()
}

// plotterBoxer is a plot.Plotter that is also a plot.GlyphBoxer.
type plotterBoxer struct {
	IValue      any
	WPlot       func(c draw.Canvas, p *plot.Plot)
	WGlyphBoxes func(p *plot.Plot) []plot.GlyphBox
}

func (w plotterBoxer) Plot(c draw.Canvas, p *plot.Plot)        { w.WPlot(c, p) }
func (w plotterBoxer) GlyphBoxes(p *plot.Plot) []plot.GlyphBox { return w.WGlyphBoxes(p) }
