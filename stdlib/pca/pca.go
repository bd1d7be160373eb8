package pca

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	_ "github.com/gokernel/gokernel/stdlib/backend" // fast BLAS and eigensolver
	"github.com/gokernel/gokernel/stdlib/session"
)

// blockRows is the number of rows centred and accumulated at a time.
const blockRows = 4096

// PCA is a fitted principal component analysis.
type PCA struct {
	// Mean is the mean of the fitted data, one entry per feature.
	Mean []float64
	// Components holds the K principal directions as orthonormal columns,
	// largest variance first (d×K).
	Components *mat.Dense
	// Variances holds all d eigenvalues of the covariance, descending.
	Variances []float64
	// N is the number of examples the model was fitted on.
	N int

	// vectors holds all d eigenvectors, so that WithK is free.
	vectors *mat.Dense
}

// Fit fits a PCA with k components to the rows of x. It panics when k is
// not in [1, d], and when the fit fails or the notebook cell running it is
// interrupted (see FitContext for the error-returning form).
func Fit(x *mat.Dense, k int) *PCA {
	p, err := FitContext(session.Context(), x, k)
	if err != nil {
		panic(err)
	}
	return p
}

// FitContext is Fit with a context, checked between blocks of rows, and
// with errors returned: ctx.Err() when cancelled, an error when x holds NaN
// or Inf or the eigensolver fails.
func FitContext(ctx context.Context, x *mat.Dense, k int) (*PCA, error) {
	n, d := x.Dims()
	if k < 1 || k > d {
		panic(fmt.Sprintf("pca: k = %d components of %d features", k, d))
	}
	mean, active := columnStats(x)
	for j, m := range mean {
		if math.IsNaN(m) || math.IsInf(m, 0) {
			return nil, fmt.Errorf("pca: feature %d holds NaN or Inf", j)
		}
	}
	cov, err := covariance(ctx, x, mean, active)
	if err != nil {
		return nil, err
	}
	var es mat.EigenSym
	if !es.Factorize(cov, true) {
		return nil, errors.New("pca: eigen decomposition did not converge")
	}
	vals := es.Values(nil)
	var asc mat.Dense
	es.VectorsTo(&asc)
	// Descending order, eigenvectors embedded back into all d features,
	// signs fixed. Constant features add zero eigenvalues whose
	// eigenvectors are their unit vectors.
	da := len(active)
	vectors := mat.NewDense(d, d, nil)
	variances := make([]float64, d)
	col := make([]float64, da)
	for j := 0; j < da; j++ {
		src := da - 1 - j
		variances[j] = math.Max(vals[src], 0)
		mat.Col(col, src, &asc)
		if col[floats.MaxIdx(absAll(col))] < 0 {
			floats.Scale(-1, col)
		}
		for i, f := range active {
			vectors.Set(f, j, col[i])
		}
	}
	j := da
	for f := 0; f < d; f++ {
		if !isActive(active, f) {
			vectors.Set(f, j, 1)
			j++
		}
	}
	p := &PCA{Mean: mean, Variances: variances, N: n, vectors: vectors}
	p.Components = mat.DenseCopyOf(vectors.Slice(0, d, 0, k))
	return p, nil
}

func absAll(s []float64) []float64 {
	o := make([]float64, len(s))
	for i, v := range s {
		o[i] = math.Abs(v)
	}
	return o
}

// columnStats returns the mean of each column of x and the indices of the
// columns that are not constant.
func columnStats(x *mat.Dense) (mean []float64, active []int) {
	n, d := x.Dims()
	mean = make([]float64, d)
	varies := make([]bool, d)
	first := x.RawRowView(0)
	for i := 0; i < n; i++ {
		row := x.RawRowView(i)
		floats.Add(mean, row)
		for j, v := range row {
			if v != first[j] {
				varies[j] = true
			}
		}
	}
	floats.Scale(1/float64(n), mean)
	for j, v := range varies {
		if v {
			active = append(active, j)
		}
	}
	if len(active) == 0 {
		active = []int{0} // keep one feature so that the eigensolver has work
	}
	return mean, active
}

// isActive reports whether f is in the sorted list active.
func isActive(active []int, f int) bool {
	i := sort.SearchInts(active, f)
	return i < len(active) && active[i] == f
}

// covariance returns XcᵀXc/n restricted to the active features,
// accumulated block by block into the upper triangle with Dsyrk. Constant
// features have zero rows and columns and are left out.
func covariance(ctx context.Context, x *mat.Dense, mean []float64, active []int) (*mat.SymDense, error) {
	n, d := x.Dims()
	da := len(active)
	cov := mat.NewSymDense(da, nil)
	c := cov.RawSymmetric()
	rows := min(n, blockRows)
	buf := make([]float64, rows*da)
	impl := blas64.Implementation()
	for lo := 0; lo < n; lo += rows {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		hi := min(n, lo+rows)
		for i := lo; i < hi; i++ {
			row, dst := x.RawRowView(i), buf[(i-lo)*da:(i-lo+1)*da]
			if da == d {
				floats.SubTo(dst, row, mean)
				continue
			}
			for t, f := range active {
				dst[t] = row[f] - mean[f]
			}
		}
		impl.Dsyrk(blas.Upper, blas.Trans, da, hi-lo, 1/float64(n), buf, da, 1, c.Data, c.Stride)
	}
	return cov, nil
}

// K returns the number of components.
func (p *PCA) K() int {
	_, k := p.Components.Dims()
	return k
}

// WithK returns the same fit with k components instead of K, without
// refitting. It panics when k is not in [1, d].
func (p *PCA) WithK(k int) *PCA {
	d, _ := p.vectors.Dims()
	if k < 1 || k > d {
		panic(fmt.Sprintf("pca: k = %d components of %d features", k, d))
	}
	q := *p
	q.Components = mat.DenseCopyOf(p.vectors.Slice(0, d, 0, k))
	return &q
}

// ExplainedVarianceRatio returns each eigenvalue's share of the total
// variance, for all d eigenvalues in descending order; the first K belong
// to the kept components. All zeros when the data have no variance.
func (p *PCA) ExplainedVarianceRatio() []float64 {
	total := floats.Sum(p.Variances)
	r := make([]float64, len(p.Variances))
	if total > 0 {
		floats.ScaleTo(r, 1/total, p.Variances)
	}
	return r
}

// Explained returns the share of the total variance kept by the K
// components.
func (p *PCA) Explained() float64 {
	return floats.Sum(p.ExplainedVarianceRatio()[:p.K()])
}

// ResidualVariance returns the sum of the eigenvalues after the K-th: the
// smallest possible mean squared reconstruction error (in Error's unit) of
// any rank-K linear reconstruction of the fitted data, reached by this fit.
func (p *PCA) ResidualVariance() float64 {
	return floats.Sum(p.Variances[p.K():])
}

// String describes the fit in one line.
func (p *PCA) String() string {
	return fmt.Sprintf("PCA(features=%d, k=%d, n=%d, explained variance %.4f, residual variance %.4g)",
		len(p.Mean), p.K(), p.N, p.Explained(), p.ResidualVariance())
}
