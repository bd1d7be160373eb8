package backend

import (
	"math"
	"sync"
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

// frame holds everything one Fortran BLAS call passes by reference: the
// character and integer arguments, alpha and beta, the data operands, and
// the argument list itself. Frames live on the heap and are reused through
// a free list (getFrame, putFrame), so a call allocates nothing in steady
// state. A frame belongs to one call at a time, so concurrent callers never
// share one.
//
// Why the pointers stay valid: purego.SyscallN is go:uintptrescapes, which
// protects only pointers converted inside its own argument list. The
// arguments here are converted earlier, into args, so the package keeps
// the other two guarantees itself. (1) Every pointee is on the heap, where
// Go never moves objects: the scalars are in the heap frame, and the data
// slices are stored in frame.data, which makes them escape in every caller
// (the compiler then cannot place them on a goroutine stack, which may
// move). (2) Everything stays reachable until the call returns: the frame
// is used after the call (putFrame), and it references the data slices
// until then.
type frame struct {
	ch    [4]byte
	n     [6]int32
	alpha [8]byte // a float32 or float64, written by setScalars
	beta  [8]byte
	data  [3]unsafe.Pointer
	args  [15]uintptr
}

// maxFree bounds the free list; more concurrent callers than this allocate
// frames that are dropped afterwards.
const maxFree = 64

var frames struct {
	sync.Mutex
	free []*frame
}

// getFrame returns a frame from the free list or a new one.
func getFrame() *frame {
	frames.Lock()
	var f *frame
	if k := len(frames.free); k > 0 {
		f = frames.free[k-1]
		frames.free = frames.free[:k-1]
	}
	frames.Unlock()
	if f == nil {
		f = new(frame)
	}
	return f
}

// putFrame drops the frame's references to the caller's data and returns
// it to the free list.
func putFrame(f *frame) {
	f.data = [3]unsafe.Pointer{}
	frames.Lock()
	if len(frames.free) < maxFree {
		frames.free = append(frames.free, f)
	}
	frames.Unlock()
}

// setScalars stores alpha and beta in the frame in their own precision.
func setScalars[T float32 | float64](f *frame, alpha, beta T) {
	*(*T)(unsafe.Pointer(&f.alpha[0])) = alpha
	*(*T)(unsafe.Pointer(&f.beta[0])) = beta
}

// hold records the data operands in the frame (see frame) and returns the
// address of the first element of each.
func hold[T float32 | float64](f *frame, a, b, c []T) (pa, pb, pc uintptr) {
	f.data[0] = unsafe.Pointer(&a[0])
	pa = uintptr(f.data[0])
	if b != nil {
		f.data[1] = unsafe.Pointer(&b[0])
		pb = uintptr(f.data[1])
	}
	if c != nil {
		f.data[2] = unsafe.Pointer(&c[0])
		pc = uintptr(f.data[2])
	}
	return pa, pb, pc
}

// call runs fn with the first k arguments of f.args and recycles f.
func call(fn uintptr, f *frame, k int) {
	purego.SyscallN(fn, f.args[:k]...)
	putFrame(f)
}

// p returns the address of a frame field as a call argument.
func p[T any](v *T) uintptr { return uintptr(unsafe.Pointer(v)) }

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
	f := getFrame()
	setScalars(f, alpha, beta)
	f.ch[0], f.ch[1] = tB, tA
	f.n[0], f.n[1], f.n[2] = int32(n), int32(m), int32(k)
	f.n[3], f.n[4], f.n[5] = int32(ldb), int32(lda), int32(ldc)
	pa, pb, pc := hold(f, a, b, c)
	f.args = [15]uintptr{p(&f.ch[0]), p(&f.ch[1]), p(&f.n[0]), p(&f.n[1]), p(&f.n[2]), p(&f.alpha),
		pb, p(&f.n[3]), pa, p(&f.n[4]), p(&f.beta), pc, p(&f.n[5]), 1, 1}
	call(fn, f, 15)
}

