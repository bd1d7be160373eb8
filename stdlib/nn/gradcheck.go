package nn

import "math"

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
func CheckGradient(f func() float64, p *Param, eps float64) (maxRelErr float64) {
	maxRelErr, _ = GradientErrors(f, p, eps)
	return maxRelErr
}

// GradientErrors is CheckGradient returning also the norm ratio
// ‖num - bp‖ / ‖num + bp‖ (UFLDL's criterion; 0 when both are zero).
func GradientErrors(f func() float64, p *Param, eps float64) (maxRelErr, normRatio float64) {
	sameShape(p.Value, p.Grad)
	r, c := p.Value.Dims()
	var diff2, sum2 float64
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			v := p.Value.At(i, j)
			p.Value.Set(i, j, v+eps)
			fp := f()
			p.Value.Set(i, j, v-eps)
			fm := f()
			p.Value.Set(i, j, v)
			num := (fp - fm) / (2 * eps)
			bp := p.Grad.At(i, j)
			d := math.Abs(num - bp)
			diff2 += d * d
			sum2 += (num + bp) * (num + bp)
			if d <= GradCheckFloor {
				continue
			}
			if rel := d / math.Max(math.Abs(num), math.Abs(bp)); rel > maxRelErr || math.IsNaN(rel) {
				maxRelErr = rel
			}
		}
	}
	if sum2 > 0 {
		normRatio = math.Sqrt(diff2) / math.Sqrt(sum2)
	} else if diff2 > 0 {
		normRatio = math.Inf(1)
	}
	return maxRelErr, normRatio
}
