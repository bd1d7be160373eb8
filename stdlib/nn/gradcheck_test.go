package nn_test

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gokernel/gokernel/stdlib/nn"
	"github.com/gokernel/gokernel/stdlib/session"
	"gonum.org/v1/gonum/mat"
)

// A wrong gradient must be caught, and the values restored exactly.
func TestCheckGradientCatchesErrors(t *testing.T) {
	v := mat.NewDense(2, 2, []float64{1, -2, 3, 0.5})
	orig := mat.DenseCopyOf(v)
	p := &nn.Param{Name: "v", Value: v, Grad: mat.NewDense(2, 2, nil)}
	// f = Σ v³, df/dv = 3v².
	f := func() float64 {
		var s float64
		for _, x := range v.RawMatrix().Data {
			s += x * x * x
		}
		return s
	}
	p.Grad.Apply(func(_, _ int, x float64) float64 { return 3 * x * x }, v)
	if rel := nn.CheckGradient(f, p, 1e-5); !(rel < 1e-8) {
		t.Errorf("right gradient: max rel err %g", rel)
	}
	if !mat.Equal(v, orig) {
		t.Error("values not restored")
	}
	p.Grad.Set(1, 0, p.Grad.At(1, 0)*(1+1e-4))
	rel, ratio := nn.GradientErrors(f, p, 1e-5)
	if math.Abs(rel-1e-4) > 1e-6 || !(ratio > 1e-6) {
		t.Errorf("gradient off by 1e-4 in one element: max rel err %g, norm ratio %g", rel, ratio)
	}
	if rel := nn.CheckGradientSample(f, p, 1e-5, 200, rand.New(rand.NewPCG(1, 1))); math.Abs(rel-1e-4) > 1e-6 {
		t.Errorf("200 samples of 4 elements missed the wrong one: %g", rel)
	}
}

func TestCheckGradientStopsOnInterrupt(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	session.SetContextFunc(func() context.Context { return ctx })
	defer session.SetContextFunc(nil)
	v := mat.NewDense(3, 3, nil)
	p := &nn.Param{Name: "v", Value: v, Grad: mat.NewDense(3, 3, nil)}
	calls := 0
	f := func() float64 {
		calls++
		if calls == 4 {
			cancel()
		}
		return mat.Sum(v)
	}
	if rel := nn.CheckGradient(f, p, 1e-5); !math.IsNaN(rel) {
		t.Errorf("interrupted check returned %g, want NaN", rel)
	}
	if calls != 4 {
		t.Errorf("f called %d times after the interrupt at call 4", calls)
	}
	if mat.Sum(v) != 0 {
		t.Error("values not restored after the interrupt")
	}
}
