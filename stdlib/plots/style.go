package plots

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
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
