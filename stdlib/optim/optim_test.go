package optim_test

import (
	"math"
	"testing"

	"github.com/gokernel/gokernel/stdlib/nn"
	"github.com/gokernel/gokernel/stdlib/optim"
	"gonum.org/v1/gonum/mat"
)

// param returns a 1×len(v) parameter holding v, with gradient g.
func param(v, g []float64) *nn.Param {
	p := nn.NewParam("p", mat.NewDense(1, len(v), append([]float64(nil), v...)))
	p.Grad.SetRawMatrix(mat.NewDense(1, len(g), append([]float64(nil), g...)).RawMatrix())
	return p
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-15*math.Max(1, math.Abs(b)) }

func TestAdamFirstStepsByHand(t *testing.T) {
	o := optim.NewAdam(0.1)
	p := param([]float64{1, -2}, []float64{0.5, -4})
	// Step 1: m = 0.1 g, v = 0.001 g², m̂ = g, v̂ = g², update = lr·g/(|g|+eps).
	o.Step([]*nn.Param{p})
	want := []float64{1 - 0.1*0.5/(0.5+1e-8), -2 + 0.1*4/(4+1e-8)}
	for j, w := range want {
		if got := p.Value.At(0, j); !near(got, w) {
			t.Errorf("step 1, p[%d] = %.17g, want %.17g", j, got, w)
		}
	}
	// Step 2 with a new gradient, computed from the formula.
	g1 := []float64{0.5, -4}
	g2 := []float64{-1, 2}
	p.Grad.SetRow(0, g2)
	o.Step([]*nn.Param{p})
	for j := range want {
		m := 0.9*(0.1*g1[j]) + 0.1*g2[j]
		v := 0.999*(0.001*g1[j]*g1[j]) + 0.001*g2[j]*g2[j]
		mhat := m / (1 - 0.9*0.9)
		vhat := v / (1 - 0.999*0.999)
		w := want[j] - 0.1*mhat/(math.Sqrt(vhat)+1e-8)
		if got := p.Value.At(0, j); math.Abs(got-w) > 1e-14 {
			t.Errorf("step 2, p[%d] = %.17g, want %.17g", j, got, w)
		}
	}
	if o.Steps(p) != 2 {
		t.Errorf("Steps = %d, want 2", o.Steps(p))
	}
	if p.Grad.At(0, 0) != -1 {
		t.Error("Step changed the gradient")
	}
	o.Reset()
	if o.Steps(p) != 0 {
		t.Error("Reset kept the step count")
	}
}

func TestAdamWeightDecay(t *testing.T) {
	o := optim.NewAdam(0.01)
	o.WeightDecay = 0.5
	p := param([]float64{2}, []float64{1})
	o.Step([]*nn.Param{p})
	g := 1 + 0.5*2.0 // L2 term added to the gradient
	if got, want := p.Value.At(0, 0), 2-0.01*g/(g+1e-8); !near(got, want) {
		t.Errorf("p = %.17g, want %.17g", got, want)
	}
}

func TestSGDByHand(t *testing.T) {
	o := optim.NewSGD(0.1, 0.9, 0.01)
	p := param([]float64{1}, []float64{2})
	o.Step([]*nn.Param{p})
	g1 := 2 + 0.01*1.0
	p1 := 1 - 0.1*g1
	if got := p.Value.At(0, 0); !near(got, p1) {
		t.Fatalf("step 1: p = %.17g, want %.17g", got, p1)
	}
	p.Grad.Set(0, 0, -3)
	o.Step([]*nn.Param{p})
	g2 := -3 + 0.01*p1
	v2 := 0.9*g1 + g2
	if got, want := p.Value.At(0, 0), p1-0.1*v2; !near(got, want) {
		t.Errorf("step 2: p = %.17g, want %.17g", got, want)
	}

	plain := optim.NewSGD(0.5, 0, 0)
	q := param([]float64{1, 2}, []float64{4, -2})
	plain.Step([]*nn.Param{q})
	if q.Value.At(0, 0) != -1 || q.Value.At(0, 1) != 3 {
		t.Errorf("plain SGD gave %v", mat.Formatted(q.Value))
	}
}

// minimise runs o on f(p) = ½ Σ a_i (p_i - c_i)² from p = 0 and returns
// the distance of p to the minimiser c.
func minimise(o optim.Optimizer, steps int) float64 {
	a := []float64{1, 10, 0.1, 3}
	c := []float64{1, -2, 3, 0.5}
	p := param(make([]float64, 4), make([]float64, 4))
	ps := []*nn.Param{p}
	for k := 0; k < steps; k++ {
		for i := range a {
			p.Grad.Set(0, i, a[i]*(p.Value.At(0, i)-c[i]))
		}
		o.Step(ps)
	}
	var d float64
	for i := range c {
		d = math.Max(d, math.Abs(p.Value.At(0, i)-c[i]))
	}
	return d
}

