package plots

import (
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Grid lays figures out side by side in ncols columns (ncols <= 0 means
// one row), each at its own size: column widths and row heights are the
// largest of their figures. It is the picture of comparisons — filters at
// 0% and 30% corruption, an image before and after a kernel, raw
// correlation next to NCC. The parts are drawn as they are when the grid
// renders; Plot() returns nil. It panics with a *ShapeError if figs is
// empty or holds nil.
func Grid(figs []*Figure, ncols int) *Figure {
	if len(figs) == 0 {
		shapePanic("Grid", "no figures")
	}
	for i, f := range figs {
		if f == nil {
			shapePanic("Grid", "figure %d is nil", i)
		}
	}
	if ncols <= 0 || ncols > len(figs) {
		ncols = len(figs)
	}
	nrows := (len(figs) + ncols - 1) / ncols
	colW := make([]vg.Length, ncols)
	rowH := make([]vg.Length, nrows)
	for i, f := range figs {
		colW[i%ncols] = max(colW[i%ncols], f.width)
		rowH[i/ncols] = max(rowH[i/ncols], f.height)
	}
	g := &Figure{dpi: DefaultDPI}
	for _, w := range colW {
		g.width += w
	}
	for _, h := range rowH {
		g.height += h
	}
	const titleH = 0.35 * vg.Inch
	natW, natH := g.width, g.height
	g.draw = func(dc draw.Canvas) {
		if g.title != "" {
			sty := titleStyle()
			sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
			dc.FillText(sty, vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: dc.Max.Y - 0.05*vg.Inch}, g.title)
			dc = draw.Crop(dc, 0, 0, 0, -titleH)
		}
		// Scale the natural layout to the canvas, keeping its aspect
		// ratio, and centre it.
		k := min((dc.Max.X-dc.Min.X)/natW, (dc.Max.Y-dc.Min.Y)/natH)
		kx, ky := k, k
		x0 := dc.Min.X + (dc.Max.X-dc.Min.X-natW*k)/2
		y := dc.Max.Y - (dc.Max.Y-dc.Min.Y-natH*k)/2
		for r := 0; r < nrows; r++ {
			x := x0
			h := rowH[r] * ky
			for c := 0; c < ncols; c++ {
				w := colW[c] * kx
				if i := r*ncols + c; i < len(figs) {
					f := figs[i]
					fw, fh := f.width*kx, f.height*ky
					cell := dc
					cell.Rectangle = vg.Rectangle{
						Min: vg.Point{X: x + (w-fw)/2, Y: y - h + (h-fh)/2},
						Max: vg.Point{X: x + (w+fw)/2, Y: y - (h-fh)/2},
					}
					f.drawOn(cell)
				}
				x += w
			}
			y -= h
		}
	}
	return g
}
