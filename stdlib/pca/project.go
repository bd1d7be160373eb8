package pca

import (
	"fmt"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

func (p *PCA) checkFeatures(x mat.Matrix) int {
	n, d := x.Dims()
	if d != len(p.Mean) {
		panic(fmt.Sprintf("pca: data with %d features for a model of %d", d, len(p.Mean)))
	}
	return n
}

// Transform returns the codes of the rows of x: (x − Mean)·Components,
// an n×K matrix.
func (p *PCA) Transform(x *mat.Dense) *mat.Dense {
	p.checkFeatures(x)
	var z mat.Dense
	z.Mul(x, p.Components)
	// Subtract Meanᵀ·Components from every row instead of centring x.
	shift := mat.NewVecDense(p.K(), nil)
	shift.MulVec(p.Components.T(), mat.NewVecDense(len(p.Mean), p.Mean))
	n, _ := z.Dims()
	for i := 0; i < n; i++ {
		floats.Sub(z.RawRowView(i), shift.RawVector().Data)
	}
	return &z
}

// Inverse maps codes back to the data space: z·Componentsᵀ + Mean, an n×d
// matrix. z must have K columns.
func (p *PCA) Inverse(z *mat.Dense) *mat.Dense {
	n, k := z.Dims()
	if k != p.K() {
		panic(fmt.Sprintf("pca: codes with %d columns for a model of %d components", k, p.K()))
	}
	var x mat.Dense
	x.Mul(z, p.Components.T())
	for i := 0; i < n; i++ {
		floats.Add(x.RawRowView(i), p.Mean)
	}
	return &x
}

// Reconstruct returns the projection of the rows of x onto the fitted
// affine subspace: Inverse(Transform(x)).
func (p *PCA) Reconstruct(x *mat.Dense) *mat.Dense {
	return p.Inverse(p.Transform(x))
}

// Error returns the reconstruction error of x: the mean over rows of the
// sum over features of (x − Reconstruct(x))². It works block by block and
// never holds the whole reconstruction.
func (p *PCA) Error(x *mat.Dense) float64 {
	n := p.checkFeatures(x)
	d, k := len(p.Mean), p.K()
	rows := min(n, blockRows)
	buf := mat.NewDense(rows, d, nil)
	codes := mat.NewDense(rows, k, nil)
	var total float64
	for lo := 0; lo < n; lo += rows {
		hi := min(n, lo+rows)
		b := buf.Slice(0, hi-lo, 0, d).(*mat.Dense)
		z := codes.Slice(0, hi-lo, 0, k).(*mat.Dense)
		for i := lo; i < hi; i++ {
			floats.SubTo(b.RawRowView(i-lo), x.RawRowView(i), p.Mean)
		}
		z.Mul(b, p.Components)
		// b −= z·Componentsᵀ in place.
		blas64.Gemm(blas.NoTrans, blas.Trans, -1, z.RawMatrix(), p.Components.RawMatrix(), 1, b.RawMatrix())
		for i := 0; i < hi-lo; i++ {
			row := b.RawRowView(i)
			total += floats.Dot(row, row)
		}
	}
	return total / float64(n)
}
