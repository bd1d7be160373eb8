package plots_test

import (
	"math"
	"testing"

	"github.com/gokernel/gokernel/stdlib/plots"
	"gonum.org/v1/gonum/mat"
)

func benchPNG(b *testing.B, mk func() *plots.Figure) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := mk().PNG(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "figures/s")
}

// BenchmarkLossCurvesPNG is the cost of one LiveLoss redraw after 50 epochs.
func BenchmarkLossCurvesPNG(b *testing.B) {
	h := history(50, true)
	benchPNG(b, func() *plots.Figure { return plots.LossCurves(h) })
}

// BenchmarkFiltersPNG draws 196 hidden units of 28x28 weights.
func BenchmarkFiltersPNG(b *testing.B) {
	w := mat.NewDense(784, 196, nil)
	for i := 0; i < 784; i++ {
		for j := 0; j < 196; j++ {
			w.Set(i, j, math.Sin(float64(i*j)))
		}
	}
	benchPNG(b, func() *plots.Figure { return plots.Filters(w, 28, 28) })
}

// BenchmarkHeatmapPNG draws a 200x200 score map (rasterised) with a bar.
func BenchmarkHeatmapPNG(b *testing.B) {
	m := mat.NewDense(200, 200, nil)
	for i := 0; i < 200; i++ {
		for j := 0; j < 200; j++ {
			m.Set(i, j, math.Sin(float64(i)/9)*math.Cos(float64(j)/13))
		}
	}
	benchPNG(b, func() *plots.Figure { return plots.Heatmap(m, "NCC") })
}

// BenchmarkScatter2DPNG draws 5000 labelled codes.
func BenchmarkScatter2DPNG(b *testing.B) {
	z := mat.NewDense(5000, 2, nil)
	labels := make([]int, 5000)
	for i := 0; i < 5000; i++ {
		labels[i] = i % 10
		z.Set(i, 0, math.Sin(float64(i)))
		z.Set(i, 1, math.Cos(float64(i)*1.3))
	}
	benchPNG(b, func() *plots.Figure { return plots.Scatter2D(z, labels) })
}
