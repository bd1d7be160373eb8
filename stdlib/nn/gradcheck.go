package nn

import (
	"math"
	"math/rand/v2"

	"github.com/gokernel/gokernel/stdlib/session"
)

// GradCheckFloor is the absolute difference below which CheckGradient
// counts an element as agreeing, whatever its relative error.
const GradCheckFloor = 1e-10

// CheckGradient compares p.Grad, which the caller must have filled by
// back-propagation, with central differences of f, the loss as a function
// of p.Value: (f(v+eps) - f(v-eps)) / 2eps for each element in turn. f must
// not change p.Grad. p.Value is restored exactly.
//
// It returns the largest relative error per element,
// |num - bp| / max(|num|, |bp|), counting elements whose absolute
// difference is at most GradCheckFloor as zero. eps of 1e-5 or 1e-6 suits
// float64 losses of moderate size.
//
// It calls f twice per element, so a big layer takes long: it polls the
// notebook session (session.Context) and, when interrupted, stops and
// returns NaN. CheckGradientSample checks a random subset instead.
func CheckGradient(f func() float64, p *Param, eps float64) (maxRelErr float64) {
	maxRelErr, _ = GradientErrors(f, p, eps)
	return maxRelErr
}

// GradientErrors is CheckGradient returning also the norm ratio
// ‖num - bp‖ / ‖num + bp‖ (UFLDL's criterion; 0 when both are zero). Both
// are NaN if the session is interrupted.
func GradientErrors(f func() float64, p *Param, eps float64) (maxRelErr, normRatio float64) {
	sameShape(p.Value, p.Grad)
	r, c := p.Value.Dims()
	var g gradErrors
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			if !g.check(f, p, i, j, eps) {
				return math.NaN(), math.NaN()
			}
		}
	}
	return g.result()
}

// CheckGradientSample is CheckGradient on n elements of p drawn from rng
// (with replacement), for layers too big to check whole.
func CheckGradientSample(f func() float64, p *Param, eps float64, n int, rng *rand.Rand) (maxRelErr float64) {
	sameShape(p.Value, p.Grad)
	r, c := p.Value.Dims()
	var g gradErrors
	for k := 0; k < n; k++ {
		if !g.check(f, p, rng.IntN(r), rng.IntN(c), eps) {
			return math.NaN()
		}
	}
	maxRelErr, _ = g.result()
	return maxRelErr
}

// gradErrors accumulates the comparison of numerical and back-propagated
// gradients element by element.
type gradErrors struct {
	maxRel, diff2, sum2 float64
}

// check compares element (i, j) of p and reports false, leaving p as it
// was, if the session has been interrupted.
func (g *gradErrors) check(f func() float64, p *Param, i, j int, eps float64) bool {
	if session.Interrupted() {
		return false
	}
	v := p.Value.At(i, j)
	p.Value.Set(i, j, v+eps)
	fp := f()
	p.Value.Set(i, j, v-eps)
	fm := f()
	p.Value.Set(i, j, v)
	num := (fp - fm) / (2 * eps)
	bp := p.Grad.At(i, j)
	d := math.Abs(num - bp)
	g.diff2 += d * d
	g.sum2 += (num + bp) * (num + bp)
	if d <= GradCheckFloor {
		return true
	}
	if rel := d / math.Max(math.Abs(num), math.Abs(bp)); rel > g.maxRel || math.IsNaN(rel) {
		g.maxRel = rel
	}
	return true
}

func (g *gradErrors) result() (maxRelErr, normRatio float64) {
	switch {
	case g.sum2 > 0:
		normRatio = math.Sqrt(g.diff2) / math.Sqrt(g.sum2)
	case g.diff2 > 0:
		normRatio = math.Inf(1)
	}
	return g.maxRel, normRatio
}
