package backend

import "gonum.org/v1/gonum/blas"

// The predicates below decide whether a call may go to OpenBLAS. Each one
// is true only when gonum would neither panic nor take a quick return for
// the same arguments, every dimension is a valid int32 and the problem is
// large enough; otherwise the caller hands the call to gonum unchanged, so
// panics and edge cases are gonum's own.

func validTrans(t blas.Transpose) bool {
	return t == blas.NoTrans || t == blas.Trans || t == blas.ConjTrans
}

func validUplo(u blas.Uplo) bool { return u == blas.Upper || u == blas.Lower }

func validSide(s blas.Side) bool { return s == blas.Left || s == blas.Right }

func validDiag(d blas.Diag) bool { return d == blas.NonUnit || d == blas.Unit }

// stored reports whether a row-major r×c matrix with leading dimension ld
// (ld ≥ max(1, c)) fits in length l; r and c are positive.
func stored(l, r, c, ld int) bool { return ld >= c && l >= ld*(r-1)+c }

func gemmOK(tA, tB blas.Transpose, m, n, k, la, lda, lb, ldb, lc, ldc int) bool {
	if lib == nil || !validTrans(tA) || !validTrans(tB) || m <= 0 || n <= 0 || k <= 0 {
		return false
	}
	if m*n*k < minWork3 || !fits(m, n, k, lda, ldb, ldc) {
		return false
	}
	ar, ac := m, k
	if tA != blas.NoTrans {
		ar, ac = k, m
	}
	br, bc := k, n
	if tB != blas.NoTrans {
		br, bc = n, k
	}
	return stored(la, ar, ac, lda) && stored(lb, br, bc, ldb) && stored(lc, m, n, ldc)
}

// rankKOK serves syrk (lb < 0 means no B) and syr2k.
func rankKOK(ul blas.Uplo, tA blas.Transpose, n, k, la, lda, lb, ldb, lc, ldc int) bool {
	if lib == nil || !validUplo(ul) || !validTrans(tA) || n <= 0 || k <= 0 {
		return false
	}
	if n*n*k < 2*minWork3 || !fits(n, k, lda, ldb, ldc) {
		return false
	}
	r, c := n, k
	if tA != blas.NoTrans {
		r, c = k, n
	}
	if !stored(la, r, c, lda) || !stored(lc, n, n, ldc) {
		return false
	}
	return lb < 0 || stored(lb, r, c, ldb)
}

// symmOK serves symm (lc ≥ 0) and trsm/trmm (lc < 0 means no C).
func symmOK(s blas.Side, ul blas.Uplo, m, n, la, lda, lb, ldb, lc, ldc int) bool {
	if lib == nil || !validSide(s) || !validUplo(ul) || m <= 0 || n <= 0 {
		return false
	}
	k := n
	if s == blas.Left {
		k = m
	}
	if m*n*k < minWork3 || !fits(m, n, lda, ldb, ldc) {
		return false
	}
	if !stored(la, k, k, lda) || !stored(lb, m, n, ldb) {
		return false
	}
	return lc < 0 || stored(lc, m, n, ldc)
}

func trxmOK(s blas.Side, ul blas.Uplo, tA blas.Transpose, d blas.Diag, m, n, la, lda, lb, ldb int) bool {
	return validTrans(tA) && validDiag(d) && symmOK(s, ul, m, n, la, lda, lb, ldb, -1, 0)
}

// vecOK reports whether a vector of n elements with increment inc fits in
// length l.
func vecOK(l, n, inc int) bool {
	if inc > 0 {
		return (n-1)*inc < l
	}
	return inc < 0 && (1-n)*inc < l
}

func gemvOK(tA blas.Transpose, m, n, la, lda, lx, incX, ly, incY int) bool {
	if lib == nil || !validTrans(tA) || m <= 0 || n <= 0 || m*n < minWork2 {
		return false
	}
	if !fits(m, n, lda, incX, incY) || !stored(la, m, n, lda) {
		return false
	}
	lenX, lenY := n, m
	if tA != blas.NoTrans {
		lenX, lenY = m, n
	}
	return vecOK(lx, lenX, incX) && vecOK(ly, lenY, incY)
}
