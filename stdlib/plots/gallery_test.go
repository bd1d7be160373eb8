package plots_test

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/gokernel/gokernel/stdlib/ae"
	"github.com/gokernel/gokernel/stdlib/data"
	"github.com/gokernel/gokernel/stdlib/nn"
	"github.com/gokernel/gokernel/stdlib/pca"
	"github.com/gokernel/gokernel/stdlib/plots"
	"github.com/gokernel/gokernel/stdlib/signal"
	"gonum.org/v1/gonum/mat"
)

// TestGallery renders the lesson pictures from MNIST and a small trained
// autoencoder into $PLOTS_GALLERY, for a person to look at. It is skipped
// unless that variable names a directory.
func TestGallery(t *testing.T) {
	dir := os.Getenv("PLOTS_GALLERY")
	if dir == "" {
		t.Skip("set PLOTS_GALLERY=dir to render the gallery")
	}
	train, test, err := data.MNIST()
	if err != nil {
		t.Skip(err)
	}
	x := train.Head(3000).X
	tx := test.Head(500)
	m := ae.New(ae.Config{Sizes: []int{784, 64}, Hidden: nn.Sigmoid, Output: nn.Sigmoid, Seed: 1, Sparsity: 0.1})
	hist, err := m.Fit(x, ae.FitOptions{Epochs: 8, Batch: 64, LR: 3e-3, Validation: tx.X})
	if err != nil {
		t.Fatal(err)
	}
	p := pca.Fit(x, 32)
	p2 := pca.Fit(x, 2)
	img := signal.Shapes(96, 128)
	tpl := mat.DenseCopyOf(img.Slice(30, 50, 40, 64))
	ncc := signal.NCC(img, tpl)
	rows, cols := plots.PeakCoords(signal.TopK(ncc, 3, 5))

	figs := map[string]*plots.Figure{
		"images":          plots.Images(tx.X.Slice(0, 40, 0, 784).(*mat.Dense), 28, 28, 10),
		"reconstructions": plots.Reconstructions(tx.X, m.Reconstruct(tx.X), 10, 28, 28),
		"rows":            plots.ReconstructionRows([]*mat.Dense{tx.X, m.Reconstruct(tx.X), p.Reconstruct(tx.X)}, []string{"original", "AE 64", "PCA 32"}, 10, 28, 28),
		"filters":         plots.Filters(m.Encoder()[0].W, 28, 28),
		"loss":            plots.LossCurves(hist),
		"kl":              plots.KLCurves([]float64{0.05, 0.2}),
		"meanact":         plots.MeanActivations(ae.MeanActivation(m.Encode(tx.X)), 0.1),
		"hist":            plots.Histogram(m.JacobianNorms(tx.X), 30, "‖J_f(x)‖_F"),
		"scatter":         plots.Scatter2D(p2.Transform(tx.X), tx.Labels),
		"heat":            plots.HeatmapWithPeaks(ncc, "NCC", rows, cols),
		"box":             plots.ImageWithBox(img, rows[0], cols[0], 20, 24),
		"signal":          plots.Signal1D([]string{"x", "h", "y = x * h"}, [][]float64{{1, 2, 3, 0, -1}, {1, -1, 0.5}, signal.Convolve([]float64{1, 2, 3, 0, -1}, []float64{1, -1, 0.5}, signal.Full)}),
		"grid":            plots.Grid([]*plots.Figure{plots.Filters(m.Encoder()[0].W, 28, 28), plots.Image(img, "shapes")}, 0).WithTitle("side by side"),
		"lagged":          plots.Signal1DAt([]string{"x", "flipped h at lag 2", "r"}, []int{0, 0, -2}, [][]float64{{1, 2, 3, 0, -1}, {0.5, -1, 1}, signal.Correlate([]float64{1, 2, 3, 0, -1}, []float64{1, -1, 0.5}, signal.Full)}),
		"linesxy":         plots.LinesXY([]string{"AE", "PCA"}, [][]float64{{2, 8, 32, 64}, {2, 8, 32, 64}}, [][]float64{{40, 22, 10, 6}, {45, 28, 14, 9}}, "code size k", "reconstruction error"),
		"histograms":      plots.Histograms([]string{"AE", "AE×2"}, [][]float64{m.JacobianNorms(tx.X), scaled(m.JacobianNorms(tx.X), 1.5)}, 30, "‖J‖"),
		"quiver":          quiver(),
		"curves":          plots.Curves([]string{"a", "b"}, [][]float64{{1, 2, 4, 3}, {0, 1, 1, 2, 5}}),
	}
	for name, f := range figs {
		if err := f.Save(filepath.Join(dir, name+".png")); err != nil {
			t.Fatal(err)
		}
		if err := f.Save(filepath.Join(dir, name+".svg")); err != nil {
			t.Fatal(err)
		}
	}
}

func scaled(v []float64, k float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = k * x
	}
	return out
}

// quiver is a denoising-style field pointing each point of a grid towards
// the unit circle, drawn with the circle.
func quiver() *plots.Figure {
	var pts, vec []float64
	for i := -4; i <= 4; i++ {
		for j := -4; j <= 4; j++ {
			x, y := float64(i)/3, float64(j)/3
			r := math.Hypot(x, y)
			if r == 0 {
				continue
			}
			pts = append(pts, x, y)
			vec = append(vec, 0.3*(x/r-x), 0.3*(y/r-y))
		}
	}
	n := len(pts) / 2
	circle, _ := data.NoisyCircle(100, 0, 1)
	return plots.Quiver(mat.NewDense(n, 2, pts), mat.NewDense(n, 2, vec)).AddPoints("data", circle, 1)
}
