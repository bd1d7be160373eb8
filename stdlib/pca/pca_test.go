package pca

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/gokernel/gokernel/stdlib/session"
)

// randomOrthogonal returns a d×d orthogonal matrix from the QR of a
// Gaussian matrix.
func randomOrthogonal(rnd *rand.Rand, d int) *mat.Dense {
	g := mat.NewDense(d, d, nil)
	for i := 0; i < d; i++ {
		for j := 0; j < d; j++ {
			g.Set(i, j, rnd.NormFloat64())
		}
	}
	return orthonormal(g)
}

// gaussian draws n points with mean mu and covariance Q·diag(sd²)·Qᵀ.
func gaussian(rnd *rand.Rand, n int, mu, sd []float64, q *mat.Dense) *mat.Dense {
	d := len(mu)
	z := mat.NewDense(n, d, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			z.Set(i, j, sd[j]*rnd.NormFloat64())
		}
	}
	var x mat.Dense
	x.Mul(z, q.T())
	for i := 0; i < n; i++ {
		floats.Add(x.RawRowView(i), mu)
	}
	return &x
}

func relClose(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*math.Max(math.Abs(a), math.Abs(b))
}

func TestSyntheticKnownSpectrum(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	const n, d, k = 20000, 10, 3
	sd := []float64{3, 2.5, 2, 1, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2}
	mu := []float64{5, -3, 1, 0, 2, 7, -1, 0.5, 3, -2}
	q := randomOrthogonal(rnd, d)
	x := gaussian(rnd, n, mu, sd, q)
	p := Fit(x, k)

	for i := 0; i < d; i++ {
		if !relClose(p.Variances[i], sd[i]*sd[i], 0.05) {
			t.Errorf("variance %d = %v, want about %v", i, p.Variances[i], sd[i]*sd[i])
		}
	}
	for j := range mu {
		if math.Abs(p.Mean[j]-mu[j]) > 0.05 {
			t.Errorf("mean %d = %v, want about %v", j, p.Mean[j], mu[j])
		}
	}
	truth := q.Slice(0, d, 0, k).(*mat.Dense)
	if a := MaxAngle(p.Components, truth); a > 0.02 {
		t.Errorf("largest angle to the true subspace %v rad", a)
	}
	var wtw mat.Dense
	wtw.Mul(p.Components.T(), p.Components)
	for i := 0; i < k; i++ {
		for j := 0; j < k; j++ {
			want := 0.0
			if i == j {
				want = 1
			}
			if math.Abs(wtw.At(i, j)-want) > 1e-12 {
				t.Fatalf("components not orthonormal: WᵀW[%d,%d] = %v", i, j, wtw.At(i, j))
			}
		}
	}

	// Exact identities of the fit, independent of sampling.
	var total float64
	for j := 0; j < d; j++ {
		col := mat.Col(nil, j, x)
		m := floats.Sum(col) / n
		for _, v := range col {
			total += (v - m) * (v - m) / n
		}
	}
	if s := floats.Sum(p.Variances); !relClose(s, total, 1e-10) {
		t.Errorf("sum of variances %v, total variance %v", s, total)
	}
	if e, r := p.Error(x), p.ResidualVariance(); !relClose(e, r, 1e-9) {
		t.Errorf("training error %v, sum of trailing eigenvalues %v", e, r)
	}
	if e, r := p.WithK(6).Error(x), floats.Sum(p.Variances[6:]); !relClose(e, r, 1e-9) {
		t.Errorf("k=6 training error %v, want %v", e, r)
	}
	z := p.Transform(x)
	var cz mat.Dense
	cz.Mul(z.T(), z)
	cz.Scale(1.0/n, &cz)
	for i := 0; i < k; i++ {
		if m := floats.Sum(mat.Col(nil, i, z)) / n; math.Abs(m) > 1e-10 {
			t.Errorf("code %d has mean %v", i, m)
		}
		for j := 0; j < k; j++ {
			want := 0.0
			if i == j {
				want = p.Variances[i]
			}
			if math.Abs(cz.At(i, j)-want) > 1e-9 {
				t.Errorf("code covariance [%d,%d] = %v, want %v", i, j, cz.At(i, j), want)
			}
		}
	}
	if r := floats.Sum(p.ExplainedVarianceRatio()); math.Abs(r-1) > 1e-12 {
		t.Errorf("explained ratios sum to %v", r)
	}
	if ex := p.Explained(); !relClose(ex, floats.Sum(p.Variances[:k])/total, 1e-10) {
		t.Errorf("Explained() = %v", ex)
	}
	full := p.WithK(d)
	if !mat.EqualApprox(full.Reconstruct(x), x, 1e-10) {
		t.Error("reconstruction with all components differs from the data")
	}
	if !strings.HasPrefix(p.String(), "PCA(features=10, k=3, n=20000, explained variance 0.") {
		t.Errorf("String() = %q", p.String())
	}
}

