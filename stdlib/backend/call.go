package backend

import (
	"math"
	"unsafe"

	"github.com/ebitengine/purego"
)

// minWork is the size (m·n·k for level 3, m·n for level 2) below which a
// call stays in gonum: under it the foreign call (about 0.15 µs measured by
// BenchmarkSmallDgemm) costs more than it saves.
// Tests set it to zero to send every call to OpenBLAS.
var (
	minWork3 = 8 * 8 * 8
	minWork2 = 32 * 32
)

// frame holds the scalar arguments of one Fortran BLAS call. The Fortran
// interface takes every argument by reference, so one heap frame per call
// carries them all; purego.SyscallN keeps it alive during the call.
type frame[T float32 | float64] struct {
	ch    [4]byte
	n     [6]int32
	alpha T
	beta  T
}

// fits reports whether every value is a valid Fortran INTEGER (int32).
func fits(v ...int) bool {
	for _, x := range v {
		if x > math.MaxInt32 || x < math.MinInt32 {
			return false
		}
	}
	return true
}

// flipUplo maps a row-major triangle to its column-major twin: the upper
// triangle of A is the lower triangle of Aᵀ.
func flipUplo(c byte) byte {
	if c == 'U' {
		return 'L'
	}
	return 'U'
}

// flipTrans maps NoTrans to Trans and Trans or ConjTrans to NoTrans.
func flipTrans(c byte) byte {
	if c == 'N' {
		return 'T'
	}
	return 'N'
}

// flipSide maps Left to Right and back.
func flipSide(c byte) byte {
	if c == 'L' {
		return 'R'
	}
	return 'L'
}

// gemm computes C = alpha·op(A)·op(B) + beta·C in row-major order by asking
// the column-major library for Cᵀ = alpha·op(B)ᵀ·op(A)ᵀ + beta·Cᵀ.
func gemm[T float32 | float64](fn uintptr, tA, tB byte, m, n, k int, alpha T, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int) {
	f := &frame[T]{alpha: alpha, beta: beta}
	f.ch[0], f.ch[1] = tB, tA
	f.n[0], f.n[1], f.n[2] = int32(n), int32(m), int32(k)
	f.n[3], f.n[4], f.n[5] = int32(ldb), int32(lda), int32(ldc)
	purego.SyscallN(fn,
		uintptr(unsafe.Pointer(&f.ch[0])), uintptr(unsafe.Pointer(&f.ch[1])),
		uintptr(unsafe.Pointer(&f.n[0])), uintptr(unsafe.Pointer(&f.n[1])), uintptr(unsafe.Pointer(&f.n[2])),
		uintptr(unsafe.Pointer(&f.alpha)),
		uintptr(unsafe.Pointer(&b[0])), uintptr(unsafe.Pointer(&f.n[3])),
		uintptr(unsafe.Pointer(&a[0])), uintptr(unsafe.Pointer(&f.n[4])),
		uintptr(unsafe.Pointer(&f.beta)),
		uintptr(unsafe.Pointer(&c[0])), uintptr(unsafe.Pointer(&f.n[5])),
		1, 1)
}

// syrk computes the row-major rank-k update through the column-major
// routine with the triangle and the transpose flipped.
func syrk[T float32 | float64](fn uintptr, ul, tA byte, n, k int, alpha T, a []T, lda int, beta T, c []T, ldc int) {
	f := &frame[T]{alpha: alpha, beta: beta}
	f.ch[0], f.ch[1] = flipUplo(ul), flipTrans(tA)
	f.n[0], f.n[1], f.n[2], f.n[3] = int32(n), int32(k), int32(lda), int32(ldc)
	purego.SyscallN(fn,
		uintptr(unsafe.Pointer(&f.ch[0])), uintptr(unsafe.Pointer(&f.ch[1])),
		uintptr(unsafe.Pointer(&f.n[0])), uintptr(unsafe.Pointer(&f.n[1])),
		uintptr(unsafe.Pointer(&f.alpha)),
		uintptr(unsafe.Pointer(&a[0])), uintptr(unsafe.Pointer(&f.n[2])),
		uintptr(unsafe.Pointer(&f.beta)),
		uintptr(unsafe.Pointer(&c[0])), uintptr(unsafe.Pointer(&f.n[3])),
		1, 1)
}

