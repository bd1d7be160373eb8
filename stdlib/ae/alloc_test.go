package ae

import (
	"math/rand/v2"
	"os"
	"testing"

	"github.com/gokernel/gokernel/stdlib/backend"
	"github.com/gokernel/gokernel/stdlib/nn"
	"github.com/gokernel/gokernel/stdlib/optim"
)

// The per-step work of the training loop that belongs to this package (the
// loss terms and their gradients, corruption, the rollback snapshot) must
// not allocate; the matrix products are the BLAS backend's business (see
// TestTrainingStepAllocatesNothing for the whole step on OpenBLAS; gonum's
// parallel GEMM starts goroutines).
func TestStepPartsAllocateNothing(t *testing.T) {
	m := New(Config{Sizes: []int{64, 16}, Hidden: nn.Sigmoid, Output: nn.Sigmoid, Seed: 1,
		Sparsity: 0.05, L1: 0.1, Contractive: 0.1, WeightDecay: 1e-3, Noise: Gaussian(0.2)})
	n := m.net
	x := uniform(32, 64, 0, 1, 1)
	xc := uniform(32, 64, 0, 1, 2)
	rng := rand.New(rand.NewPCG(1, 1))
	n.objective(x, x, true)
	dr := n.dr.m
	h := n.code()
	dh := uniform(32, 16, 0, 1, 3)
	sgd := optim.NewSGD(0.1, 0, 0)
	snap := newSnapshot(n.params, sgd)
	noises := []Noise{Gaussian(0.3), Masking(0.3), SaltAndPepper(0.3)}
	for name, f := range map[string]func(){
		"reconstruction": func() { reconstruction(SquaredError, x, xc, dr) },
		"cross-entropy":  func() { reconstruction(CrossEntropy, x, xc, dr) },
		"sparsity":       func() { sparsity(h, 0.05, 3, dh, n.kl) },
		"l1":             func() { L1Penalty(h, 0.1, dh) },
		"contractive":    func() { n.contract(dh, true) },
		"weight decay":   func() { WeightDecayPenalty(n.weights, 1e-3, n.wgrad) },
		"snapshot":       func() { snap.step(sgd) },
		"finite":         func() { finiteParams(n.params) },
		"corrupt": func() {
			for _, nz := range noises {
				nz.corruptRow(xc.RawRowView(0), x.RawRowView(0), rng)
			}
		},
	} {
		if a := testing.AllocsPerRun(10, f); a != 0 {
			t.Errorf("%s: %v allocations per call", name, a)
		}
	}
}

// TestTrainingStepAllocatesNothing runs whole training steps (forward and
// backward passes with their matrix products in OpenBLAS, the loss, the
// rollback snapshot and Adam's update) after a warm-up: none may allocate,
// in float64 and with float32 products.
func TestTrainingStepAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector")
	}
	if !backend.Native() {
		if os.Getenv("CI") != "" {
			t.Fatal("OpenBLAS not loaded under CI (.ci/run installs libopenblas-dev): " + backend.FallbackReason())
		}
		t.Skip("OpenBLAS not loaded: " + backend.FallbackReason())
	}
	for _, c := range []struct {
		prec Precision
		tied bool
	}{{Float64, false}, {Float32, false}, {Float32, true}} {
		prec := c.prec
		m := New(Config{Sizes: []int{96, 48}, Hidden: nn.ReLU, Output: nn.Sigmoid, Seed: 1, Precision: prec, Tied: c.tied})
		n := m.net
		x := uniform(64, 96, 0, 1, 5)
		opt := optim.NewAdam(1e-3)
		snap := newSnapshot(n.params, opt)
		step := func() {
			n.objective(x, x, true)
			snap.step(opt)
		}
		step()
		if a := testing.AllocsPerRun(5, step); a != 0 {
			t.Errorf("%v products, tied=%v: %v allocations per training step", prec, c.tied, a)
		}
	}
}
