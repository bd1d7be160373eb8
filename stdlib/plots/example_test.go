package plots_test

import (
	"bytes"
	"fmt"
	"image/png"

	"github.com/gokernel/gokernel/stdlib/ae"
	"github.com/gokernel/gokernel/stdlib/display"
	"github.com/gokernel/gokernel/stdlib/plots"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// A Figure shows itself: display.BundleOf (what a notebook cell's last
// value goes through) finds its PNG and SVG forms.
func ExampleFigure() {
	f := plots.KLCurves([]float64{0.05, 0.2}).WithSize(5, 3)
	b, _ := display.BundleOf(f)
	fmt.Println(b.Data[display.MIMEText])
	fmt.Println(b.Metadata[display.MIMEPNG])
	_, hasSVG := b.Data[display.MIMESVG]
	fmt.Println("svg:", hasSVG)
	// Output:
	// <Figure "sparsity penalty KL(ρ ‖ ρ_hat)" 5x3 in>
	// map[height:288 width:480]
	// svg: true
}

// Images lays rows of a matrix out as a grid of tiles; the picture is
// drawn at a whole number of screen pixels per image pixel (here 10
// tiles of 4+1 pixels across, 13 screen pixels each, plus margins).
func ExampleImages() {
	x := mat.NewDense(20, 16, nil) // twenty 4x4 images
	for i := 0; i < 20; i++ {
		x.Set(i, i%16, 1)
	}
	f := plots.Images(x, 4, 4, 10)
	p, _ := f.PNG()
	img, _ := png.Decode(bytes.NewReader(p))
	fmt.Println(img.Bounds().Dx(), "x", img.Bounds().Dy(), "px")
	// Output:
	// 656 x 136 px
}

// Filters shows an nn.Dense's weights (inputs×units): one tile per column.
func ExampleFilters() {
	w := mat.NewDense(9, 4, nil) // 3x3 inputs, 4 hidden units
	for j := 0; j < 4; j++ {
		w.Set(2*j, j, 1)
	}
	f := plots.Filters(w, 3, 3) // a 2x2 grid
	fmt.Println(f.Plot() == nil, f)
	// Output:
	// true <Figure 5.01x5.01 in>
}

// LossCurves draws every term of a History, validation dashed.
func ExampleLossCurves() {
	h := &ae.History{Stage: "fit"}
	for e := 1; e <= 5; e++ {
		t := ae.Terms{Reconstruction: 1 / float64(e)}
		t.Total = t.Reconstruction
		h.Epochs = append(h.Epochs, ae.Epoch{Epoch: e, Train: t, Validation: t, HasValidation: true})
	}
	f := plots.LossCurves(h)
	f.Plot().Y.Label.Text = "squared error"
	fmt.Println(f.Plot().Title.Text)
	// Output:
	// loss: fit
}

// LiveLoss plugs into FitOptions.OnEpoch and redraws one output in place.
func ExampleLiveLoss() {
	live := plots.NewLiveLoss(display.New())
	opts := ae.FitOptions{Epochs: 10, OnEpoch: live.OnEpoch}
	_ = opts // model.Fit(x, opts)
	live.OnEpoch(ae.Progress{Stage: "fit", Epoch: 1, Epochs: 10, Terms: ae.Terms{Reconstruction: 2, Total: 2}})
	fmt.Println(live.History().Len(), "epoch drawn")
	// Output:
	// 1 epoch drawn
}

// HeatmapWithPeaks marks the peaks of a score map with ×.
func ExampleHeatmapWithPeaks() {
	m := mat.NewDense(3, 4, []float64{
		0, 0.2, 0, -0.1,
		0.1, 0.9, 0.3, 0,
		0, 0.2, 0, -0.5,
	})
	f := plots.HeatmapWithPeaks(m, "NCC", []int{1}, []int{1})
	fmt.Println(f)
	// Output:
	// <Figure "NCC" 8x4.5 in>
}

// NewFigure shows a plot built with gonum/plot directly.
func ExampleNewFigure() {
	p := plot.New()
	p.Title.Text = "my plot"
	l, _ := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
	p.Add(l)
	fmt.Println(plots.NewFigure(p, 4, 3))
	// Output:
	// <Figure "my plot" 4x3 in>
}
