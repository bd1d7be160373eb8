package nn

import "gonum.org/v1/gonum/mat"

// BCEEps bounds the predictions inside BCE and BCEGrad to [BCEEps, 1-BCEEps]
// so that the logarithms stay finite. (The logarithms are a table-driven
// version accurate to one ulp, several times faster than math.Log.)
const BCEEps = 1e-12

// MSE returns the mean over all elements of (pred - target)², as PyTorch's
// MSELoss with reduction "mean".
func MSE(pred, target *mat.Dense) float64 {
	sameShape(pred, target)
	r, c := pred.Dims()
	var s float64
	for i := 0; i < r; i++ {
		p := pred.RawRowView(i)
		t := target.RawRowView(i)[:len(p)]
		for j, v := range p {
			d := v - t[j]
			s += d * d
		}
	}
	return s / float64(r*c)
}

// MSEGrad stores dMSE/dpred = 2(pred - target)/N in dst, N the number of
// elements. dst may be pred.
func MSEGrad(dst, pred, target *mat.Dense) {
	sameShape(pred, target)
	sameShape(dst, pred)
	r, c := pred.Dims()
	k := 2 / float64(r*c)
	for i := 0; i < r; i++ {
		p := pred.RawRowView(i)
		t := target.RawRowView(i)[:len(p)]
		d := dst.RawRowView(i)[:len(p)]
		for j, v := range p {
			d[j] = k * (v - t[j])
		}
	}
}

// MSEWithGrad returns MSE(pred, target) and stores its gradient in dst,
// in one pass over the data. dst may be pred.
func MSEWithGrad(dst, pred, target *mat.Dense) float64 {
	sameShape(pred, target)
	sameShape(dst, pred)
	r, c := pred.Dims()
	k := 2 / float64(r*c)
	var s float64
	for i := 0; i < r; i++ {
		p := pred.RawRowView(i)
		t := target.RawRowView(i)[:len(p)]
		d := dst.RawRowView(i)[:len(p)]
		for j, v := range p {
			e := v - t[j]
			s += e * e
			d[j] = k * e
		}
	}
	return s / float64(r*c)
}

// SumSquaredError returns the mean over rows (samples) of the per-row sum
// of squared differences: a reconstruction error per sample.
func SumSquaredError(pred, target *mat.Dense) float64 {
	_, c := pred.Dims()
	return MSE(pred, target) * float64(c)
}

// SumSquaredErrorGrad stores dSumSquaredError/dpred = 2(pred - target)/rows
// in dst. dst may be pred.
func SumSquaredErrorGrad(dst, pred, target *mat.Dense) {
	_, c := pred.Dims()
	MSEGrad(dst, pred, target)
	dst.Scale(float64(c), dst)
}

// BCE returns the binary cross-entropy -[t·log p + (1-t)·log(1-p)] averaged
// over all elements, with p clamped to [BCEEps, 1-BCEEps]. Targets may be
// any value in [0, 1].
func BCE(pred, target *mat.Dense) float64 {
	sameShape(pred, target)
	r, c := pred.Dims()
	var s float64
	for i := 0; i < r; i++ {
		s += bceRow(pred.RawRowView(i), target.RawRowView(i))
	}
	return s / float64(r*c)
}

// BCEGrad stores dBCE/dpred = (p - t) / (p(1-p)) / N in dst, with p clamped
// as in BCE and N the number of elements. dst may be pred.
func BCEGrad(dst, pred, target *mat.Dense) {
	sameShape(pred, target)
	sameShape(dst, pred)
	r, c := pred.Dims()
	n := float64(r * c)
	for i := 0; i < r; i++ {
		p := pred.RawRowView(i)
		t := target.RawRowView(i)[:len(p)]
		d := dst.RawRowView(i)[:len(p)]
		for j, v := range p {
			v = clampProb(v)
			d[j] = (v - t[j]) / (v * (1 - v) * n)
		}
	}
}

// SigmoidBCEGrad stores (out - target)/N in dst, N the number of
// elements: the gradient of BCE(σ(z), target) with respect to z, given
// out = σ(z). Pass it to Dense.BackwardPre of a Sigmoid layer instead of
// BCEGrad to Dense.Backward. dst may be out.
func SigmoidBCEGrad(dst, out, target *mat.Dense) {
	sameShape(out, target)
	sameShape(dst, out)
	r, c := out.Dims()
	k := 1 / float64(r*c)
	for i := 0; i < r; i++ {
		p := out.RawRowView(i)
		t := target.RawRowView(i)[:len(p)]
		d := dst.RawRowView(i)[:len(p)]
		for j, v := range p {
			d[j] = k * (v - t[j])
		}
	}
}

// BCEWithGrad returns BCE(pred, target) and stores its gradient in dst, in
// one pass over the data. dst may be pred.
func BCEWithGrad(dst, pred, target *mat.Dense) float64 {
	sameShape(pred, target)
	sameShape(dst, pred)
	r, c := pred.Dims()
	n := float64(r * c)
	var s float64
	for i := 0; i < r; i++ {
		p := pred.RawRowView(i)
		t := target.RawRowView(i)[:len(p)]
		d := dst.RawRowView(i)[:len(p)]
		s += bceRow(p, t) // before d is written: dst may be pred
		for j, v := range p {
			v = clampProb(v)
			d[j] = (v - t[j]) / (v * (1 - v) * n)
		}
	}
	return s / n
}

func clampProb(p float64) float64 {
	if p < BCEEps {
		return BCEEps
	}
	if p > 1-BCEEps {
		return 1 - BCEEps
	}
	return p
}
