package backend

import (
	"sync/atomic"
	"unsafe"

	"github.com/ebitengine/purego"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/lapack"
	lapackgonum "gonum.org/v1/gonum/lapack/gonum"
)

// minEigen is the order below which Dsyev stays in gonum.
var minEigen = 32

// dsyevdCalls counts the calls that reached dsyevd, for tests.
var dsyevdCalls atomic.Int64

// LAPACK is gonum's pure-Go LAPACK with the symmetric eigensolver Dsyev
// (used by mat.EigenSym) sent to OpenBLAS's divide-and-conquer dsyevd. It
// is registered with lapack64.Use when the loaded library has LAPACK
// symbols; other routines are gonum's, and gonum's own routines call the
// registered BLAS.
type LAPACK struct {
	lapackgonum.Implementation
}

var _ lapack.Float64 = LAPACK{}

// Dsyev computes all eigenvalues, in ascending order in w, and optionally
// the eigenvectors of the symmetric matrix A held in the ul triangle of a;
// with jobz == lapack.EVCompute the orthonormal eigenvectors overwrite a,
// one per column. Arguments, panics and the workspace query (lwork == -1)
// are gonum's; the work slice is not used by the OpenBLAS path, which
// allocates what dsyevd asks for. It returns whether the algorithm
// converged.
func (impl LAPACK) Dsyev(jobz lapack.EVJob, ul blas.Uplo, n int, a []float64, lda int, w, work []float64, lwork int) (ok bool) {
	if lib == nil || lib.dsyevd == 0 || lwork == -1 || n < minEigen || !fits(n, lda) ||
		(jobz != lapack.EVNone && jobz != lapack.EVCompute) || !validUplo(ul) ||
		lwork < max(1, 3*n-1) || len(work) < lwork || !stored(len(a), n, n, lda) || len(w) < n {
		return impl.Implementation.Dsyev(jobz, ul, n, a, lda, w, work, lwork)
	}
	var query [1]float64
	var iquery [1]int32
	if syevd(byte(jobz), flipUplo(byte(ul)), n, a, lda, w, query[:], -1, iquery[:], -1) != 0 {
		return impl.Implementation.Dsyev(jobz, ul, n, a, lda, w, work, lwork)
	}
	lw, liw := int(query[0]), int(iquery[0])
	if !fits(lw, liw) {
		return impl.Implementation.Dsyev(jobz, ul, n, a, lda, w, work, lwork)
	}
	dsyevdCalls.Add(1)
	wk := make([]float64, max(1, lw))
	iwk := make([]int32, max(1, liw))
	if syevd(byte(jobz), flipUplo(byte(ul)), n, a, lda, w, wk, lw, iwk, liw) != 0 {
		return false
	}
	if jobz == lapack.EVCompute {
		// Column-major eigenvectors in columns are rows of the row-major
		// array: transpose in place.
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				a[i*lda+j], a[j*lda+i] = a[j*lda+i], a[i*lda+j]
			}
		}
	}
	return true
}

// syevd calls dsyevd and returns its INFO.
func syevd(jobz, ul byte, n int, a []float64, lda int, w, work []float64, lwork int, iwork []int32, liwork int) int32 {
	f := &struct {
		ch   [2]byte
		n    [4]int32
		info int32
	}{}
	f.ch[0], f.ch[1] = jobz, ul
	f.n[0], f.n[1], f.n[2], f.n[3] = int32(n), int32(lda), int32(lwork), int32(liwork)
	purego.SyscallN(lib.dsyevd,
		uintptr(unsafe.Pointer(&f.ch[0])), uintptr(unsafe.Pointer(&f.ch[1])),
		uintptr(unsafe.Pointer(&f.n[0])), uintptr(unsafe.Pointer(&a[0])), uintptr(unsafe.Pointer(&f.n[1])),
		uintptr(unsafe.Pointer(&w[0])), uintptr(unsafe.Pointer(&work[0])), uintptr(unsafe.Pointer(&f.n[2])),
		uintptr(unsafe.Pointer(&iwork[0])), uintptr(unsafe.Pointer(&f.n[3])),
		uintptr(unsafe.Pointer(&f.info)),
		1, 1)
	return f.info
}
