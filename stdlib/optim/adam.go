package optim

import (
	"fmt"
	"math"

	"github.com/gokernel/gokernel/stdlib/nn"
)

// Adam is the Adam optimizer of Kingma and Ba as torch.optim.Adam computes
// it (L2 weight decay added to the gradient, not AdamW):
//
//	g = grad + WeightDecay·p
//	m = Beta1·m + (1-Beta1)·g
//	v = Beta2·v + (1-Beta2)·g²
//	p = p - LR/(1-Beta1^t) · m / (√v/√(1-Beta2^t) + Eps)
//
// where t counts the steps taken for that parameter, starting at 1.
type Adam struct {
	LR, Beta1, Beta2, Eps, WeightDecay float64

	state map[*nn.Param]*adamState
	split splitter
	pass  adamPass         // the parameter being updated, read by both halves
	run   func(lo, hi int) // o.runPass, bound once
}

// adamPass holds the arguments of adamUpdate for one parameter.
type adamPass struct {
	d, p, g, m, v []float64
	k             adamConsts
}

type adamState struct {
	t    int
	m, v []float64
}

// NewAdam returns an Adam optimizer with PyTorch's defaults: Beta1 0.9,
// Beta2 0.999, Eps 1e-8, no weight decay.
func NewAdam(lr float64) *Adam {
	return &Adam{LR: lr, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, state: map[*nn.Param]*adamState{}}
}

// String describes the optimizer.
func (o *Adam) String() string {
	return fmt.Sprintf("Adam(lr=%g, betas=(%g, %g), eps=%g, weight_decay=%g)", o.LR, o.Beta1, o.Beta2, o.Eps, o.WeightDecay)
}

// Reset forgets the moment estimates and step counts.
func (o *Adam) Reset() { o.state = map[*nn.Param]*adamState{} }

// Steps returns how many updates p has received since the last Reset.
func (o *Adam) Steps(p *nn.Param) int {
	if s := o.state[p]; s != nil {
		return s.t
	}
	return 0
}

// Step applies one update to every parameter in ps.
func (o *Adam) Step(ps []*nn.Param) { o.StepTo(nil, ps) }

// StepTo applies one update to every parameter in ps, as Step does, but
// writes the new values of ps[i] to dst[i] (of its length) and leaves the
// parameters' values as they were; the moment estimates and step counts
// advance as in Step. With dst nil it updates in place. A training loop
// that must be able to undo a step (ae's Fit) uses it to keep the previous
// values without copying them, alternating each parameter between two
// arrays.
func (o *Adam) StepTo(dst [][]float64, ps []*nn.Param) {
	if o.state == nil {
		o.state = map[*nn.Param]*adamState{}
	}
	if dst != nil && len(dst) != len(ps) {
		panic(fmt.Sprintf("optim: StepTo: %d destinations for %d parameters", len(dst), len(ps)))
	}
	for i, p := range ps {
		v, g := flat(p)
		d := v
		if dst != nil {
			if d = dst[i]; len(d) != len(v) {
				panic(fmt.Sprintf("optim: StepTo: destination %d has %d elements, %s has %d", i, len(d), p.Name, len(v)))
			}
		}
		s := o.state[p]
		if s == nil {
			s = &adamState{m: make([]float64, len(v)), v: make([]float64, len(v))}
			o.state[p] = s
		}
		s.t++
		bc1 := 1 - math.Pow(o.Beta1, float64(s.t))
		bc2 := 1 - math.Pow(o.Beta2, float64(s.t))
		o.pass = adamPass{d: d, p: v, g: g, m: s.m, v: s.v, k: adamConsts{
			step: o.LR / bc1, invSqrtBC2: 1 / math.Sqrt(bc2),
			b1: o.Beta1, b2: o.Beta2, c1: 1 - o.Beta1, c2: 1 - o.Beta2,
			eps: o.Eps, wd: o.WeightDecay,
		}}
		if o.run == nil {
			o.run = o.runPass
		}
		o.split.split(len(v), o.run)
	}
	o.pass = adamPass{}
}

// runPass updates elements [lo, hi) of the current parameter.
func (o *Adam) runPass(lo, hi int) {
	c := &o.pass
	adamUpdate(c.d[lo:hi], c.p[lo:hi], c.g[lo:hi], c.m[lo:hi], c.v[lo:hi], &c.k)
}