// syr2k is syrk's rank-2k twin.
func syr2k[T float32 | float64](fn uintptr, ul, tA byte, n, k int, alpha T, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int) {
	f := &frame[T]{alpha: alpha, beta: beta}
	f.ch[0], f.ch[1] = flipUplo(ul), flipTrans(tA)
	f.n[0], f.n[1], f.n[2], f.n[3], f.n[4] = int32(n), int32(k), int32(lda), int32(ldb), int32(ldc)
	purego.SyscallN(fn,
		uintptr(unsafe.Pointer(&f.ch[0])), uintptr(unsafe.Pointer(&f.ch[1])),
		uintptr(unsafe.Pointer(&f.n[0])), uintptr(unsafe.Pointer(&f.n[1])),
		uintptr(unsafe.Pointer(&f.alpha)),
		uintptr(unsafe.Pointer(&a[0])), uintptr(unsafe.Pointer(&f.n[2])),
		uintptr(unsafe.Pointer(&b[0])), uintptr(unsafe.Pointer(&f.n[3])),
		uintptr(unsafe.Pointer(&f.beta)),
		uintptr(unsafe.Pointer(&c[0])), uintptr(unsafe.Pointer(&f.n[4])),
		1, 1)
}

// symm computes C = alpha·A·B + beta·C (or B·A) with A symmetric: in
// column-major terms the side and the triangle flip and m, n swap.
func symm[T float32 | float64](fn uintptr, s, ul byte, m, n int, alpha T, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int) {
	f := &frame[T]{alpha: alpha, beta: beta}
	f.ch[0], f.ch[1] = flipSide(s), flipUplo(ul)
	f.n[0], f.n[1], f.n[2], f.n[3], f.n[4] = int32(n), int32(m), int32(lda), int32(ldb), int32(ldc)
	purego.SyscallN(fn,
		uintptr(unsafe.Pointer(&f.ch[0])), uintptr(unsafe.Pointer(&f.ch[1])),
		uintptr(unsafe.Pointer(&f.n[0])), uintptr(unsafe.Pointer(&f.n[1])),
		uintptr(unsafe.Pointer(&f.alpha)),
		uintptr(unsafe.Pointer(&a[0])), uintptr(unsafe.Pointer(&f.n[2])),
		uintptr(unsafe.Pointer(&b[0])), uintptr(unsafe.Pointer(&f.n[3])),
		uintptr(unsafe.Pointer(&f.beta)),
		uintptr(unsafe.Pointer(&c[0])), uintptr(unsafe.Pointer(&f.n[4])),
		1, 1)
}

// trxm serves both trsm and trmm: side and triangle flip, the transpose
// stays, m and n swap.
func trxm[T float32 | float64](fn uintptr, s, ul, tA, d byte, m, n int, alpha T, a []T, lda int, b []T, ldb int) {
	f := &frame[T]{alpha: alpha}
	f.ch[0], f.ch[1], f.ch[2], f.ch[3] = flipSide(s), flipUplo(ul), tA, d
	f.n[0], f.n[1], f.n[2], f.n[3] = int32(n), int32(m), int32(lda), int32(ldb)
	purego.SyscallN(fn,
		uintptr(unsafe.Pointer(&f.ch[0])), uintptr(unsafe.Pointer(&f.ch[1])),
		uintptr(unsafe.Pointer(&f.ch[2])), uintptr(unsafe.Pointer(&f.ch[3])),
		uintptr(unsafe.Pointer(&f.n[0])), uintptr(unsafe.Pointer(&f.n[1])),
		uintptr(unsafe.Pointer(&f.alpha)),
		uintptr(unsafe.Pointer(&a[0])), uintptr(unsafe.Pointer(&f.n[2])),
		uintptr(unsafe.Pointer(&b[0])), uintptr(unsafe.Pointer(&f.n[3])),
		1, 1, 1, 1)
}

// gemv computes y = alpha·op(A)·x + beta·y; a row-major A is the
// column-major Aᵀ, so the transpose flips and m, n swap.
func gemv[T float32 | float64](fn uintptr, tA byte, m, n int, alpha T, a []T, lda int, x []T, incX int, beta T, y []T, incY int) {
	f := &frame[T]{alpha: alpha, beta: beta}
	f.ch[0] = flipTrans(tA)
	f.n[0], f.n[1], f.n[2], f.n[3], f.n[4] = int32(n), int32(m), int32(lda), int32(incX), int32(incY)
	purego.SyscallN(fn,
		uintptr(unsafe.Pointer(&f.ch[0])),
		uintptr(unsafe.Pointer(&f.n[0])), uintptr(unsafe.Pointer(&f.n[1])),
		uintptr(unsafe.Pointer(&f.alpha)),
		uintptr(unsafe.Pointer(&a[0])), uintptr(unsafe.Pointer(&f.n[2])),
		uintptr(unsafe.Pointer(&x[0])), uintptr(unsafe.Pointer(&f.n[3])),
		uintptr(unsafe.Pointer(&f.beta)),
		uintptr(unsafe.Pointer(&y[0])), uintptr(unsafe.Pointer(&f.n[4])),
		1)
}
