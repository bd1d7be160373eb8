package nn_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

// TestSplitMatchesSerial runs Forward, Backward and BackwardParams with
// every element-wise pass split over two goroutines and again on one, on
// both compute paths: the results must be identical, bit for bit.
func TestSplitMatchesSerial(t *testing.T) {
	old, oldDense := nn.SetMinSplit(0), nn.SetDenseMinSplit(0)
	defer nn.SetMinSplit(old)
	defer nn.SetDenseMinSplit(oldDense)
	for _, act := range activations {
		for _, f32 := range []bool{false, true} {
			rng := rand.New(rand.NewPCG(30, uint64(act)))
			d := nn.NewDense(9, 7, act, rng)
			d.Float32 = f32
			x := randDense(rng, 5, 9, -1, 1)
			dy := randDense(rng, 5, 7, -1, 1)
			run := func(minSplit int) []*mat.Dense {
				nn.SetMinSplit(minSplit)
				nn.SetDenseMinSplit(minSplit)
				nn.ZeroGrad(d.Params())
				out := mat.DenseCopyOf(d.Forward(x))
				dx := mat.DenseCopyOf(d.Backward(dy))
				d.Forward(x)
				d.BackwardParams(dy)
				return []*mat.Dense{out, dx, mat.DenseCopyOf(d.Params()[0].Grad), mat.DenseCopyOf(d.Params()[1].Grad)}
			}
			split, serial := run(0), run(math.MaxInt)
			for i, name := range []string{"out", "dx", "dW", "dB"} {
				if !mat.Equal(split[i], serial[i]) {
					t.Errorf("%v float32=%v: %s differs when split", act, f32, name)
				}
			}
		}
	}
}

// TestSplitGradients gradient-checks a stack with every pass split.
func TestSplitGradients(t *testing.T) {
	old, oldDense := nn.SetMinSplit(0), nn.SetDenseMinSplit(0)
	defer nn.SetMinSplit(old)
	defer nn.SetDenseMinSplit(oldDense)
	rng := rand.New(rand.NewPCG(31, 31))
	for k, s := range stacks(rng) {
		x := randDense(rng, 4, 6, 0, 1)
		target := mat.DenseCopyOf(x)
		loss := func() float64 { return nn.MSE(s.Forward(x), target) }
		s.ZeroGrad()
		dy := mat.NewDense(4, 6, nil)
		nn.MSEGrad(dy, s.Forward(x), target)
		s.Backward(dy)
		for i, p := range s.Params() {
			checkParam(t, fmt.Sprintf("stack %d param %d", k, i), loss, p)
		}
	}
}
