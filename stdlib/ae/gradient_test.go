package ae

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

// uniform returns an r×c matrix of U[lo, hi) draws.
func uniform(r, c int, lo, hi float64, seed uint64) *mat.Dense {
	rng := rand.New(rand.NewPCG(seed, 1))
	x := mat.NewDense(r, c, nil)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			x.Set(i, j, lo+(hi-lo)*rng.Float64())
		}
	}
	return x
}

// randomBiases moves the biases away from zero so every path matters and
// no ReLU sits exactly at its kink.
func randomBiases(m *Autoencoder, rng *rand.Rand) {
	for _, p := range m.Params() {
		if p.Name == "B" {
			d := p.Value.RawMatrix().Data
			for i := range d {
				d[i] = rng.Float64() - 0.5
			}
		}
	}
}

// checkModelGradient compares the analytic gradient of the full loss with
// central differences (ε = 1e-4, as in the UFLDL exercise) for every
// parameter of n on the batch (xin, clean): per-element relative error
// below 1e-6 (absolute floor 1e-10) and UFLDL's norm ratio below 1e-6.
// Deep sigmoid stacks have gradients near 1e-6 whose finite differences are
// rounding-limited at ε = 1e-5, hence ε = 1e-4.
func checkModelGradient(t *testing.T, n *net, xin, clean *mat.Dense) {
	t.Helper()
	n.objective(xin, clean, true)
	f := func() float64 { return n.objective(xin, clean, false).Total }
	for i, p := range n.params {
		// Keep the analytic gradient: f does not touch Grad.
		maxRel, ratio := nn.GradientErrors(f, p, 1e-4)
		if maxRel > 1e-6 || ratio > 1e-6 {
			t.Errorf("param %d (%v): max rel err %.3g, norm ratio %.3g", i, p, maxRel, ratio)
			for r := 0; r < 2; r++ {
				t.Logf("grad row %d: %v", r, p.Grad.RawRowView(r%p.Grad.RawMatrix().Rows))
			}
		}
	}
}

func TestGradientEveryTerm(t *testing.T) {
	base := []struct {
		name string
		cfg  Config
	}{
		{"plain", Config{}},
		{"sparse", Config{Sparsity: 0.2, SparsityWeight: 3}},
		{"l1", Config{L1: 0.3}},
		{"contractive", Config{Contractive: 0.7}},
		{"weightdecay", Config{WeightDecay: 0.05}},
		{"crossentropy", Config{Loss: CrossEntropy}},
		{"all", Config{Sparsity: 0.1, SparsityWeight: 2, L1: 0.2, Contractive: 0.5, WeightDecay: 0.01, Noise: Masking(0.3)}},
	}
	archs := []struct {
		name   string
		sizes  []int
		hidden nn.Activation
	}{
		{"shallow-sigmoid", []int{7, 4}, nn.Sigmoid},
		{"shallow-tanh", []int{7, 5}, nn.Tanh},
		{"deep-tanh", []int{7, 5, 3}, nn.Tanh},
		{"deep3-sigmoid", []int{6, 5, 4, 3}, nn.Sigmoid},
	}
	for _, a := range archs {
		for _, tied := range []bool{false, true} {
			for _, b := range base {
				name := fmt.Sprintf("%s/%s/tied=%v", a.name, b.name, tied)
				t.Run(name, func(t *testing.T) {
					cfg := b.cfg
					cfg.Sizes = a.sizes
					cfg.Hidden = a.hidden
					cfg.Output = nn.Sigmoid
					cfg.Tied = tied
					cfg.Seed = 3
					cfg.Precision = Float64
					m := New(cfg)
					rng := rand.New(rand.NewPCG(9, 9))
					randomBiases(m, rng)
					clean := uniform(9, a.sizes[0], 0.05, 0.95, 4)
					xin := clean
					if cfg.Noise.Active() {
						xin = cfg.Noise.Corrupt(nil, clean, rng)
					}
					checkModelGradient(t, m.net, xin, clean)
				})
			}
		}
	}
}

func TestGradientPiecewiseLinear(t *testing.T) {
	// ReLU and LeakyReLU hidden units with a linear output: the contractive
	// term counts active units; L1 acts on the ReLU code.
	for _, act := range []nn.Activation{nn.ReLU, nn.LeakyReLU, nn.Identity} {
		for _, tied := range []bool{false, true} {
			t.Run(fmt.Sprintf("%v/tied=%v", act, tied), func(t *testing.T) {
				m := New(Config{Sizes: []int{6, 5, 4}, Hidden: act, Output: nn.Identity, Tied: tied,
					L1: 0.1, Contractive: 0.3, WeightDecay: 0.02, Seed: 5, Precision: Float64})
				randomBiases(m, rand.New(rand.NewPCG(1, 2)))
				x := uniform(8, 6, -1, 1, 6)
				checkModelGradient(t, m.net, x, x)
			})
		}
	}
}

func TestGradientPretrainStages(t *testing.T) {
	m := New(Config{Sizes: []int{7, 5, 3}, Hidden: nn.Sigmoid, Output: nn.Sigmoid, Seed: 2,
		Sparsity: 0.1, Contractive: 0.2, WeightDecay: 0.01, Precision: Float64})
	x := uniform(6, 7, 0, 1, 8)
	for l := 0; l < 2; l++ {
		n := newNet(m.dense[l:l+1], m.net.dec[1-l:2-l])
		m.configure(n, l)
		in := x
		if l == 1 {
			in = run(x, 5, m.dense[0].Forward)
		}
		checkModelGradient(t, n, in, in)
	}
}
