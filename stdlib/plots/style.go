package plots

import (
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Colors are the ten distinguishable colours used for series and classes,
// in order (the "category 10" palette: blue, orange, green, red, purple,
// brown, pink, grey, olive, cyan). Series i uses Colors[i%10].
var Colors = []color.RGBA{
	{0x1f, 0x77, 0xb4, 0xff},
	{0xff, 0x7f, 0x0e, 0xff},
	{0x2c, 0xa0, 0x2c, 0xff},
	{0xd6, 0x27, 0x28, 0xff},
	{0x94, 0x67, 0xbd, 0xff},
	{0x8c, 0x56, 0x4b, 0xff},
	{0xe3, 0x77, 0xc2, 0xff},
	{0x7f, 0x7f, 0x7f, 0xff},
	{0xbc, 0xbd, 0x22, 0xff},
	{0x17, 0xbe, 0xcf, 0xff},
}

// seriesColor returns the colour of series i.
func seriesColor(i int) color.Color { return Colors[i%len(Colors)] }

// dashes is the dash pattern of validation and reference lines.
var dashes = []vg.Length{vg.Points(6), vg.Points(3)}

// newPlot returns a plot with a title, axis labels and a light grid-free
// look shared by every figure.
func newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.Legend.Top = true
	return p
}

// Default figure sizes in inches.
const (
	defaultW = 6.4
	defaultH = 4.0
)

// legendOutside moves p's legend into a strip on the right of the figure,
// widening the figure by the strip, so the legend never hides data. names
// are the legend's entries.
func legendOutside(f *Figure, p *plot.Plot, names []string) {
	var w vg.Length
	for _, n := range names {
		w = max(w, p.Legend.TextStyle.Width(n))
	}
	w += p.Legend.ThumbnailWidth + 0.25*vg.Inch
	p.Legend.Top = true
	p.Legend.Left = false
	p.Legend.XOffs = w - 0.12*vg.Inch
	f.width += w
	f.draw = func(c draw.Canvas) { p.Draw(draw.Crop(c, 0, -w, 0, 0)) }
}

// intTicks puts major ticks on whole numbers only, at a step of 1, 2 or 5
// times a power of ten chosen for at most about ten labels.
type intTicks struct{}

// Ticks implements plot.Ticker.
func (intTicks) Ticks(lo, hi float64) []plot.Tick {
	span := hi - lo
	step := 1.0
	for span/step > 10 {
		switch {
		case isPow10(step):
			step *= 2
		case isPow10(step / 2):
			step *= 2.5
		default:
			step *= 2
		}
	}
	var ts []plot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi; v += step {
		ts = append(ts, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', -1, 64)})
	}
	return ts
}

func isPow10(x float64) bool {
	l := math.Log10(x)
	return math.Abs(l-math.Round(l)) < 1e-9
}

// titleStyle returns the text style of plot titles.
func titleStyle() draw.TextStyle { return plot.New().Title.TextStyle }
