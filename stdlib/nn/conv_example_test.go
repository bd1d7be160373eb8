package nn_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

// A Conv2D with a hand-set kernel: a horizontal difference finds the
// vertical edge of a 4×4 image (one sample, one channel, valid padding).
func ExampleNewConv2DFrom() {
	kernel := mat.NewDense(1, 4, []float64{-1, 1, -1, 1}) // 2×2: right minus left
	conv := nn.NewConv2DFrom(1, 4, 4, 2, 1, 0, kernel, mat.NewDense(1, 1, nil), nn.Identity)
	img := mat.NewDense(1, 16, []float64{
		0, 0, 1, 1,
		0, 0, 1, 1,
		0, 0, 1, 1,
		0, 0, 1, 1,
	})
	fmt.Println(conv)
	out := conv.Forward(img)
	_, h, w := conv.OutShape()
	for y := 0; y < h; y++ {
		fmt.Println(out.RawRowView(0)[y*w : (y+1)*w])
	}
	// Output:
	// Conv2D(1×4×4 -> 1×3×3, 2×2, stride 1, pad 0, Identity)
	// [0 2 0]
	// [0 2 0]
	// [0 2 0]
}

// The layers of a convolutional autoencoder chain in a Sequential; every
// row of a batch is one image flattened as channels × height × width.
func ExampleNewConvTranspose2D() {
	rng := rand.New(rand.NewPCG(1, 1))
	net := nn.NewSequential([]nn.Layer{
		nn.NewConv2D(1, 28, 28, 16, 3, 1, 1, nn.ReLU, rng),
		nn.NewMaxPool2D(16, 28, 28, 2, 2),
		nn.NewConv2D(16, 14, 14, 8, 3, 1, 1, nn.ReLU, rng),
		nn.NewMaxPool2D(8, 14, 14, 2, 2),
		nn.NewConvTranspose2D(8, 7, 7, 16, 3, 2, 1, 1, nn.ReLU, rng),
		nn.NewConvTranspose2D(16, 14, 14, 1, 3, 2, 1, 1, nn.Sigmoid, rng),
	})
	fmt.Println(net)
	out := net.Forward(mat.NewDense(5, 784, nil))
	r, c := out.Dims()
	fmt.Println(r, "×", c, "with", nn.NumParams(net.Params()), "parameters")
	// Output:
	// Sequential(
	//   (0): Conv2D(1×28×28 -> 16×28×28, 3×3, stride 1, pad 1, ReLU)
	//   (1): MaxPool2D(16×28×28 -> 16×14×14, 2×2, stride 2)
	//   (2): Conv2D(16×14×14 -> 8×14×14, 3×3, stride 1, pad 1, ReLU)
	//   (3): MaxPool2D(8×14×14 -> 8×7×7, 2×2, stride 2)
	//   (4): ConvTranspose2D(8×7×7 -> 16×14×14, 3×3, stride 2, pad 1, outpad 1, ReLU)
	//   (5): ConvTranspose2D(16×14×14 -> 1×28×28, 3×3, stride 2, pad 1, outpad 1, Sigmoid)
	// )
	// 5 × 784 with 2633 parameters
}

// Max pooling keeps the largest value of every window; Backward sends each
// gradient to the pixel that held it.
func ExampleNewMaxPool2D() {
	pool := nn.NewMaxPool2D(1, 2, 4, 2, 2)
	x := mat.NewDense(1, 8, []float64{
		1, 5, 2, 0,
		3, 4, 7, 6,
	})
	fmt.Println(pool.Forward(x).RawRowView(0))
	fmt.Println(pool.Backward(mat.NewDense(1, 2, []float64{10, 20})).RawRowView(0))
	// Output:
	// [5 7]
	// [0 10 0 0 0 0 20 0]
}

// Upsample repeats every pixel factor×factor times.
func ExampleNewUpsample() {
	up := nn.NewUpsample(1, 1, 2, 2)
	fmt.Println(up.Forward(mat.NewDense(1, 2, []float64{1, 2})).RawRowView(0))
	// Output:
	// [1 1 2 2 1 1 2 2]
}