func TestExactSubspace(t *testing.T) {
	// Points on a 2-D affine plane in 6-D are reconstructed exactly.
	rnd := rand.New(rand.NewPCG(3, 4))
	q := randomOrthogonal(rnd, 6)
	x := gaussian(rnd, 300, []float64{1, 2, 3, 4, 5, 6}, []float64{2, 1, 0, 0, 0, 0}, q)
	p := Fit(x, 2)
	if e := p.Error(x); e > 1e-20 {
		t.Errorf("error %v on data in the fitted plane", e)
	}
	for _, v := range p.Variances[2:] {
		if v > 1e-12 {
			t.Errorf("trailing variance %v", v)
		}
	}
	if !mat.EqualApprox(p.Reconstruct(x), x, 1e-12) {
		t.Error("reconstruction differs")
	}
	if a := MaxAngle(p.Components, q.Slice(0, 6, 0, 2).(*mat.Dense)); a > 1e-12 {
		t.Errorf("angle to the plane %v", a)
	}
}

func TestFitIsDeterministic(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	x := gaussian(rnd, 500, make([]float64, 8), []float64{3, 2, 1, 1, 1, 1, 1, 1}, randomOrthogonal(rnd, 8))
	a, b := Fit(x, 3), Fit(mat.DenseCopyOf(x), 3)
	if !mat.Equal(a.Components, b.Components) {
		t.Error("two fits of the same data differ")
	}
	for j := 0; j < 3; j++ {
		col := mat.Col(nil, j, a.Components)
		if col[floats.MaxIdx(absAll(col))] <= 0 {
			t.Errorf("component %d: largest entry is not positive", j)
		}
	}
}

func TestFitErrors(t *testing.T) {
	x := mat.NewDense(5000, 3, nil)
	for i := 0; i < 5000; i++ {
		x.SetRow(i, []float64{float64(i), float64(i % 7), 1})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := FitContext(ctx, x, 2); err != context.Canceled {
		t.Errorf("cancelled fit: error %v", err)
	}
	x.Set(17, 1, math.NaN())
	if _, err := FitContext(context.Background(), x, 2); err == nil || !strings.Contains(err.Error(), "NaN") {
		t.Errorf("NaN data: error %v", err)
	}
	x.Set(17, 1, 0)
	p := Fit(x, 2)
	for name, f := range map[string]func(){
		"k=0":            func() { Fit(x, 0) },
		"k>d":            func() { Fit(x, 4) },
		"WithK":          func() { p.WithK(4) },
		"transform dims": func() { p.Transform(mat.NewDense(2, 4, nil)) },
		"inverse dims":   func() { p.Inverse(mat.NewDense(2, 3, nil)) },
		"error dims":     func() { p.Error(mat.NewDense(2, 2, nil)) },
	} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.HasPrefix(r.(string), "pca: ") {
					t.Errorf("%s: panic %v, want a pca: panic", name, r)
				}
			}()
			f()
		}()
	}
}

func TestConstantFeatures(t *testing.T) {
	// Features 0, 3 and 5 never change: they get zero variance and zero
	// weight in the components, and the full basis stays orthonormal.
	rnd := rand.New(rand.NewPCG(9, 10))
	const n, d = 400, 6
	x := mat.NewDense(n, d, nil)
	for i := 0; i < n; i++ {
		a, b, c := rnd.NormFloat64(), rnd.NormFloat64(), rnd.NormFloat64()
		x.SetRow(i, []float64{7, 3*a + b, 2 * b, -1, a + 0.5*c, 0})
	}
	p := Fit(x, 3)
	for _, f := range []int{0, 3, 5} {
		for j := 0; j < 3; j++ {
			if p.Components.At(f, j) != 0 {
				t.Errorf("constant feature %d has weight %v in component %d", f, p.Components.At(f, j), j)
			}
		}
	}
	if v := p.Variances[3:]; v[0] != 0 || v[1] != 0 || v[2] != 0 {
		t.Errorf("trailing variances %v, want zeros", v)
	}
	full := p.WithK(d).Components
	var g mat.Dense
	g.Mul(full.T(), full)
	if !mat.EqualApprox(&g, eye(d), 1e-12) {
		t.Errorf("basis not orthonormal:\n%v", mat.Formatted(&g))
	}
	if e := p.Error(x); e > 1e-20 {
		t.Errorf("error %v with 3 components for 3-D data", e)
	}
	flat := Fit(mat.NewDense(3, 2, []float64{1, 2, 1, 2, 1, 2}), 1)
	if flat.Variances[0] != 0 || flat.Variances[1] != 0 || flat.Error(mat.NewDense(1, 2, []float64{1, 2})) != 0 {
		t.Errorf("constant data: %v", flat)
	}
}

func eye(n int) *mat.Dense {
	m := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		m.Set(i, i, 1)
	}
	return m
}

func TestFitInterruptedBySession(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	session.SetContextFunc(func() context.Context { return ctx })
	defer session.SetContextFunc(nil)
	defer func() {
		if r := recover(); r != context.Canceled {
			t.Errorf("Fit in an interrupted cell panicked with %v, want context.Canceled", r)
		}
	}()
	Fit(mat.NewDense(10, 2, nil), 1)
}
