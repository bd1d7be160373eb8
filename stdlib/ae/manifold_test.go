package ae

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gokernel/gokernel/stdlib/data"
	"github.com/gokernel/gokernel/stdlib/nn"
	"github.com/gokernel/gokernel/stdlib/optim"
	"gonum.org/v1/gonum/mat"
)

// TestDenoisingAEProjectsOntoCircle is the toy manifold test of science.md
// §6: a denoising AE trained on points of the unit circle maps corrupted
// points back towards the circle, and its field r(x̃) − x̃ points inwards
// for points outside the circle.
func TestDenoisingAEProjectsOntoCircle(t *testing.T) {
	train, _ := data.NoisyCircle(2000, 0, 1)
	const sigma = 0.15
	m := New(Config{Sizes: []int{2, 64}, Hidden: nn.Tanh, Output: nn.Identity, Noise: Gaussian(sigma), Seed: 2})
	if _, err := m.Fit(train, FitOptions{Epochs: 150, Batch: 50, LR: 1e-2}); err != nil {
		t.Fatal(err)
	}
	clean, _ := data.NoisyCircle(500, 0, 3)
	noisy := Gaussian(sigma).Corrupt(nil, clean, rand.New(rand.NewPCG(4, 4)))
	out := m.Reconstruct(noisy)
	dist := func(x *mat.Dense, i int) float64 { return math.Abs(math.Hypot(x.At(i, 0), x.At(i, 1)) - 1) }
	closer, outside, inward := 0, 0, 0
	var before, after float64
	for i := 0; i < 500; i++ {
		if dist(out, i) < dist(noisy, i) {
			closer++
		}
		before += dist(noisy, i)
		after += dist(out, i)
		if r := math.Hypot(noisy.At(i, 0), noisy.At(i, 1)); r > 1.05 {
			outside++
			// Inward normal at x̃ is −x̃/|x̃|.
			if (out.At(i, 0)-noisy.At(i, 0))*-noisy.At(i, 0)+(out.At(i, 1)-noisy.At(i, 1))*-noisy.At(i, 1) > 0 {
				inward++
			}
		}
	}
	t.Logf("closer to the circle: %d/500; mean distance %.4f → %.4f; inward field at %d/%d outside points",
		closer, before/500, after/500, inward, outside)
	if closer < 450 {
		t.Errorf("only %d of 500 denoised points are closer to the circle", closer)
	}
	if inward < outside*9/10 {
		t.Errorf("the field points inwards at only %d of %d outside points", inward, outside)
	}
}

// TestFullBatchGradientDescentIsMonotone: with all the terms on, full-batch
// gradient descent with a small step never increases the loss
// (science.md §1), a global check of the gradient's sign and scale.
func TestFullBatchGradientDescentIsMonotone(t *testing.T) {
	x := uniform(64, 10, 0, 1, 5)
	for _, tied := range []bool{false, true} {
		m := New(Config{Sizes: []int{10, 6, 3}, Hidden: nn.Sigmoid, Output: nn.Sigmoid, Tied: tied, Seed: 6,
			Sparsity: 0.1, L1: 0.05, Contractive: 0.1, WeightDecay: 1e-3})
		prev := m.Loss(x).Total
		for e := 0; e < 50; e++ {
			h, err := m.Fit(x, FitOptions{Epochs: 1, Batch: 64, Optimizer: optimSGD(0.02)})
			if err != nil {
				t.Fatal(err)
			}
			// The epoch's training terms were measured before the step.
			if got := h.Last().Train.Total; math.Abs(got-prev) > 1e-12*prev {
				t.Fatalf("epoch %d: training loss %v, loss before the step %v", e, got, prev)
			}
			cur := m.Loss(x).Total
			if cur > prev*(1+1e-12) {
				t.Errorf("tied=%v epoch %d: loss rose %v → %v", tied, e, prev, cur)
			}
			prev = cur
		}
	}
}

// optimSGD returns plain gradient descent.
func optimSGD(lr float64) *optim.SGD { return optim.NewSGD(lr, 0, 0) }
