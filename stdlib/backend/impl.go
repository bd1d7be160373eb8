package backend

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// Implementation is gonum's pure-Go BLAS with the level-3 routines and the
// matrix-vector products sent to OpenBLAS. Its methods behave exactly like
// gonum's (same arguments, same panics); when OpenBLAS is not loaded every
// method is gonum's. The package registers one in its init, so callers
// normally use blas64, blas32 or mat rather than this type.
type Implementation struct {
	gonum.Implementation
}

var (
	_ blas.Float64 = Implementation{}
	_ blas.Float32 = Implementation{}
)

// Dgemm computes C = alpha·op(A)·op(B) + beta·C.
func (impl Implementation) Dgemm(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	if !gemmOK(tA, tB, m, n, k, len(a), lda, len(b), ldb, len(c), ldc) {
		impl.Implementation.Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	gemm(lib.dgemm, byte(tA), byte(tB), m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// Dsyrk computes the ul triangle of C = alpha·A·Aᵀ + beta·C (or Aᵀ·A).
func (impl Implementation) Dsyrk(ul blas.Uplo, tA blas.Transpose, n, k int, alpha float64, a []float64, lda int, beta float64, c []float64, ldc int) {
	if !rankKOK(ul, tA, n, k, len(a), lda, -1, 0, len(c), ldc) {
		impl.Implementation.Dsyrk(ul, tA, n, k, alpha, a, lda, beta, c, ldc)
		return
	}
	syrk(lib.dsyrk, byte(ul), byte(tA), n, k, alpha, a, lda, beta, c, ldc)
}

// Dsyr2k computes the ul triangle of C = alpha·(A·Bᵀ + B·Aᵀ) + beta·C (or
// with Aᵀ·B).
func (impl Implementation) Dsyr2k(ul blas.Uplo, tA blas.Transpose, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	if !rankKOK(ul, tA, n, k, len(a), lda, len(b), ldb, len(c), ldc) {
		impl.Implementation.Dsyr2k(ul, tA, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	syr2k(lib.dsyr2k, byte(ul), byte(tA), n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// Dsymm computes C = alpha·A·B + beta·C (side Left) or alpha·B·A + beta·C
// (side Right) with A symmetric, stored in its ul triangle.
func (impl Implementation) Dsymm(s blas.Side, ul blas.Uplo, m, n int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	if !symmOK(s, ul, m, n, len(a), lda, len(b), ldb, len(c), ldc) {
		impl.Implementation.Dsymm(s, ul, m, n, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	symm(lib.dsymm, byte(s), byte(ul), m, n, alpha, a, lda, b, ldb, beta, c, ldc)
}

// Dtrsm solves op(A)·X = alpha·B (side Left) or X·op(A) = alpha·B (side
// Right) for X, with A triangular; X overwrites B.
func (impl Implementation) Dtrsm(s blas.Side, ul blas.Uplo, tA blas.Transpose, d blas.Diag, m, n int, alpha float64, a []float64, lda int, b []float64, ldb int) {
	if !trxmOK(s, ul, tA, d, m, n, len(a), lda, len(b), ldb) {
		impl.Implementation.Dtrsm(s, ul, tA, d, m, n, alpha, a, lda, b, ldb)
		return
	}
	trxm(lib.dtrsm, byte(s), byte(ul), byte(tA), byte(d), m, n, alpha, a, lda, b, ldb)
}

// Dtrmm computes B = alpha·op(A)·B (side Left) or alpha·B·op(A) (side
// Right) with A triangular.
func (impl Implementation) Dtrmm(s blas.Side, ul blas.Uplo, tA blas.Transpose, d blas.Diag, m, n int, alpha float64, a []float64, lda int, b []float64, ldb int) {
	if !trxmOK(s, ul, tA, d, m, n, len(a), lda, len(b), ldb) {
		impl.Implementation.Dtrmm(s, ul, tA, d, m, n, alpha, a, lda, b, ldb)
		return
	}
	trxm(lib.dtrmm, byte(s), byte(ul), byte(tA), byte(d), m, n, alpha, a, lda, b, ldb)
}

// Dgemv computes y = alpha·op(A)·x + beta·y.
func (impl Implementation) Dgemv(tA blas.Transpose, m, n int, alpha float64, a []float64, lda int, x []float64, incX int, beta float64, y []float64, incY int) {
	if !gemvOK(tA, m, n, len(a), lda, len(x), incX, len(y), incY) {
		impl.Implementation.Dgemv(tA, m, n, alpha, a, lda, x, incX, beta, y, incY)
		return
	}
	gemv(lib.dgemv, byte(tA), m, n, alpha, a, lda, x, incX, beta, y, incY)
}
