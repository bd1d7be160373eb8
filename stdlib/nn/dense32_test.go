package nn_test

import (
	"math/rand/v2"
	"testing"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

// relDiff returns ‖a - b‖_F / ‖b‖_F.
func relDiff(a, b mat.Matrix) float64 {
	var d mat.Dense
	d.Sub(a, b)
	return mat.Norm(&d, 2) / mat.Norm(b, 2)
}

// TestFloat32MatchesFloat64 runs the same layer on both paths: outputs,
// parameter gradients and input gradients must agree to float32
// precision, for every activation and for a batch-size change.
func TestFloat32MatchesFloat64(t *testing.T) {
	for _, act := range activations {
		rng := rand.New(rand.NewPCG(20, uint64(act)))
		d := nn.NewDense(50, 30, act, rng)
		d.B.Copy(randDense(rng, 1, 30, -0.3, 0.3))
		for _, batch := range []int{17, 5, 17} {
			x := randDense(rng, batch, 50, -1, 1)
			dy := randDense(rng, batch, 30, -1, 1)
			run := func(f32 bool) (out, dx, gw, gb *mat.Dense) {
				d.Float32 = f32
				nn.ZeroGrad(d.Params())
				out = mat.DenseCopyOf(d.Forward(x))
				dx = mat.DenseCopyOf(d.Backward(dy))
				return out, dx, mat.DenseCopyOf(d.Params()[0].Grad), mat.DenseCopyOf(d.Params()[1].Grad)
			}
			o64, dx64, w64, b64 := run(false)
			o32, dx32, w32, b32 := run(true)
			for _, c := range []struct {
				name     string
				got, ref *mat.Dense
			}{{"out", o32, o64}, {"dx", dx32, dx64}, {"dW", w32, w64}, {"dB", b32, b64}} {
				if r := relDiff(c.got, c.ref); !(r < 1e-5) || r == 0 && c.name != "dB" {
					t.Errorf("%v batch %d %s: float32 differs from float64 by %.3g (relative)", act, batch, c.name, r)
				}
			}
		}
	}
}

func TestFloat32BackwardParams(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 21))
	d := nn.NewDense(40, 20, nn.ReLU, rng)
	d.Float32 = true
	x := randDense(rng, 8, 40, -1, 1)
	dy := randDense(rng, 8, 20, -1, 1)
	d.Forward(x)
	d.Backward(dy)
	want := mat.DenseCopyOf(d.Params()[0].Grad)
	nn.ZeroGrad(d.Params())
	d.Forward(x)
	d.BackwardParams(dy)
	if !mat.Equal(d.Params()[0].Grad, want) {
		t.Error("BackwardParams and Backward give different weight gradients on the float32 path")
	}
	if got := d.String(); got != "Dense(40 -> 20, ReLU, float32)" {
		t.Errorf("String() = %q", got)
	}
}
