package nn_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/gokernel/gokernel/stdlib/nn"
	"github.com/gokernel/gokernel/stdlib/optim"
	"gonum.org/v1/gonum/mat"
)

// A tiny autoencoder: forward, loss, backward and an optimizer step.
func Example() {
	rng := rand.New(rand.NewPCG(1, 2))
	net := nn.NewSequential([]nn.Layer{
		nn.NewDense(4, 2, nn.Tanh, rng),
		nn.NewDense(2, 4, nn.Sigmoid, rng),
	})
	fmt.Println(net)

	x := mat.NewDense(2, 4, []float64{
		0, 1, 0, 1,
		1, 0, 1, 0,
	})
	opt := optim.NewAdam(0.05)
	params := net.Params() // cached: no allocation per step
	grad := mat.NewDense(2, 4, nil)
	var first, last float64
	for step := 0; step < 300; step++ {
		net.ZeroGrad()
		out := net.Forward(x)
		loss := nn.MSE(out, x)
		nn.MSEGrad(grad, out, x)
		net.BackwardParams(grad)
		opt.Step(params)
		if step == 0 {
			first = loss
		}
		last = loss
	}
	fmt.Println("loss fell by more than 100x:", last < first/100)
	// Output:
	// Sequential(
	//   (0): Dense(4 -> 2, Tanh)
	//   (1): Dense(2 -> 4, Sigmoid)
	// )
	// loss fell by more than 100x: true
}

func ExampleDense() {
	w := mat.NewDense(2, 1, []float64{1, -1})
	b := mat.NewDense(1, 1, []float64{0.5})
	d := nn.NewDenseFrom(w, b, nn.ReLU)
	fmt.Println(d)
	x := mat.NewDense(3, 2, []float64{
		1, 0,
		0, 1,
		2, 1,
	})
	out := d.Forward(x)
	fmt.Println(mat.Formatted(d.Pre().T()))
	fmt.Println(mat.Formatted(out.T()))
	// Output:
	// Dense(2 -> 1, ReLU)
	// [ 1.5  -0.5   1.5]
	// [1.5    0  1.5]
}

func ExampleCheckGradient() {
	rng := rand.New(rand.NewPCG(3, 4))
	d := nn.NewDense(3, 2, nn.Sigmoid, rng)
	x := mat.NewDense(4, 3, []float64{
		0.1, 0.2, 0.3,
		0.4, 0.5, 0.6,
		0.7, 0.8, 0.9,
		1.0, 1.1, 1.2,
	})
	target := mat.NewDense(4, 2, []float64{0, 1, 1, 0, 0, 1, 1, 0})
	loss := func() float64 { return nn.BCE(d.Forward(x), target) }

	nn.ZeroGrad(d.Params())
	out := d.Forward(x)
	dy := mat.NewDense(4, 2, nil)
	nn.BCEGrad(dy, out, target)
	d.Backward(dy)
	for _, p := range d.Params() {
		fmt.Printf("%v: max relative error below 1e-7: %v\n", p, nn.CheckGradient(loss, p, 1e-5) < 1e-7)
	}
	// Output:
	// W 3×2: max relative error below 1e-7: true
	// B 1×2: max relative error below 1e-7: true
}

func ExampleMSE() {
	pred := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
	target := mat.NewDense(2, 2, []float64{1, 1, 1, 1})
	fmt.Println(nn.MSE(pred, target))             // (0+1+4+9)/4
	fmt.Println(nn.SumSquaredError(pred, target)) // (1 + 13)/2
	// Output:
	// 3.5
	// 7
}

// Float32 runs a layer's matrix products in single precision, about twice
// as fast, while inputs, outputs, parameters and gradients stay float64.
func ExampleSequential_SetFloat32() {
	rng := rand.New(rand.NewPCG(5, 6))
	net := nn.NewSequential([]nn.Layer{
		nn.NewDense(784, 128, nn.ReLU, rng),
		nn.NewDense(128, 784, nn.Sigmoid, rng),
	})
	x := mat.NewDense(2, 784, nil)
	for i := range x.RawMatrix().Data {
		x.RawMatrix().Data[i] = rng.Float64()
	}
	want := mat.DenseCopyOf(net.Forward(x))
	net.SetFloat32(true)
	fmt.Println(net)
	var diff mat.Dense
	diff.Sub(net.Forward(x), want)
	largest := 0.0
	for _, v := range diff.RawMatrix().Data {
		largest = math.Max(largest, math.Abs(v))
	}
	fmt.Println("largest difference below 1e-5:", largest < 1e-5)
	// Output:
	// Sequential(
	//   (0): Dense(784 -> 128, ReLU, float32)
	//   (1): Dense(128 -> 784, Sigmoid, float32)
	// )
	// largest difference below 1e-5: true
}
