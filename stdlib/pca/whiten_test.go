package pca

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

func TestWhitenAndZCA(t *testing.T) {
	rnd := rand.New(rand.NewPCG(11, 12))
	const n, d = 3000, 5
	x := gaussian(rnd, n, []float64{1, 2, 3, 4, 5}, []float64{4, 2, 1, 0.5, 0.1}, randomOrthogonal(rnd, d))
	p := Fit(x, d)

	// Population covariance (divided by n, as in Fit).
	cov := func(m *mat.Dense) *mat.SymDense {
		var c mat.SymDense
		stat.CovarianceMatrix(&c, m, nil)
		c.ScaleSym(float64(n-1)/n, &c)
		return &c
	}
	if c := cov(p.Whiten(x, 0)); !mat.EqualApprox(c, eye(d), 1e-9) {
		t.Errorf("whitened covariance:\n%v", mat.Formatted(c))
	}
	zca := p.ZCA(x, 0)
	if c := cov(zca); !mat.EqualApprox(c, eye(d), 1e-9) {
		t.Errorf("ZCA covariance:\n%v", mat.Formatted(c))
	}
	// ZCA is symmetric: zca = (x − μ)·C^(−1/2) with C^(−1/2) symmetric
	// positive definite, so (x − μ)ᵀ·zca is symmetric.
	xc := mat.DenseCopyOf(x)
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			xc.Set(i, j, xc.At(i, j)-p.Mean[j])
		}
	}
	var m mat.Dense
	m.Mul(xc.T(), zca)
	if !mat.EqualApprox(&m, m.T(), 1e-8*mat.Norm(&m, math.Inf(1))) {
		t.Error("ZCA transform is not symmetric")
	}
	// eps shrinks the small directions: the last code's variance drops.
	w := p.Whiten(x, 1)
	if v := stat.Variance(mat.Col(nil, d-1, w), nil); v > 0.05 {
		t.Errorf("with eps = 1 the smallest direction keeps variance %v", v)
	}
	defer func() {
		if recover() == nil {
			t.Error("negative eps did not panic")
		}
	}()
	p.Whiten(x, -1)
}
