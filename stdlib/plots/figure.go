package plots

import (
	"bytes"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// DefaultDPI is the resolution of PNG output unless WithDPI says otherwise.
const DefaultDPI = 96

// Figure is a finished picture that shows itself in a notebook: it has
// PNG() and SVG() methods in the form stdlib/display looks for, so a cell
// whose last expression is a *Figure displays it inline.
//
// A Figure wraps a *plot.Plot (Plot returns it for further customisation
// before rendering) or, for composed pictures such as tile grids and
// heat maps with a colour bar, a drawing function over several parts.
// Rendering is deterministic: the same figure gives the same bytes.
type Figure struct {
	plot   *plot.Plot
	draw   func(c draw.Canvas)
	width  vg.Length
	height vg.Length
	dpi    int
	// title is the title of a composed figure without a single plot.
	title string
}

// NewFigure wraps a plot built with gonum.org/v1/plot directly so that it
// shows inline like the figures of this package, at the given size in
// inches. It panics with a *ShapeError if p is nil or the size is not
// positive.
func NewFigure(p *plot.Plot, wInches, hInches float64) *Figure {
	if p == nil {
		shapePanic("NewFigure", "nil plot")
	}
	return newFigure(p, 1, 1).WithSize(wInches, hInches)
}

// newFigure wraps p in a Figure of the given size in inches.
func newFigure(p *plot.Plot, wIn, hIn float64) *Figure {
	return &Figure{plot: p, width: vg.Length(wIn) * vg.Inch, height: vg.Length(hIn) * vg.Inch, dpi: DefaultDPI}
}

// WithSize sets the figure's size in inches and returns f. It panics with a
// *ShapeError unless both are positive.
func (f *Figure) WithSize(wInches, hInches float64) *Figure {
	if !(wInches > 0) || !(hInches > 0) {
		shapePanic("Figure.WithSize", "size %gx%g in is not positive", wInches, hInches)
	}
	f.width, f.height = vg.Length(wInches)*vg.Inch, vg.Length(hInches)*vg.Inch
	return f
}

// WithDPI sets the resolution of PNG output (dots per inch) and returns f.
// It panics with a *ShapeError unless dpi is positive.
func (f *Figure) WithDPI(dpi int) *Figure {
	if dpi <= 0 {
		shapePanic("Figure.WithDPI", "dpi %d is not positive", dpi)
	}
	f.dpi = dpi
	return f
}

// WithTitle sets the title of the figure's plot and returns f. Figures
// without a single plot (tile grids, stacked panels) keep their layout and
// set the title of their main plot if they have one.
func (f *Figure) WithTitle(title string) *Figure {
	if f.plot != nil {
		f.plot.Title.Text = title
	}
	f.title = title
	return f
}

// Size returns the figure's size in inches.
func (f *Figure) Size() (wInches, hInches float64) {
	return float64(f.width / vg.Inch), float64(f.height / vg.Inch)
}

// DPI returns the resolution of PNG output.
func (f *Figure) DPI() int { return f.dpi }

// Plot returns the underlying plot for further customisation (axis
// labels, scales, extra plotters), or nil for a figure that is not a
// single plot. For a heat map it is the map itself, not its colour bar;
// for stacked panels it is the first panel.
func (f *Figure) Plot() *plot.Plot { return f.plot }

// render draws the figure onto c.
func (f *Figure) render(c vg.CanvasSizer) { f.drawOn(draw.New(c)) }

// drawOn draws the figure into the rectangle of dc.
func (f *Figure) drawOn(dc draw.Canvas) {
	if f.draw != nil {
		f.draw(dc)
		return
	}
	f.plot.Draw(dc)
}

// Image renders the figure into an RGBA image at its size and DPI.
func (f *Figure) Image() image.Image {
	c := vgimg.NewWith(vgimg.UseWH(f.width, f.height), vgimg.UseDPI(f.dpi))
	f.render(c)
	return c.Image()
}

// PNG renders the figure as a PNG image of Size() inches at DPI() dots per
// inch.
func (f *Figure) PNG() ([]byte, error) {
	c := vgimg.NewWith(vgimg.UseWH(f.width, f.height), vgimg.UseDPI(f.dpi))
	f.render(c)
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("plots: encoding PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// RenderSVG renders the figure as an SVG document.
func (f *Figure) RenderSVG() (string, error) {
	c := vgsvg.New(f.width, f.height)
	f.render(c)
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return "", fmt.Errorf("plots: encoding SVG: %w", err)
	}
	return buf.String(), nil
}

// SVG renders the figure as an SVG document, or "" if rendering fails (use
// RenderSVG to see the error). Its signature is the one stdlib/display
// looks for.
func (f *Figure) SVG() string {
	s, err := f.RenderSVG()
	if err != nil {
		return ""
	}
	return s
}

// Save writes the figure to path, as SVG if the name ends in ".svg" and
// as PNG otherwise.
func (f *Figure) Save(path string) error {
	var data []byte
	if strings.EqualFold(filepath.Ext(path), ".svg") {
		s, err := f.RenderSVG()
		if err != nil {
			return err
		}
		data = []byte(s)
	} else {
		p, err := f.PNG()
		if err != nil {
			return err
		}
		data = p
	}
	return os.WriteFile(path, data, 0o644)
}

// String describes the figure; it is the text/plain form in a notebook.
func (f *Figure) String() string {
	w, h := f.Size()
	title := ""
	if f.plot != nil && f.plot.Title.Text != "" {
		title = fmt.Sprintf(" %q", f.plot.Title.Text)
	} else if f.title != "" {
		title = fmt.Sprintf(" %q", f.title)
	}
	return fmt.Sprintf("<Figure%s %.3gx%.3g in>", title, w, h)
}
