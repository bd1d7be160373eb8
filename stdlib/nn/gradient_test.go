package nn_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

func TestActivationDerivative(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, act := range activations {
		z := randDense(rng, 4, 7, -3, 3)
		w := randDense(rng, 4, 7, -1, 1)
		out := mat.NewDense(4, 7, nil)
		loss := func() float64 {
			act.Apply(out, z)
			return mat.Sum(func() *mat.Dense { out.MulElem(out, w); return out }())
		}
		p := &nn.Param{Name: "z", Value: z, Grad: mat.NewDense(4, 7, nil)}
		act.Derivative(p.Grad, z)
		p.Grad.MulElem(p.Grad, w)
		checkParam(t, act.String(), loss, p)
	}
}

func TestLossGradients(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	for _, l := range losses {
		pred := randDense(rng, 5, 3, 0.05, 0.95)
		target := randDense(rng, 5, 3, 0, 1)
		p := &nn.Param{Name: "pred", Value: pred, Grad: mat.NewDense(5, 3, nil)}
		l.grad(p.Grad, pred, target)
		checkParam(t, l.name, func() float64 { return l.f(pred, target) }, p)
	}
}

func TestLossWithGradMatchesSeparate(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 3))
	pred := randDense(rng, 6, 5, 0, 1)
	pred.Set(0, 0, 0) // clamped by BCE
	pred.Set(1, 1, 1)
	target := randDense(rng, 6, 5, 0, 1)
	for _, c := range []struct {
		name     string
		f        func(p, t *mat.Dense) float64
		grad     func(d, p, t *mat.Dense)
		withGrad func(d, p, t *mat.Dense) float64
	}{
		{"MSE", nn.MSE, nn.MSEGrad, nn.MSEWithGrad},
		{"BCE", nn.BCE, nn.BCEGrad, nn.BCEWithGrad},
	} {
		want := mat.NewDense(6, 5, nil)
		c.grad(want, pred, target)
		got := mat.NewDense(6, 5, nil)
		if l, w := c.withGrad(got, pred, target), c.f(pred, target); l != w {
			t.Errorf("%sWithGrad loss %v, want %v", c.name, l, w)
		}
		if !mat.Equal(got, want) {
			t.Errorf("%sWithGrad gradient differs from %sGrad", c.name, c.name)
		}
	}
}

func TestDenseGradients(t *testing.T) {
	for _, act := range activations {
		for _, l := range losses {
			if l.name == "BCE" && act != nn.Sigmoid {
				continue // BCE needs outputs in (0, 1)
			}
			rng := rand.New(rand.NewPCG(3, uint64(act)))
			d := nn.NewDense(5, 4, act, rng)
			d.B.Copy(randDense(rng, 1, 4, -0.5, 0.5))
			x := randDense(rng, 3, 5, -1, 1)
			target := randDense(rng, 3, 4, 0, 1)
			loss := func() float64 { return l.f(d.Forward(x), target) }

			nn.ZeroGrad(d.Params())
			out := d.Forward(x)
			dy := mat.NewDense(3, 4, nil)
			l.grad(dy, out, target)
			dx := mat.DenseCopyOf(d.Backward(dy))

			what := d.String() + " " + l.name
			for _, p := range d.Params() {
				checkParam(t, what, loss, p)
			}
			checkParam(t, what, loss, &nn.Param{Name: "x", Value: x, Grad: dx})
		}
	}
}

// stacks are the Sequential networks whose gradients are checked.
func stacks(rng *rand.Rand) []*nn.Sequential {
	return []*nn.Sequential{
		nn.NewSequential([]nn.Layer{
			nn.NewDense(6, 5, nn.ReLU, rng),
			nn.NewDense(5, 3, nn.Tanh, rng),
			nn.NewDense(3, 6, nn.Sigmoid, rng),
		}),
		nn.NewSequential([]nn.Layer{
			nn.NewDense(6, 4, nn.LeakyReLU, rng),
			nn.NewDense(4, 4, nn.Identity, rng),
			nn.NewDense(4, 6, nn.Sigmoid, rng),
		}),
	}
}

func TestSequentialGradients(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	for _, s := range stacks(rng) {
		for _, l := range losses {
			x := randDense(rng, 4, 6, 0, 1)
			target := mat.DenseCopyOf(x) // an autoencoder's target, fixed
			loss := func() float64 { return l.f(s.Forward(x), target) }

			s.ZeroGrad()
			out := s.Forward(x)
			dy := mat.NewDense(4, 6, nil)
			l.grad(dy, out, target)
			dx := mat.DenseCopyOf(s.Backward(dy))

			for i, p := range s.Params() {
				checkParam(t, l.name+" param "+string(rune('0'+i)), loss, p)
			}
			checkParam(t, l.name, loss, &nn.Param{Name: "x", Value: x, Grad: dx})
		}
	}
}

func TestBackwardParamsMatchesBackward(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	s := stacks(rng)[0]
	x := randDense(rng, 3, 6, 0, 1)
	dy := randDense(rng, 3, 6, -1, 1)

	s.ZeroGrad()
	s.Forward(x)
	s.Backward(dy)
	var want []*mat.Dense
	for _, p := range s.Params() {
		want = append(want, mat.DenseCopyOf(p.Grad))
	}
	s.ZeroGrad()
	s.Forward(x)
	s.BackwardParams(dy)
	for i, p := range s.Params() {
		if !mat.Equal(p.Grad, want[i]) {
			t.Errorf("param %d: BackwardParams gradient differs from Backward", i)
		}
	}
}

