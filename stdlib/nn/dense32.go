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
// GEMM is about twice as fast as the double one. Each product needs its
// operands converted: x and W before the forward product, dz together with
// the activation derivative, and the products' results on the way back,
// fused with the bias and activation pass or added into Param.Grad.

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

// toFloat32 copies the float64 matrix m into the contiguous float32 dst.
func toFloat32(dst blas32.General, m blas64.General) {
	for i := 0; i < m.Rows; i++ {
		src := m.Data[i*m.Stride : i*m.Stride+m.Cols]
		d := dst.Data[i*dst.Stride : i*dst.Stride+len(src)]
		for j, v := range src {
			d[j] = float32(v)
		}
	}
}

// forward32 computes z = x·W in float32 and then, in one float64 pass per
// row, adds the bias and applies the activation.
func (d *Dense) forward32(x, z, a *mat.Dense) {
	n, in := x.Dims()
	out := d.OutSize()
	s := &d.s32
	x32 := s.x.ensure(n, in)
	toFloat32(x32, x.RawMatrix())
	w32 := s.w.ensure(in, out)
	toFloat32(w32, d.W.RawMatrix())
	z32 := s.z.ensure(n, out)
	blas32.Gemm(blas.NoTrans, blas.NoTrans, 1, x32, w32, 0, z32)
	bias := d.B.RawRowView(0)
	for i := 0; i < n; i++ {
		zr := z.RawRowView(i)
		widen(zr, z32.Data[i*out:(i+1)*out])
		biasActivate(d.Act, a.RawRowView(i), zr, bias)
	}
}

// backward32 takes dz (float64, already computed) and adds x'·dz into the
// weight gradient through a float32 product. With input true it also
// returns dz·W' in d.dx.
func (d *Dense) backward32(dz *mat.Dense, input bool) *mat.Dense {
	n, out := dz.Dims()
	in := d.InSize()
	s := &d.s32
	dz32 := s.dz.ensure(n, out)
	toFloat32(dz32, dz.RawMatrix())
	gw32 := s.gw.ensure(in, out)
	blas32.Gemm(blas.Trans, blas.NoTrans, 1, s.x.g, dz32, 0, gw32)
	gw := d.w.Grad.RawMatrix()
	for i := 0; i < in; i++ {
		addWiden(gw.Data[i*gw.Stride:i*gw.Stride+out], gw32.Data[i*out:(i+1)*out])
	}
	if !input {
		return nil
	}
	dx32 := s.dx.ensure(n, in)
	blas32.Gemm(blas.NoTrans, blas.Trans, 1, dz32, s.w.g, 0, dx32)
	dx := d.dx.ensure(n, in)
	for i := 0; i < n; i++ {
		widen(dx.RawRowView(i), dx32.Data[i*in:(i+1)*in])
	}
	return dx
}

// widen copies src into dst, converting to float64.
func widen(dst []float64, src []float32) {
	dst = dst[:len(src)]
	for j, v := range src {
		dst[j] = float64(v)
	}
}

// addWiden adds src into dst, converting to float64.
func addWiden(dst []float64, src []float32) {
	dst = dst[:len(src)]
	for j, v := range src {
		dst[j] += float64(v)
	}
}
