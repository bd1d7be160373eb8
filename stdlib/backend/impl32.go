package backend

import "gonum.org/v1/gonum/blas"

// The float32 twins of the routines in impl.go.

// Sgemm computes C = alpha·op(A)·op(B) + beta·C.
func (impl Implementation) Sgemm(tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	if !gemmOK(tA, tB, m, n, k, len(a), lda, len(b), ldb, len(c), ldc) {
		impl.Implementation.Sgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	gemm(lib.sgemm, byte(tA), byte(tB), m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// Ssyrk computes the ul triangle of C = alpha·A·Aᵀ + beta·C (or Aᵀ·A).
func (impl Implementation) Ssyrk(ul blas.Uplo, tA blas.Transpose, n, k int, alpha float32, a []float32, lda int, beta float32, c []float32, ldc int) {
	if !rankKOK(ul, tA, n, k, len(a), lda, -1, 0, len(c), ldc) {
		impl.Implementation.Ssyrk(ul, tA, n, k, alpha, a, lda, beta, c, ldc)
		return
	}
	syrk(lib.ssyrk, byte(ul), byte(tA), n, k, alpha, a, lda, beta, c, ldc)
}

// Ssyr2k computes the ul triangle of C = alpha·(A·Bᵀ + B·Aᵀ) + beta·C (or
// with Aᵀ·B).
func (impl Implementation) Ssyr2k(ul blas.Uplo, tA blas.Transpose, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	if !rankKOK(ul, tA, n, k, len(a), lda, len(b), ldb, len(c), ldc) {
		impl.Implementation.Ssyr2k(ul, tA, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	syr2k(lib.ssyr2k, byte(ul), byte(tA), n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// Ssymm computes C = alpha·A·B + beta·C (side Left) or alpha·B·A + beta·C
// (side Right) with A symmetric, stored in its ul triangle.
func (impl Implementation) Ssymm(s blas.Side, ul blas.Uplo, m, n int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	if !symmOK(s, ul, m, n, len(a), lda, len(b), ldb, len(c), ldc) {
		impl.Implementation.Ssymm(s, ul, m, n, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	symm(lib.ssymm, byte(s), byte(ul), m, n, alpha, a, lda, b, ldb, beta, c, ldc)
}

// Strsm solves op(A)·X = alpha·B (side Left) or X·op(A) = alpha·B (side
// Right) for X, with A triangular; X overwrites B.
func (impl Implementation) Strsm(s blas.Side, ul blas.Uplo, tA blas.Transpose, d blas.Diag, m, n int, alpha float32, a []float32, lda int, b []float32, ldb int) {
	if !trxmOK(s, ul, tA, d, m, n, len(a), lda, len(b), ldb) {
		impl.Implementation.Strsm(s, ul, tA, d, m, n, alpha, a, lda, b, ldb)
		return
	}
	trxm(lib.strsm, byte(s), byte(ul), byte(tA), byte(d), m, n, alpha, a, lda, b, ldb)
}

// Strmm computes B = alpha·op(A)·B (side Left) or alpha·B·op(A) (side
// Right) with A triangular.
func (impl Implementation) Strmm(s blas.Side, ul blas.Uplo, tA blas.Transpose, d blas.Diag, m, n int, alpha float32, a []float32, lda int, b []float32, ldb int) {
	if !trxmOK(s, ul, tA, d, m, n, len(a), lda, len(b), ldb) {
		impl.Implementation.Strmm(s, ul, tA, d, m, n, alpha, a, lda, b, ldb)
		return
	}
	trxm(lib.strmm, byte(s), byte(ul), byte(tA), byte(d), m, n, alpha, a, lda, b, ldb)
}

// Sgemv computes y = alpha·op(A)·x + beta·y.
func (impl Implementation) Sgemv(tA blas.Transpose, m, n int, alpha float32, a []float32, lda int, x []float32, incX int, beta float32, y []float32, incY int) {
	if !gemvOK(tA, m, n, len(a), lda, len(x), incX, len(y), incY) {
		impl.Implementation.Sgemv(tA, m, n, alpha, a, lda, x, incX, beta, y, incY)
		return
	}
	gemv(lib.sgemv, byte(tA), m, n, alpha, a, lda, x, incX, beta, y, incY)
}
