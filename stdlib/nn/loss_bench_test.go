package nn_test

import (
	"math/rand/v2"
	"testing"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

// BenchmarkLoss evaluates a loss and its gradient on a 128×784 batch.
func BenchmarkLoss(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	p := randDense(rng, 128, 784, 0.01, 0.99)
	t := randDense(rng, 128, 784, 0, 1)
	d := mat.NewDense(128, 784, nil)
	for _, c := range []struct {
		name string
		f    func(d, p, t *mat.Dense) float64
	}{{"MSEWithGrad", nn.MSEWithGrad}, {"BCEWithGrad", nn.BCEWithGrad}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				c.f(d, p, t)
			}
			b.ReportMetric(float64(b.N*128*784)/b.Elapsed().Seconds()/1e6, "Melem/s")
		})
	}
}
