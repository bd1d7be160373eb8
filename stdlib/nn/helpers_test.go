package nn_test

import (
	"math/rand/v2"
	"testing"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

// randDense returns an r×c matrix with entries uniform in [lo, hi).
func randDense(rng *rand.Rand, r, c int, lo, hi float64) *mat.Dense {
	m := mat.NewDense(r, c, nil)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			m.Set(i, j, lo+(hi-lo)*rng.Float64())
		}
	}
	return m
}

// Gradient-check thresholds demanded by the science reference.
const (
	gradEps     = 1e-5
	maxRelErr   = 1e-6
	maxNormRate = 1e-8
)

// checkParam gradient-checks p against loss and fails t with a message
// naming what is checked.
func checkParam(t *testing.T, what string, loss func() float64, p *nn.Param) {
	t.Helper()
	rel, ratio := nn.GradientErrors(loss, p, gradEps)
	if !(rel < maxRelErr) || !(ratio < maxNormRate) {
		t.Errorf("%s %s: max rel err %.3g (want < %g), norm ratio %.3g (want < %g)",
			what, p.Name, rel, maxRelErr, ratio, maxNormRate)
	}
}

// lossFunc is a loss with its gradient, for table tests.
type lossFunc struct {
	name string
	f    func(pred, target *mat.Dense) float64
	grad func(dst, pred, target *mat.Dense)
}

var losses = []lossFunc{
	{"MSE", nn.MSE, nn.MSEGrad},
	{"BCE", nn.BCE, nn.BCEGrad},
	{"SSE", nn.SumSquaredError, nn.SumSquaredErrorGrad},
}

var activations = []nn.Activation{nn.Identity, nn.Sigmoid, nn.Tanh, nn.ReLU, nn.LeakyReLU}
