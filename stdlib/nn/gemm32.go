package nn

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
)

// Gemm32 computes a float64 matrix product in float32, as Dense.Float32
// does for its own products: c = alpha·op(a)·op(b) + beta·c, with op(x) = x
// or xᵀ as tA and tB say. a and b are narrowed to float32 into buffers
// that the Gemm32 keeps and reuses (no allocation once they have grown),
// the product runs in single precision (about twice as fast as double) and
// the result is widened back into c. The zero value is ready to use; a
// Gemm32 must not be used from two goroutines at once.
type Gemm32 struct {
	a, b, c buffer32
}

// Gemm computes c = alpha·op(a)·op(b) + beta·c through float32. It panics
// (as blas64.Gemm does) when the shapes do not agree.
func (g *Gemm32) Gemm(tA, tB blas.Transpose, alpha float64, a, b blas64.General, beta float64, c blas64.General) {
	a32 := g.a.ensure(a.Rows, a.Cols)
	narrowRows(a32, a, 0, a.Rows)
	b32 := g.b.ensure(b.Rows, b.Cols)
	narrowRows(b32, b, 0, b.Rows)
	c32 := g.c.ensure(c.Rows, c.Cols)
	blas32.Gemm(tA, tB, float32(alpha), a32, b32, 0, c32)
	for i := 0; i < c.Rows; i++ {
		row := c.Data[i*c.Stride : i*c.Stride+c.Cols]
		src := c32.Data[i*c32.Stride : i*c32.Stride+c.Cols]
		switch beta {
		case 0:
			widen(row, src)
		case 1:
			addWiden(row, src)
		default:
			for j := range row {
				row[j] *= beta
			}
			addWiden(row, src)
		}
	}
}
