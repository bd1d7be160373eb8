package nn_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

// kerasConvAE returns the convolutional autoencoder of the Keras blog
// ("Building Autoencoders in Keras"): 28 → 14 → 7 → 4 by "same" max
// pooling, back up by upsampling, one unpadded convolution bringing 16 to
// 14.
func kerasConvAE(rng *rand.Rand) *nn.Sequential {
	return nn.NewSequential([]nn.Layer{
		nn.NewConv2D(1, 28, 28, 16, 3, 1, 1, nn.ReLU, rng),
		nn.NewMaxPool2DSame(16, 28, 28, 2, 2),
		nn.NewConv2D(16, 14, 14, 8, 3, 1, 1, nn.ReLU, rng),
		nn.NewMaxPool2DSame(8, 14, 14, 2, 2),
		nn.NewConv2D(8, 7, 7, 8, 3, 1, 1, nn.ReLU, rng),
		nn.NewMaxPool2DSame(8, 7, 7, 2, 2),
		nn.NewConv2D(8, 4, 4, 8, 3, 1, 1, nn.ReLU, rng),
		nn.NewUpsample(8, 4, 4, 2),
		nn.NewConv2D(8, 8, 8, 8, 3, 1, 1, nn.ReLU, rng),
		nn.NewUpsample(8, 8, 8, 2),
		nn.NewConv2D(8, 16, 16, 16, 3, 1, 0, nn.ReLU, rng),
		nn.NewUpsample(16, 14, 14, 2),
		nn.NewConv2D(16, 28, 28, 1, 3, 1, 1, nn.Sigmoid, rng),
	})
}

// TestKerasConvAESame checks the shape of every layer of the Keras
// convolutional autoencoder, which needs "same" pooling to get from 7 to
// 4, and runs a batch of two forward and backward through it.
func TestKerasConvAESame(t *testing.T) {
	rng := rand.New(rand.NewPCG(52, 6))
	net := kerasConvAE(rng)
	type shaped interface {
		InShape() (c, h, w int)
		OutShape() (c, h, w int)
	}
	want := [][3]int{
		{16, 28, 28}, {16, 14, 14}, {8, 14, 14}, {8, 7, 7}, {8, 7, 7}, {8, 4, 4}, {8, 4, 4},
		{8, 8, 8}, {8, 8, 8}, {8, 16, 16}, {16, 14, 14}, {16, 28, 28}, {1, 28, 28},
	}
	if len(net.Layers) != len(want) {
		t.Fatalf("%d layers, want %d", len(net.Layers), len(want))
	}
	prev := [3]int{1, 28, 28}
	for i, l := range net.Layers {
		s := l.(shaped)
		if c, h, w := s.InShape(); [3]int{c, h, w} != prev {
			t.Errorf("layer %d (%v): in shape %d×%d×%d, want %v", i, l, c, h, w, prev)
		}
		if c, h, w := s.OutShape(); [3]int{c, h, w} != want[i] {
			t.Errorf("layer %d (%v): out shape %d×%d×%d, want %v", i, l, c, h, w, want[i])
		}
		prev = want[i]
	}

	x := randDense(rng, 2, 784, 0, 1)
	out := net.Forward(x)
	if r, c := out.Dims(); r != 2 || c != 784 {
		t.Fatalf("output %d×%d, want 2×784", r, c)
	}
	for _, v := range out.RawMatrix().Data {
		if !(v > 0 && v < 1) {
			t.Fatalf("sigmoid output %v outside (0, 1)", v)
		}
	}
	dy := mat.NewDense(2, 784, nil)
	nn.ZeroGrad(net.Params())
	nn.SumSquaredErrorGrad(dy, out, x)
	dx := net.Backward(dy)
	if r, c := dx.Dims(); r != 2 || c != 784 {
		t.Fatalf("input gradient %d×%d, want 2×784", r, c)
	}
	for i, p := range net.Params() {
		norm := mat.Norm(p.Grad, 2)
		if norm == 0 || math.IsNaN(norm) || math.IsInf(norm, 0) {
			t.Errorf("param %d (%s): gradient norm %v", i, p.Name, norm)
		}
	}
	if n := nn.NumParams(net.Params()); n != 4385 { // Keras's summary of this model
		t.Errorf("%d parameters, want 4385", n)
	}
}

// "Same" pooling rounds up, so the classic Keras convolutional autoencoder
// goes 28 → 14 → 7 → 4 and back up to 28 by upsampling.
func ExampleNewMaxPool2DSame() {
	rng := rand.New(rand.NewPCG(1, 1))
	net := kerasConvAE(rng)
	fmt.Println(net)
	x := mat.NewDense(2, 784, nil)
	out := net.Forward(x)
	dx := net.Backward(mat.NewDense(2, 784, nil))
	r, c := out.Dims()
	dr, dc := dx.Dims()
	fmt.Println("out", r, "×", c, "dx", dr, "×", dc, "with", nn.NumParams(net.Params()), "parameters")

	// A 3×3 image pooled 2×2: the last row and column make windows of
	// their own, over the pixels inside the image only.
	pool := nn.NewMaxPool2DSame(1, 3, 3, 2, 2)
	fmt.Println(pool.Forward(mat.NewDense(1, 9, []float64{
		1, 9, 2,
		4, 3, -8,
		-7, 5, -6,
	})).RawRowView(0))
	// Output:
	// Sequential(
	//   (0): Conv2D(1×28×28 -> 16×28×28, 3×3, stride 1, pad 1, ReLU)
	//   (1): MaxPool2D(16×28×28 -> 16×14×14, 2×2, stride 2, same)
	//   (2): Conv2D(16×14×14 -> 8×14×14, 3×3, stride 1, pad 1, ReLU)
	//   (3): MaxPool2D(8×14×14 -> 8×7×7, 2×2, stride 2, same)
	//   (4): Conv2D(8×7×7 -> 8×7×7, 3×3, stride 1, pad 1, ReLU)
	//   (5): MaxPool2D(8×7×7 -> 8×4×4, 2×2, stride 2, same)
	//   (6): Conv2D(8×4×4 -> 8×4×4, 3×3, stride 1, pad 1, ReLU)
	//   (7): Upsample(8×4×4 -> 8×8×8, nearest ×2)
	//   (8): Conv2D(8×8×8 -> 8×8×8, 3×3, stride 1, pad 1, ReLU)
	//   (9): Upsample(8×8×8 -> 8×16×16, nearest ×2)
	//   (10): Conv2D(8×16×16 -> 16×14×14, 3×3, stride 1, pad 0, ReLU)
	//   (11): Upsample(16×14×14 -> 16×28×28, nearest ×2)
	//   (12): Conv2D(16×28×28 -> 1×28×28, 3×3, stride 1, pad 1, Sigmoid)
	// )
	// out 2 × 784 dx 2 × 784 with 4385 parameters
	// [9 2 5 -6]
}