func TestMinimiseQuadratic(t *testing.T) {
	for _, tc := range []struct {
		name  string
		o     optim.Optimizer
		steps int
	}{
		{"SGD", optim.NewSGD(0.15, 0, 0), 2000},
		{"SGD momentum", optim.NewSGD(0.05, 0.9, 0), 2000},
		{"Adam", optim.NewAdam(0.05), 3000},
	} {
		if d := minimise(tc.o, tc.steps); d > 1e-4 {
			t.Errorf("%s: ended %g from the minimum", tc.name, d)
		}
	}
	// Weight decay moves the minimum of a_i/2 (p-c)² + wd/2 p² to a c/(a+wd).
	o := optim.NewSGD(0.05, 0.9, 1)
	p := param([]float64{0}, []float64{0})
	for k := 0; k < 2000; k++ {
		p.Grad.Set(0, 0, 1*(p.Value.At(0, 0)-3))
		o.Step([]*nn.Param{p})
	}
	if got := p.Value.At(0, 0); math.Abs(got-1.5) > 1e-6 {
		t.Errorf("with weight decay SGD ends at %g, want 1.5", got)
	}
}

func TestStepAllocatesNothing(t *testing.T) {
	ps := []*nn.Param{param([]float64{1, 2, 3}, []float64{0.1, 0.2, 0.3}), param([]float64{4}, []float64{1})}
	for _, o := range []optim.Optimizer{optim.NewAdam(1e-3), optim.NewSGD(1e-3, 0.9, 1e-4)} {
		o.Step(ps)
		if n := testing.AllocsPerRun(100, func() { o.Step(ps) }); n != 0 {
			t.Errorf("%v: %g allocations per Step", o, n)
		}
	}
}

func TestStrings(t *testing.T) {
	if got := optim.NewAdam(1e-3).String(); got != "Adam(lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0)" {
		t.Errorf("Adam prints %q", got)
	}
	if got := optim.NewSGD(0.1, 0.9, 0).String(); got != "SGD(lr=0.1, momentum=0.9, weight_decay=0)" {
		t.Errorf("SGD prints %q", got)
	}
}

// TestSplitMatchesSerial runs Adam on a parameter big enough to be split
// between two goroutines and checks it against the same steps on one.
func TestSplitMatchesSerial(t *testing.T) {
	old := optim.SetMinSplit(1000)
	defer optim.SetMinSplit(old)
	mk := func() *nn.Param {
		v := make([]float64, 5000)
		g := make([]float64, 5000)
		for i := range v {
			v[i] = math.Sin(float64(i))
			g[i] = math.Cos(float64(3 * i))
		}
		return param(v, g)
	}
	split, serial := mk(), mk()
	a, b := optim.NewAdam(0.01), optim.NewAdam(0.01)
	for k := 0; k < 3; k++ {
		a.Step([]*nn.Param{split})
		optim.SetMinSplit(math.MaxInt)
		b.Step([]*nn.Param{serial})
		optim.SetMinSplit(1000)
	}
	if !mat.Equal(split.Value, serial.Value) {
		t.Error("Adam split over two goroutines differs from one goroutine")
	}
}

// TestAdamStepToMatchesStep runs two optimizers side by side, one stepping
// in place and one writing to other arrays (which the test then swaps in,
// as ae's training loop does): the values must agree bit for bit at every
// step, and StepTo must leave the parameters it reads unchanged.
func TestAdamStepToMatchesStep(t *testing.T) {
	in, out := optim.NewAdam(1e-2), optim.NewAdam(1e-2)
	in.WeightDecay, out.WeightDecay = 0.01, 0.01
	v0 := []float64{0.3, -1.2, 2, 0.7, -0.1, 5, 1e-3}
	a, b := param(v0, make([]float64, 7)), param(v0, make([]float64, 7))
	spare := [][]float64{make([]float64, 7)}
	for step := 1; step <= 5; step++ {
		for j := range v0 {
			g := math.Sin(float64(step*7 + j))
			a.Grad.Set(0, j, g)
			b.Grad.Set(0, j, g)
		}
		in.Step([]*nn.Param{a})
		before := mat.DenseCopyOf(b.Value)
		out.StepTo(spare, []*nn.Param{b})
		if !mat.Equal(before, b.Value) {
			t.Fatalf("step %d: StepTo changed the parameter", step)
		}
		for j, w := range a.Value.RawRowView(0) {
			if spare[0][j] != w {
				t.Fatalf("step %d, element %d: StepTo wrote %v, Step %v", step, j, spare[0][j], w)
			}
		}
		old := b.Value.RawMatrix().Data
		b.Value.SetRawMatrix(mat.NewDense(1, 7, spare[0]).RawMatrix())
		spare[0] = old
	}
	if in.Steps(a) != 5 || out.Steps(b) != 5 {
		t.Errorf("steps %d and %d, want 5", in.Steps(a), out.Steps(b))
	}
	defer func() {
		if recover() == nil {
			t.Error("StepTo with a short destination did not panic")
		}
	}()
	out.StepTo([][]float64{make([]float64, 3)}, []*nn.Param{b})
}
