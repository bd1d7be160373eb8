package nn

import (
	"unsafe"

	"gonum.org/v1/gonum/mat"
)

// buffer is a reusable matrix whose storage grows but never shrinks, so a
// layer allocates only when the batch size grows past what it has seen.
type buffer struct {
	data []float64
	m    *mat.Dense
}

// ensure returns a r×c matrix backed by the buffer's storage. It allocates
// only when the shape differs from the previous call, and then only a new
// header unless the storage must grow. The contents are unspecified.
func (b *buffer) ensure(r, c int) *mat.Dense {
	if b.m != nil {
		if br, bc := b.m.Dims(); br == r && bc == c {
			return b.m
		}
	}
	if cap(b.data) < r*c {
		b.data = make([]float64, r*c)
	}
	b.m = mat.NewDense(r, c, b.data[:r*c])
	return b.m
}

// overlaps reports whether a and b share any element of storage.
func overlaps(a, b *mat.Dense) bool {
	ra, rb := a.RawMatrix(), b.RawMatrix()
	if len(ra.Data) == 0 || len(rb.Data) == 0 {
		return false
	}
	a0 := uintptr(unsafe.Pointer(&ra.Data[0]))
	a1 := uintptr(unsafe.Pointer(&ra.Data[len(ra.Data)-1]))
	b0 := uintptr(unsafe.Pointer(&rb.Data[0]))
	b1 := uintptr(unsafe.Pointer(&rb.Data[len(rb.Data)-1]))
	return a0 <= b1 && b0 <= a1
}
