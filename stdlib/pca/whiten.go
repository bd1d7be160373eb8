package pca

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// whitenScales returns 1/√(λⱼ + eps) for the K kept components.
func (p *PCA) whitenScales(eps float64) []float64 {
	if eps < 0 || math.IsNaN(eps) {
		panic(fmt.Sprintf("pca: whitening eps = %v, want ≥ 0", eps))
	}
	s := make([]float64, p.K())
	for j := range s {
		v := p.Variances[j] + eps
		if v <= 0 {
			panic(fmt.Sprintf("pca: component %d has variance %v: whiten with eps > 0", j, p.Variances[j]))
		}
		s[j] = 1 / math.Sqrt(v)
	}
	return s
}

// Whiten returns the PCA-whitened codes of x (UFLDL's x_PCAwhite): each
// column of Transform(x) divided by √(Variances[j] + eps), so that on the
// fitted data with eps = 0 the codes have identity covariance. eps > 0
// damps the noisy low-variance directions; a component of zero variance
// with eps = 0 panics.
func (p *PCA) Whiten(x *mat.Dense, eps float64) *mat.Dense {
	s := p.whitenScales(eps)
	z := p.Transform(x)
	n, _ := z.Dims()
	for i := 0; i < n; i++ {
		row := z.RawRowView(i)
		for j := range row {
			row[j] *= s[j]
		}
	}
	return z
}

// ZCA returns the ZCA-whitened data (UFLDL's x_ZCAwhite): the whitened
// codes rotated back into the feature space, Whiten(x, eps)·Componentsᵀ,
// without adding the mean. Among all whitening transforms it stays closest
// to the data. With fewer than d components it whitens within the kept
// subspace only; use WithK(d) for the full transform.
func (p *PCA) ZCA(x *mat.Dense, eps float64) *mat.Dense {
	var out mat.Dense
	out.Mul(p.Whiten(x, eps), p.Components.T())
	return &out
}
