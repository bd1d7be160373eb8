package pca

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/lapack/lapack64"
	"gonum.org/v1/gonum/mat"
)

// Angles returns the principal angles between the column spaces of a
// (n×p) and b (n×q), in radians, ascending; there are min(p, q) of them.
// Both need full column rank and p, q ≤ n. The angles are zero when one
// space contains the other and π/2 for orthogonal spaces.
//
// Orthonormal bases Qa, Qb come from QR factorisations; the cosines are
// the singular values of QaᵀQb and the sines those of Qb − Qa(QaᵀQb). Each
// angle is taken from its sine when small and from its cosine when large,
// so that angles near 0 are accurate to rounding, not to √ε.
func Angles(a, b *mat.Dense) []float64 {
	na, p := a.Dims()
	nb, q := b.Dims()
	if na != nb {
		panic(fmt.Sprintf("pca: Angles of spaces in %d and %d dimensions", na, nb))
	}
	if p > na || q > nb {
		panic(fmt.Sprintf("pca: Angles of %d and %d vectors in %d dimensions", p, q, na))
	}
	if q > p {
		a, b, p, q = b, a, q, p
	}
	qa, qb := orthonormal(a), orthonormal(b)
	var m mat.Dense
	m.Mul(qa.T(), qb) // p×q
	cos := singularValues(&m)
	var r mat.Dense
	r.Mul(qa, &m)
	r.Sub(qb, &r) // the part of span(b) orthogonal to span(a), n×q
	sin := singularValues(&r)
	sort.Float64s(sin)                              // ascending sines: ascending angles
	sort.Sort(sort.Reverse(sort.Float64Slice(cos))) // descending cosines: ascending angles
	angles := make([]float64, q)
	for i := range angles {
		c := math.Min(1, cos[i])
		if c > math.Sqrt2/2 {
			angles[i] = math.Asin(math.Min(1, sin[i]))
		} else {
			angles[i] = math.Acos(math.Max(0, c))
		}
	}
	sort.Float64s(angles)
	return angles
}

// MaxAngle returns the largest principal angle between the column spaces
// of a and b: zero when one contains the other.
func MaxAngle(a, b *mat.Dense) float64 {
	ang := Angles(a, b)
	if len(ang) == 0 {
		return 0
	}
	return ang[len(ang)-1]
}

// orthonormal returns the thin Q factor (n×p) of a's QR factorisation.
func orthonormal(a *mat.Dense) *mat.Dense {
	_, p := a.Dims()
	q := mat.DenseCopyOf(a)
	g := q.RawMatrix()
	tau := make([]float64, p)
	work := []float64{0}
	lapack64.Geqrf(g, tau, work, -1)
	work = make([]float64, int(work[0]))
	lapack64.Geqrf(g, tau, work, len(work))
	work = []float64{0}
	lapack64.Orgqr(g, tau, work, -1)
	work = make([]float64, max(int(work[0]), p))
	lapack64.Orgqr(g, tau, work, len(work))
	return q
}

// singularValues returns the singular values of m.
func singularValues(m *mat.Dense) []float64 {
	var svd mat.SVD
	if !svd.Factorize(m, mat.SVDNone) {
		panic("pca: SVD did not converge")
	}
	return svd.Values(nil)
}
