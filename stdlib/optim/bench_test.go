package optim_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gokernel/gokernel/stdlib/nn"
	"github.com/gokernel/gokernel/stdlib/optim"
	"gonum.org/v1/gonum/mat"
)

// BenchmarkAdamStep updates the parameters of a 784-128-784 autoencoder.
func BenchmarkAdamStep(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	var ps []*nn.Param
	for _, s := range [][2]int{{784, 128}, {1, 128}, {128, 784}, {1, 784}} {
		v := make([]float64, s[0]*s[1])
		for i := range v {
			v[i] = rng.NormFloat64()
		}
		p := nn.NewParam("p", mat.NewDense(s[0], s[1], v))
		p.Grad.Apply(func(int, int, float64) float64 { return rng.NormFloat64() }, p.Grad)
		ps = append(ps, p)
	}
	o := optim.NewAdam(1e-3)
	o.Step(ps)
	b.ReportAllocs()
	for b.Loop() {
		o.Step(ps)
	}
	b.ReportMetric(float64(b.N*nn.NumParams(ps))/b.Elapsed().Seconds()/1e6, "Mparams/s")
}

func BenchmarkAdamStepSerial(b *testing.B) {
	old := optim.SetMinSplit(math.MaxInt)
	defer optim.SetMinSplit(old)
	BenchmarkAdamStep(b)
}
