package ae_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/gokernel/gokernel/stdlib/ae"
	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

// spots returns n 8×8 images of one soft spot each, at a random place.
func spots(n int, seed uint64) *mat.Dense {
	rng := rand.New(rand.NewPCG(seed, 0))
	x := mat.NewDense(n, 64, nil)
	for i := 0; i < n; i++ {
		cy, cx := 1+6*rng.Float64(), 1+6*rng.Float64()
		for p := 0; p < 64; p++ {
			dy, dx := float64(p/8)-cy, float64(p%8)-cx
			x.Set(i, p, math.Exp(-(dy*dy+dx*dx)/3))
		}
	}
	return x
}

// A convolutional autoencoder is described by its encoder channels; its
// code is an image of the last level's channels.
func ExampleNewConv() {
	m := ae.NewConv(ae.ConvConfig{Filters: []int{16, 8}, Hidden: nn.ReLU, Output: nn.Sigmoid})
	fmt.Println(m)
	for _, l := range append(m.Encoder(), m.Decoder()...) {
		fmt.Println(l)
	}
	// Output:
	// ConvAutoencoder 1×28×28 → conv 16-8 3×3 pool 2 → code 8×7×7 → transposed conv (ReLU/Sigmoid, squared error), float32 products, 2633 parameters
	// Conv2D(1×28×28 -> 16×28×28, 3×3, stride 1, pad 1, ReLU)
	// MaxPool2D(16×28×28 -> 16×14×14, 2×2, stride 2)
	// Conv2D(16×14×14 -> 8×14×14, 3×3, stride 1, pad 1, ReLU)
	// MaxPool2D(8×14×14 -> 8×7×7, 2×2, stride 2)
	// ConvTranspose2D(8×7×7 -> 16×14×14, 3×3, stride 2, pad 1, outpad 1, ReLU)
	// ConvTranspose2D(16×14×14 -> 1×28×28, 3×3, stride 2, pad 1, outpad 1, Sigmoid)
}

// Fit, Encode and Reconstruct work as for the dense autoencoders; here a
// denoising convolutional autoencoder learns 8×8 images of spots.
func ExampleConvAutoencoder_Fit() {
	train, test := spots(400, 1), spots(100, 2)
	m := ae.NewConv(ae.ConvConfig{Height: 8, Width: 8, Filters: []int{8, 4}, Hidden: nn.ReLU, Output: nn.Sigmoid,
		Loss: ae.CrossEntropy, Noise: ae.Gaussian(0.1), Seed: 1})
	before := m.ReconError(test)
	hist, err := m.Fit(train, ae.FitOptions{Epochs: 20, Batch: 32, LR: 5e-3, Validation: test})
	if err != nil {
		panic(err)
	}
	fmt.Println(hist.Len(), "epochs; error fell by half:", m.ReconError(test) < before/2)
	ch, h, w := m.CodeShape()
	fmt.Printf("code %d×%d×%d\n", ch, h, w)
	// Output:
	// 20 epochs; error fell by half: true
	// code 4×2×2
}
