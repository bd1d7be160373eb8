package nn_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

// checkLayer gradient-checks every parameter of l and its input x under the
// loss Σ out ⊙ R with R fixed and random, by central differences.
func checkLayer(t *testing.T, what string, l nn.Layer, x *mat.Dense, rng *rand.Rand) {
	t.Helper()
	n, _ := x.Dims()
	r := randDense(rng, n, l.OutSize(), -1, 1)
	loss := func() float64 {
		out := l.Forward(x)
		return dot(out, r)
	}
	nn.ZeroGrad(l.Params())
	l.Forward(x)
	dx := mat.DenseCopyOf(l.Backward(r))
	for _, p := range l.Params() {
		checkParam(t, what, loss, p)
	}
	checkParam(t, what, loss, &nn.Param{Name: "x", Value: x, Grad: dx})
}

// dot returns Σ a ⊙ b over two matrices of the same shape.
func dot(a, b *mat.Dense) float64 {
	var s float64
	r, _ := a.Dims()
	for i := 0; i < r; i++ {
		br := b.RawRowView(i)
		for j, v := range a.RawRowView(i) {
			s += v * br[j]
		}
	}
	return s
}

// smooth activations for gradient checks (a ReLU kink hit by a finite
// difference step would fail a correct gradient), plus ReLU itself on
// inputs kept away from the kink by the random draw.
var gradActs = []nn.Activation{nn.Identity, nn.Sigmoid, nn.Tanh}

// TestConv2DGradient checks dW, dB and dx of Conv2D against central
// differences (relative error < 1e-6), including stride 2 and padding, on
// a 6×6 image with 2 maps and 3×3 kernels as in science.md §8.
func TestConv2DGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 1))
	defer nn.SetChunkTarget(nn.SetChunkTarget(150))
	for _, g := range convCases {
		for _, act := range gradActs {
			c := nn.NewConv2D(g.inC, g.h, g.w, g.outC, g.k, g.s, g.p, act, rng)
			c.B.Copy(randDense(rng, 1, g.outC, -0.3, 0.3))
			x := randDense(rng, 3, c.InSize(), -1, 1)
			checkLayer(t, fmt.Sprintf("Conv2D %+v %v", g, act), c, x, rng)
		}
	}
}

// TestConv2DBackwardParams checks that BackwardParams adds the same
// parameter gradients as Backward.
func TestConv2DBackwardParams(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 2))
	c := nn.NewConv2D(2, 7, 7, 3, 3, 2, 1, nn.ReLU, rng)
	x := randDense(rng, 4, c.InSize(), -1, 1)
	dy := randDense(rng, 4, c.OutSize(), -1, 1)
	c.Forward(x)
	c.Backward(dy)
	want := mat.DenseCopyOf(c.Params()[0].Grad)
	nn.ZeroGrad(c.Params())
	c.Forward(x)
	c.BackwardParams(dy)
	if !mat.EqualApprox(c.Params()[0].Grad, want, 1e-14) {
		t.Error("BackwardParams W gradient differs from Backward's")
	}
}

// TestConvTranspose2DGradient checks ConvTranspose2D's gradients.
func TestConvTranspose2DGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 3))
	defer nn.SetChunkTarget(nn.SetChunkTarget(150))
	for _, g := range convCases {
		for op := 0; op < g.s; op++ {
			for _, act := range gradActs {
				c := nn.NewConvTranspose2D(g.inC, g.h, g.w, g.outC, g.k, g.s, g.p, op, act, rng)
				c.B.Copy(randDense(rng, 1, g.outC, -0.3, 0.3))
				x := randDense(rng, 3, c.InSize(), -1, 1)
				checkLayer(t, fmt.Sprintf("ConvTranspose2D %+v outpad %d %v", g, op, act), c, x, rng)
			}
		}
	}
}

