package signal_test

import (
	"fmt"
	"math"

	"github.com/gokernel/gokernel/stdlib/signal"
	"gonum.org/v1/gonum/mat"
)

func ExampleConvolve() {
	x := []float64{1, 2, 3}
	h := []float64{0, 1, 0.5}
	fmt.Println(signal.Convolve(x, h, signal.Full))
	fmt.Println(signal.Convolve(x, h, signal.Same))
	fmt.Println(signal.Convolve(x, h, signal.Valid))
	// Output:
	// [0 1 2.5 4 1.5]
	// [1 2.5 4]
	// [2.5]
}

func ExampleCorrelate() {
	x := []float64{1, 2, 3}
	h := []float64{0, 1, 0.5}
	fmt.Println(signal.Correlate(x, h, signal.Full))
	// Correlation is convolution with the flipped kernel.
	fmt.Println(signal.Convolve(x, []float64{0.5, 1, 0}, signal.Full))
	// Output:
	// [0.5 2 3.5 3 0]
	// [0.5 2 3.5 3 0]
}

func ExampleConvolveWith() {
	x := make([]float64, 10000)
	x[5000] = 1
	h := []float64{1, 2, 3}
	y := signal.ConvolveWith(x, h, signal.Full, signal.OverlapAdd)
	fmt.Printf("%.3f %.3f %.3f\n", y[5000], y[5001], y[5002])
	// Output: 1.000 2.000 3.000
}

func ExampleCorrelate2D() {
	img := mat.NewDense(3, 4, []float64{
		1, 2, 3, 4,
		5, 6, 7, 8,
		9, 10, 11, 12,
	})
	k := mat.NewDense(2, 2, []float64{1, 0, 0, -1})
	fmt.Println(mat.Formatted(signal.Correlate2D(img, k, signal.Valid)))
	// Output:
	// ⎡-5  -5  -5⎤
	// ⎣-5  -5  -5⎦
}

func ExampleNCC() {
	img := signal.Shapes(64, 64)
	tpl := mat.DenseCopyOf(img.Slice(40, 56, 40, 56)) // the plus sign
	g := signal.NCC(img, tpl)
	r, c := g.Dims()
	fmt.Println(r, c)
	fmt.Printf("%.6f\n", g.At(40, 40))
	// Unchanged under a brighter, higher-contrast image.
	var bright mat.Dense
	bright.Apply(func(_, _ int, v float64) float64 { return 3*v + 100 }, img)
	fmt.Printf("%.6f\n", signal.NCC(&bright, tpl).At(40, 40))
	// Output:
	// 49 49
	// 1.000000
	// 1.000000
}

func ExampleMatch() {
	img := signal.GaussianNoise(80, 80, 1, 42)
	tpl := mat.DenseCopyOf(img.Slice(23, 35, 51, 61))
	row, col, score := signal.Match(img, tpl)
	fmt.Printf("%d %d %.4f\n", row, col, score)
	// Output: 23 51 1.0000
}

func ExampleTopK() {
	scores := mat.NewDense(3, 5, []float64{
		0.1, 0.9, 0.8, 0, 0,
		0, 0, 0, 0, 0.7,
		0, 0.2, 0, 0, 0,
	})
	for _, p := range signal.TopK(scores, 2, 2) {
		fmt.Println(p)
	}
	// Output:
	// (0, 1) 0.900000
	// (1, 4) 0.700000
}

func ExampleCheckLTI() {
	fmt.Println(signal.CheckLTI(signal.MovingAverage(3), 64, 1))
	r := signal.CheckLTI(signal.TimeScaledGain, 64, 1)
	fmt.Println(r.Linear, r.ShiftInvariant, r.Shift.Shift)
	// Output:
	// linear: yes
	// shift invariant: yes
	// true false 1
}

func ExampleSystem1D() {
	s := signal.NewSystem1D([]float64{0.5, 0.5})
	fmt.Println(s.Response([]float64{2, 4, 6}))
	fmt.Println(s.StepResponse(4))
	// Output:
	// [1 3 5 3]
	// [0.5 1 1 1]
}

func ExampleCheckLSI() {
	blur := signal.NewSystem2D(signal.GaussianBlob(5, 5, 2, 2, 1))
	fmt.Println(signal.CheckLSI(blur.Response, 32, 32, 1).LSI())
	fmt.Println(signal.CheckLSI(signal.Square2D, 32, 32, 1).Linear)
	// Output:
	// true
	// false
}

func ExampleFastLen() {
	fmt.Println(signal.FastLen(1001), signal.FastLen(97))
	// Output: 1024 100
}

func ExampleDigit() {
	row := make([]float64, 784)
	row[28*14+7] = 1
	d := signal.Digit(row)
	fmt.Println(d.At(14, 7), math.Round(mat.Sum(d)))
	// Output: 1 1
}