func TestGradientsAccumulate(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	d := nn.NewDense(4, 3, nn.Tanh, rng)
	x := randDense(rng, 2, 4, -1, 1)
	dy := randDense(rng, 2, 3, -1, 1)
	d.Forward(x)
	d.Backward(dy)
	once := mat.DenseCopyOf(d.Params()[0].Grad)
	d.Forward(x)
	d.Backward(dy)
	once.Scale(2, once)
	if !mat.EqualApprox(d.Params()[0].Grad, once, 1e-14) {
		t.Error("second Backward did not add to the gradient")
	}
	nn.ZeroGrad(d.Params())
	if mat.Norm(d.Params()[0].Grad, 1) != 0 || mat.Norm(d.Params()[1].Grad, 1) != 0 {
		t.Error("ZeroGrad left a non-zero gradient")
	}
}

// TestBackwardWithGradientOverOutput writes the loss gradient over the
// layer's own output buffer, as MSEGrad(out, out, target) allows, and
// checks the gradients against the usual call.
func TestBackwardWithGradientOverOutput(t *testing.T) {
	for _, act := range activations {
		rng := rand.New(rand.NewPCG(7, uint64(act)))
		d := nn.NewDense(5, 4, act, rng)
		x := randDense(rng, 3, 5, -1, 1)
		target := randDense(rng, 3, 4, 0, 1)

		nn.ZeroGrad(d.Params())
		out := d.Forward(x)
		dy := mat.NewDense(3, 4, nil)
		nn.MSEGrad(dy, out, target)
		wantDX := mat.DenseCopyOf(d.Backward(dy))
		wantW := mat.DenseCopyOf(d.Params()[0].Grad)

		nn.ZeroGrad(d.Params())
		out = d.Forward(x)
		nn.MSEGrad(out, out, target)
		dx := d.Backward(out)
		if !mat.EqualApprox(dx, wantDX, 1e-14) || !mat.EqualApprox(d.Params()[0].Grad, wantW, 1e-14) {
			t.Errorf("%v: gradients differ when dy is the output buffer", act)
		}
	}
}

// TestBackwardPre checks the sigmoid + cross-entropy shortcut: the
// gradients from SigmoidBCEGrad and BackwardPre match central differences
// of BCE, on both compute paths' dispatch (float64 here) and for
// BackwardPreParams.
func TestBackwardPre(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	d := nn.NewDense(6, 5, nn.Sigmoid, rng)
	d.B.Copy(randDense(rng, 1, 5, -0.5, 0.5))
	x := randDense(rng, 4, 6, -1, 1)
	target := randDense(rng, 4, 5, 0, 1)
	loss := func() float64 { return nn.BCE(d.Forward(x), target) }

	nn.ZeroGrad(d.Params())
	out := d.Forward(x)
	dz := mat.NewDense(4, 5, nil)
	nn.SigmoidBCEGrad(dz, out, target)
	dx := mat.DenseCopyOf(d.BackwardPre(dz))
	for _, p := range d.Params() {
		checkParam(t, "BackwardPre", loss, p)
	}
	checkParam(t, "BackwardPre", loss, &nn.Param{Name: "x", Value: x, Grad: dx})

	want := mat.DenseCopyOf(d.Params()[0].Grad)
	nn.ZeroGrad(d.Params())
	d.Forward(x)
	d.BackwardPreParams(dz)
	if !mat.Equal(d.Params()[0].Grad, want) {
		t.Error("BackwardPreParams gives another weight gradient than BackwardPre")
	}
}

// TestBackwardPreSaturated shows why BackwardPre exists: on a saturated,
// wrong sigmoid output, BCEGrad·σ' vanishes while (out - target) does not.
func TestBackwardPreSaturated(t *testing.T) {
	w := mat.NewDense(1, 1, []float64{50})
	d := nn.NewDenseFrom(w, mat.NewDense(1, 1, nil), nn.Sigmoid)
	x := mat.NewDense(1, 1, []float64{1}) // z = 50, out = 1 - 2e-22 → 1
	target := mat.NewDense(1, 1, []float64{0})
	out := d.Forward(x)
	dz := mat.NewDense(1, 1, nil)
	nn.SigmoidBCEGrad(dz, out, target)
	d.BackwardPreParams(dz)
	if g := d.Params()[0].Grad.At(0, 0); math.Abs(g-1) > 1e-12 {
		t.Errorf("dL/dw = %g, want 1", g)
	}
}

func TestSequentialBackwardPreParams(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for _, s := range stacks(rng) { // each ends in a Sigmoid Dense
		x := randDense(rng, 4, 6, 0, 1)
		target := mat.DenseCopyOf(x)
		loss := func() float64 { return nn.BCE(s.Forward(x), target) }
		s.ZeroGrad()
		dz := mat.NewDense(4, 6, nil)
		nn.SigmoidBCEGrad(dz, s.Forward(x), target)
		s.BackwardPreParams(dz)
		for i, p := range s.Params() {
			checkParam(t, fmt.Sprintf("BackwardPreParams param %d", i), loss, p)
		}
	}
}