// TestMaxPool2DGradient checks the argmax routing of MaxPool2D against
// central differences (random inputs have no ties), for overlapping and
// non-overlapping windows.
func TestMaxPool2DGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 4))
	for _, c := range []struct{ ch, h, w, size, stride int }{
		{2, 6, 6, 2, 2}, {3, 7, 7, 2, 2}, {2, 7, 6, 3, 2}, {1, 5, 5, 3, 1},
	} {
		p := nn.NewMaxPool2D(c.ch, c.h, c.w, c.size, c.stride)
		x := randDense(rng, 3, p.InSize(), -1, 1)
		checkLayer(t, fmt.Sprintf("MaxPool2D %+v", c), p, x, rng)
	}
}

// TestMaxPool2DValues checks pooling on a hand-made image.
func TestMaxPool2DValues(t *testing.T) {
	x := mat.NewDense(1, 16, []float64{
		1, 2, 0, 0,
		3, 4, 0, 5,
		-1, -2, 7, 7,
		-3, -4, 7, 7,
	})
	p := nn.NewMaxPool2D(1, 4, 4, 2, 2)
	out := p.Forward(x)
	if want := []float64{4, 5, -1, 7}; maxAbsDiff(out.RawRowView(0), want) != 0 {
		t.Errorf("pooled %v, want %v", out.RawRowView(0), want)
	}
	dx := p.Backward(mat.NewDense(1, 4, []float64{10, 20, 30, 40}))
	want := []float64{
		0, 0, 0, 0,
		0, 10, 0, 20,
		30, 0, 40, 0, // a tie goes to the first maximum in row-major order
		0, 0, 0, 0,
	}
	if maxAbsDiff(dx.RawRowView(0), want) != 0 {
		t.Errorf("routed gradient %v, want %v", dx.RawRowView(0), want)
	}
	x.Set(0, 15, math.NaN())
	if v := p.Forward(x).At(0, 3); !math.IsNaN(v) {
		t.Errorf("NaN in a window pooled to %v, want NaN", v)
	}
}

// TestUpsample checks nearest-neighbour values and the gradient.
func TestUpsample(t *testing.T) {
	u := nn.NewUpsample(2, 1, 2, 2)
	out := u.Forward(mat.NewDense(1, 4, []float64{1, 2, 3, 4}))
	want := []float64{1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}
	if maxAbsDiff(out.RawRowView(0), want) != 0 {
		t.Errorf("upsampled %v, want %v", out.RawRowView(0), want)
	}
	rng := rand.New(rand.NewPCG(41, 5))
	for _, f := range []int{1, 2, 3} {
		u := nn.NewUpsample(2, 3, 4, f)
		checkLayer(t, fmt.Sprintf("Upsample ×%d", f), u, randDense(rng, 3, u.InSize(), -1, 1), rng)
	}
}

// TestConvStackGradient checks a whole conv autoencoder-like stack with
// ReLU, pooling, upsampling and a transposed convolution, end to end,
// under a squared-error loss. The hidden layers use Tanh: the last-bit noise
// of the fast sigmoid, amplified by the layers after it, sits at the edge
// of the 1e-6 criterion for the smallest gradient elements.
func TestConvStackGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 6))
	net := nn.NewSequential([]nn.Layer{
		nn.NewConv2D(1, 8, 8, 3, 3, 1, 1, nn.Tanh, rng),
		nn.NewMaxPool2D(3, 8, 8, 2, 2),
		nn.NewConv2D(3, 4, 4, 2, 3, 1, 1, nn.Tanh, rng),
		nn.NewMaxPool2D(2, 4, 4, 2, 2),
		nn.NewConvTranspose2D(2, 2, 2, 3, 3, 2, 1, 1, nn.Tanh, rng),
		nn.NewUpsample(3, 4, 4, 2),
		nn.NewConv2D(3, 8, 8, 1, 3, 1, 1, nn.Sigmoid, rng),
	})
	x := randDense(rng, 3, 64, 0, 1)
	dy := mat.NewDense(3, 64, nil)
	loss := func() float64 { return nn.SumSquaredError(net.Forward(x), x) }
	nn.ZeroGrad(net.Params())
	nn.SumSquaredErrorGrad(dy, net.Forward(x), x)
	net.Backward(dy)
	for i, p := range net.Params() {
		checkParam(t, fmt.Sprintf("stack param %d", i), loss, p)
	}
}
