package plots

import (
	"image"
	"image/color"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// tile layout constants: gap between tiles in image pixels, the colour of
// the gaps, the width in pixels a tile grid aims at and the largest a
// single tile is drawn.
const (
	tileGap      = 1
	tileTargetPx = 640
	tileMaxPx    = 200
)

// MaxTiles is the most images a tile grid draws; more panic with a
// *ShapeError (slice the matrix, or use data.Set.Head, to show a few).
const MaxTiles = 1024

var gapColor = color.Gray{Y: 200}

// Images shows each row of x as an imgRows×imgCols image (pixels stored
// row by row, as in data.Set.X), in a grid of ncols columns; ncols <= 0
// means at most 10 per row. Values in [0, 1] are drawn as they are (0
// black, 1 white); otherwise the grid is rescaled from its minimum to its
// maximum. It panics with a *ShapeError if x's columns are not
// imgRows·imgCols.
func Images(x *mat.Dense, imgRows, imgCols, ncols int) *Figure {
	return ImageRows(denseRows(x), imgRows, imgCols, ncols)
}

// ImageRows is Images for a slice of images, each imgRows·imgCols long.
func ImageRows(rows [][]float64, imgRows, imgCols, ncols int) *Figure {
	checkTiles("Images", rows, imgRows, imgCols)
	if ncols <= 0 {
		ncols = 10
	}
	ncols = min(ncols, len(rows))
	lo, hi := valueRange(rows)
	tiles := make([][]float64, len(rows))
	for i, r := range rows {
		tiles[i] = toUnit(r, lo, hi)
	}
	return tileFigure(tiles, imgRows, imgCols, ncols, nil)
}

// Reconstructions shows the first n rows of originals in a top row and the
// same rows of reconstructions below them (the layout of the Keras
// autoencoder blog). See ReconstructionRows for the grey scale.
func Reconstructions(originals, reconstructions *mat.Dense, n, imgRows, imgCols int) *Figure {
	return ReconstructionRows([]*mat.Dense{originals, reconstructions},
		[]string{"original", "reconstruction"}, n, imgRows, imgCols)
}

// ReconstructionRows shows the first n rows of each matrix as one row of
// images, labelled on the left by labels (for example "original", "AE",
// "PCA" as in Hinton & Salakhutdinov's Fig. 2). All rows share the grey
// scale of the first matrix: [0, 1] if its shown values lie there, else
// its range; values of the others outside it are clipped, so an
// overshooting PCA reconstruction does not dim the originals. It panics
// with a *ShapeError if labels and ms differ in length, n < 1, a matrix has
// fewer than n rows or its columns are not imgRows·imgCols.
func ReconstructionRows(ms []*mat.Dense, labels []string, n, imgRows, imgCols int) *Figure {
	if len(ms) == 0 || len(labels) != len(ms) {
		shapePanic("ReconstructionRows", "%d matrices and %d labels", len(ms), len(labels))
	}
	if n < 1 {
		shapePanic("ReconstructionRows", "n = %d", n)
	}
	var tiles [][]float64
	var lo, hi float64
	for k, m := range ms {
		if m == nil {
			shapePanic("ReconstructionRows", "matrix %d is nil", k)
		}
		r, _ := m.Dims()
		if r < n {
			shapePanic("ReconstructionRows", "matrix %d (%s) has %d rows, want at least %d", k, labels[k], r, n)
		}
		rows := denseRows(m.Slice(0, n, 0, m.RawMatrix().Cols).(*mat.Dense))
		checkTiles("ReconstructionRows", rows, imgRows, imgCols)
		if k == 0 {
			lo, hi = valueRange(rows)
		}
		for _, row := range rows {
			tiles = append(tiles, toUnit(row, lo, hi))
		}
	}
	return tileFigure(tiles, imgRows, imgCols, n, labels)
}

// Filters shows each hidden unit's weights as an imgRows×imgCols tile, the
// UFLDL visualisation of what a unit responds to: each tile has its mean
// removed and is scaled by its largest absolute weight, so grey is 0,
// white the most positive and black the most negative weight.
//
// w is an nn.Dense's W, inputs×units: each COLUMN is a unit. If w's rows
// are not imgRows·imgCols but its columns are (a units×inputs matrix such
// as a tied decoder's transpose), each ROW is taken as a unit instead. The
// grid is about square. It panics with a *ShapeError if neither dimension
// is imgRows·imgCols.
func Filters(w *mat.Dense, imgRows, imgCols int) *Figure {
	tiles := filterTiles(w, imgRows, imgCols)
	ncols := int(math.Ceil(math.Sqrt(float64(len(tiles)))))
	return tileFigure(tiles, imgRows, imgCols, ncols, nil)
}

// filterTiles returns the grey levels in [0, 1] of Filters' tiles, one per
// unit.
func filterTiles(w *mat.Dense, imgRows, imgCols int) [][]float64 {
	if w == nil {
		shapePanic("Filters", "nil weights")
	}
	if imgRows < 1 || imgCols < 1 {
		shapePanic("Filters", "image shape %dx%d", imgRows, imgCols)
	}
	r, c := w.Dims()
	px := imgRows * imgCols
	var units [][]float64
	switch {
	case r == px:
		units = denseRows(mat.DenseCopyOf(w.T()))
	case c == px:
		units = denseRows(w)
	default:
		shapePanic("Filters", "weights are %dx%d; neither dimension is %dx%d = %d pixels", r, c, imgRows, imgCols, px)
	}
	tiles := make([][]float64, len(units))
	for i, u := range units {
		tiles[i] = centred(u)
	}
	return tiles
}

// denseRows returns views of the rows of x.
func denseRows(x *mat.Dense) [][]float64 {
	if x == nil {
		shapePanic("Images", "nil matrix")
	}
	r, _ := x.Dims()
	rows := make([][]float64, r)
	for i := range rows {
		rows[i] = x.RawRowView(i)
	}
	return rows
}

func checkTiles(fn string, rows [][]float64, imgRows, imgCols int) {
	if imgRows < 1 || imgCols < 1 {
		shapePanic(fn, "image shape %dx%d", imgRows, imgCols)
	}
	if len(rows) == 0 {
		shapePanic(fn, "no images")
	}
	if len(rows) > MaxTiles {
		shapePanic(fn, "%d images, more than MaxTiles = %d; show a slice of them", len(rows), MaxTiles)
	}
	for i, r := range rows {
		if len(r) != imgRows*imgCols {
			shapePanic(fn, "image %d has %d values, want %dx%d = %d", i, len(r), imgRows, imgCols, imgRows*imgCols)
		}
	}
}

// valueRange returns [0, 1] if every finite value lies there, else the
// finite minimum and maximum (a zero-width range is widened by 1).
func valueRange(rows [][]float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, r := range rows {
		for _, v := range r {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if lo > hi || (lo >= 0 && hi <= 1) {
		return 0, 1
	}
	if lo == hi {
		return lo - 0.5, hi + 0.5
	}
	return lo, hi
}

// toUnit maps v from [lo, hi] to [0, 1], clipping; NaN becomes 0.
func toUnit(v []float64, lo, hi float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		t := (x - lo) / (hi - lo)
		if !(t >= 0) {
			t = 0
		}
		out[i] = math.Min(t, 1)
	}
	return out
}

// centred maps v minus its mean, divided by its largest absolute value,
// to [0, 1] with 0.5 for the mean.
func centred(v []float64) []float64 {
	mean := 0.0
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	scale := 0.0
	for _, x := range v {
		scale = math.Max(scale, math.Abs(x-mean))
	}
	out := make([]float64, len(v))
	for i, x := range v {
		t := 0.5
		if scale > 0 {
			t = 0.5 + 0.5*(x-mean)/scale
		}
		out[i] = t
	}
	return out
}

// gridImage lays the tiles (values in [0, 1]) out in a grid of ncols
// columns with gaps, each image pixel drawn as scale×scale pixels.
func gridImage(tiles [][]float64, imgRows, imgCols, ncols, scale int) *image.Gray {
	nrows := (len(tiles) + ncols - 1) / ncols
	w := (ncols*(imgCols+tileGap) - tileGap) * scale
	h := (nrows*(imgRows+tileGap) - tileGap) * scale
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = gapColor.Y
	}
	for k, t := range tiles {
		x0 := (k % ncols) * (imgCols + tileGap) * scale
		y0 := (k / ncols) * (imgRows + tileGap) * scale
		for r := 0; r < imgRows; r++ {
			for c := 0; c < imgCols; c++ {
				g := uint8(math.Round(255 * t[r*imgCols+c]))
				for dy := 0; dy < scale; dy++ {
					row := img.Pix[(y0+r*scale+dy)*img.Stride+x0+c*scale:]
					for dx := 0; dx < scale; dx++ {
						row[dx] = g
					}
				}
			}
		}
	}
	return img
}

// tileFigure builds the figure of a tile grid, with one label per grid row
// on the left when labels is not nil.
func tileFigure(tiles [][]float64, imgRows, imgCols, ncols int, labels []string) *Figure {
	nrows := (len(tiles) + ncols - 1) / ncols
	gw := ncols*(imgCols+tileGap) - tileGap
	gh := nrows*(imgRows+tileGap) - tileGap
	scale := max(1, int(math.Round(float64(tileTargetPx)/float64(gw))))
	scale = min(scale, max(1, 900/gh), max(1, tileMaxPx/max(imgRows, imgCols)))
	img := gridImage(tiles, imgRows, imgCols, ncols, scale)

	f := &Figure{dpi: DefaultDPI}
	left := 0.1 * vg.Inch
	if labels != nil {
		left = 1.2 * vg.Inch
	}
	const pad = 0.1 * vg.Inch
	imgW := vg.Length(img.Bounds().Dx()) / DefaultDPI * vg.Inch
	imgH := vg.Length(img.Bounds().Dy()) / DefaultDPI * vg.Inch
	f.width = left + imgW + pad
	f.height = imgH + 2*pad + 0.3*vg.Inch
	sty := titleStyle()
	f.draw = func(c draw.Canvas) {
		top := pad
		if f.title != "" {
			top = 0.35 * vg.Inch
			ts := sty
			ts.XAlign, ts.YAlign = draw.XCenter, draw.YTop
			c.FillText(ts, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: c.Max.Y - pad/2}, f.title)
		}
		// Fit the grid into the space left, keeping its aspect ratio.
		availW := c.Max.X - c.Min.X - left - pad
		availH := c.Max.Y - c.Min.Y - top - pad
		k := math.Min(float64(availW/imgW), float64(availH/imgH))
		w, h := imgW*vg.Length(k), imgH*vg.Length(k)
		x0 := c.Min.X + left + (availW-w)/2
		y1 := c.Max.Y - top
		c.DrawImage(vg.Rectangle{Min: vg.Point{X: x0, Y: y1 - h}, Max: vg.Point{X: x0 + w, Y: y1}}, img)
		ls := sty
		ls.Font.Size = 11
		ls.XAlign, ls.YAlign = draw.XRight, draw.YCenter
		band := h / vg.Length(nrows)
		for i, l := range labels {
			if i >= nrows {
				break
			}
			c.FillText(ls, vg.Point{X: x0 - 0.08*vg.Inch, Y: y1 - band*(vg.Length(i)+0.5)}, l)
		}
	}
	if f.title == "" {
		f.height -= 0.3 * vg.Inch
	}
	return f
}