// syrk computes the row-major rank-k update through the column-major
// routine with the triangle and the transpose flipped.
func syrk[T float32 | float64](fn uintptr, ul, tA byte, n, k int, alpha T, a []T, lda int, beta T, c []T, ldc int) {
	f := getFrame()
	setScalars(f, alpha, beta)
	f.ch[0], f.ch[1] = flipUplo(ul), flipTrans(tA)
	f.n[0], f.n[1], f.n[2], f.n[3] = int32(n), int32(k), int32(lda), int32(ldc)
	pa, _, pc := hold(f, a, nil, c)
	f.args = [15]uintptr{p(&f.ch[0]), p(&f.ch[1]), p(&f.n[0]), p(&f.n[1]), p(&f.alpha),
		pa, p(&f.n[2]), p(&f.beta), pc, p(&f.n[3]), 1, 1}
	call(fn, f, 12)
}

// syr2k is syrk's rank-2k twin.
func syr2k[T float32 | float64](fn uintptr, ul, tA byte, n, k int, alpha T, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int) {
	f := getFrame()
	setScalars(f, alpha, beta)
	f.ch[0], f.ch[1] = flipUplo(ul), flipTrans(tA)
	f.n[0], f.n[1], f.n[2], f.n[3], f.n[4] = int32(n), int32(k), int32(lda), int32(ldb), int32(ldc)
	pa, pb, pc := hold(f, a, b, c)
	f.args = [15]uintptr{p(&f.ch[0]), p(&f.ch[1]), p(&f.n[0]), p(&f.n[1]), p(&f.alpha),
		pa, p(&f.n[2]), pb, p(&f.n[3]), p(&f.beta), pc, p(&f.n[4]), 1, 1}
	call(fn, f, 14)
}

// symm computes C = alpha·A·B + beta·C (or B·A) with A symmetric: in
// column-major terms the side and the triangle flip and m, n swap.
func symm[T float32 | float64](fn uintptr, s, ul byte, m, n int, alpha T, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int) {
	f := getFrame()
	setScalars(f, alpha, beta)
	f.ch[0], f.ch[1] = flipSide(s), flipUplo(ul)
	f.n[0], f.n[1], f.n[2], f.n[3], f.n[4] = int32(n), int32(m), int32(lda), int32(ldb), int32(ldc)
	pa, pb, pc := hold(f, a, b, c)
	f.args = [15]uintptr{p(&f.ch[0]), p(&f.ch[1]), p(&f.n[0]), p(&f.n[1]), p(&f.alpha),
		pa, p(&f.n[2]), pb, p(&f.n[3]), p(&f.beta), pc, p(&f.n[4]), 1, 1}
	call(fn, f, 14)
}

// trxm serves both trsm and trmm: side and triangle flip, the transpose
// stays, m and n swap.
func trxm[T float32 | float64](fn uintptr, s, ul, tA, d byte, m, n int, alpha T, a []T, lda int, b []T, ldb int) {
	f := getFrame()
	setScalars(f, alpha, 0)
	f.ch[0], f.ch[1], f.ch[2], f.ch[3] = flipSide(s), flipUplo(ul), tA, d
	f.n[0], f.n[1], f.n[2], f.n[3] = int32(n), int32(m), int32(lda), int32(ldb)
	pa, pb, _ := hold(f, a, b, nil)
	f.args = [15]uintptr{p(&f.ch[0]), p(&f.ch[1]), p(&f.ch[2]), p(&f.ch[3]), p(&f.n[0]), p(&f.n[1]),
		p(&f.alpha), pa, p(&f.n[2]), pb, p(&f.n[3]), 1, 1, 1, 1}
	call(fn, f, 15)
}

// gemv computes y = alpha·op(A)·x + beta·y; a row-major A is the
// column-major Aᵀ, so the transpose flips and m, n swap.
func gemv[T float32 | float64](fn uintptr, tA byte, m, n int, alpha T, a []T, lda int, x []T, incX int, beta T, y []T, incY int) {
	f := getFrame()
	setScalars(f, alpha, beta)
	f.ch[0] = flipTrans(tA)
	f.n[0], f.n[1], f.n[2], f.n[3], f.n[4] = int32(n), int32(m), int32(lda), int32(incX), int32(incY)
	pa, px, py := hold(f, a, x, y)
	f.args = [15]uintptr{p(&f.ch[0]), p(&f.n[0]), p(&f.n[1]), p(&f.alpha),
		pa, p(&f.n[2]), px, p(&f.n[3]), p(&f.beta), py, p(&f.n[4]), 1}
	call(fn, f, 12)
}
