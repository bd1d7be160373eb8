package nn

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// The float32 compute path of Dense (Dense.Float32). The parameters,
// gradients, inputs and outputs stay float64 *mat.Dense; only the three
// matrix products run in float32 through blas32, whose single-precision
// GEMM is about twice as fast as the double one. The operands are
// converted before each product (x and W forward; dz inside the
// activation-derivative pass), and the results are widened inside the bias
// pass, added into Param.Grad, or widened into dx.

// buffer32 is a reusable float32 matrix, like buffer.
type buffer32 struct {
	data []float32
	g    blas32.General
}

// ensure returns a contiguous r×c float32 matrix backed by the buffer's
// storage, growing it only when it is too small.
func (b *buffer32) ensure(r, c int) blas32.General {
	if b.g.Rows == r && b.g.Cols == c && b.data != nil {
		return b.g
	}
	if cap(b.data) < r*c {
		b.data = make([]float32, r*c)
	}
	b.g = blas32.General{Rows: r, Cols: c, Stride: c, Data: b.data[:r*c]}
	return b.g
}

// state32 holds the float32 copies a Dense needs on its float32 path.
type state32 struct {
	x, w, z, dz, gw, dx buffer32
}

// product32 computes z32 = x·W in float32; the forward pass widens it.
func (d *Dense) product32() {
	n, in := d.x.Dims()
	out := d.OutSize()
	s := &d.s32
	s.x.ensure(n, in)
	d.pass(phaseToX32, n, n*in)
	s.w.ensure(in, out)
	d.pass(phaseToW32, in, in*out)
	z32 := s.z.ensure(n, out)
	blas32.Gemm(blas.NoTrans, blas.NoTrans, 1, s.x.g, s.w.g, 0, z32)
}

// backward32 adds x'·dz into the weight gradient through a float32
// product, dz32 having been filled by the backward pass. With input true
// it also returns dz·W' in d.dx.
func (d *Dense) backward32(input bool) *mat.Dense {
	n, out := d.dz.m.Dims()
	in := d.InSize()
	s := &d.s32
	s.gw.ensure(in, out)
	blas32.Gemm(blas.Trans, blas.NoTrans, 1, s.x.g, s.dz.g, 0, s.gw.g)
	d.pass(phaseGradW, in, in*out)
	if !input {
		return nil
	}
	s.dx.ensure(n, in)
	blas32.Gemm(blas.NoTrans, blas.Trans, 1, s.dz.g, s.w.g, 0, s.dx.g)
	d.dx.ensure(n, in)
	d.pass(phaseDX, n, n*in)
	return d.dx.m
}

// narrowRows copies rows [lo, hi) of the float64 matrix m into the
// contiguous float32 dst.
func narrowRows(dst blas32.General, m blas64.General, lo, hi int) {
	for i := lo; i < hi; i++ {
		narrow(dst.Data[i*dst.Stride:i*dst.Stride+m.Cols], m.Data[i*m.Stride:i*m.Stride+m.Cols])
	}
}

// narrow copies src into dst, converting to float32.
func narrow(dst []float32, src []float64) {
	dst = dst[:len(src)]
	if n := len(src) &^ 7; useAVX2 && n > 0 {
		narrowAVX(&dst[0], &src[0], n)
		dst, src = dst[n:], src[n:]
	}
	for j, v := range src {
		dst[j] = float32(v)
	}
}

// widen copies src into dst, converting to float64.
func widen(dst []float64, src []float32) {
	dst = dst[:len(src)]
	if n := len(src) &^ 7; useAVX2 && n > 0 {
		widenAVX(&dst[0], &src[0], n)
		dst, src = dst[n:], src[n:]
	}
	for j, v := range src {
		dst[j] = float64(v)
	}
}

// addWiden adds src into dst, converting to float64.
func addWiden(dst []float64, src []float32) {
	dst = dst[:len(src)]
	if n := len(src) &^ 7; useAVX2 && n > 0 {
		addWidenAVX(&dst[0], &src[0], n)
		dst, src = dst[n:], src[n:]
	}
	for j, v := range src {
		dst[j] += float64(v)
	}
}
