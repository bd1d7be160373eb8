package signal

import (
	"context"
	"math"
)

// colBlock is the number of spectrum columns transformed together: a block
// of lr x colBlock complex values (128 KiB for lr = 1024) stays in the L2
// cache while every butterfly runs along colBlock contiguous values.
const colBlock = 8

// rowSpectra writes the half spectra (nf = lc/2+1 values) of the rows of
// g, zero padded to lc columns, row-major into dst: row r at dst[r*nf:].
func rowSpectra(ctx context.Context, dst []complex128, g grid, lc, w int) error {
	nf := lc/2 + 1
	return parallelFor(ctx, g.r, w, func(_, lo, hi int) {
		t := realPlan(lc)
		buf := make([]float64, lc)
		for r := lo; r < hi; r++ {
			if ctx.Err() != nil {
				return
			}
			copy(buf, g.row(r))
			clear(buf[g.c:])
			t.Forward(dst[r*nf:(r+1)*nf], buf)
		}
	})
}

// corrFFT2D writes into out the window (offR, offC) of the full 2-D
// correlation of img with k, by the 2-D convolution theorem on transform
// sizes for which the circular result equals the linear one on that window:
// real transforms of the rows; then, block of columns by block of columns,
// the complex column transforms of both inputs, the product with the
// conjugate kernel spectrum and the inverse column transform; last the
// inverse real transforms of the rows that the window needs.
func corrFFT2D(ctx context.Context, out, img, k grid, offR, offC int) error {
	lr := FastLen(corrFFTLen(img.r, k.r, offR, out.r))
	lc := evenFastLen(corrFFTLen(img.c, k.c, offC, out.c))
	nf := lc/2 + 1
	w := workers(lr, 5*float64(lc)*math.Log2(float64(lc)))
	spec := getC128(nf * lr) // rows >= img.r are never read
	defer putC128(spec)
	kspec := make([]complex128, nf*k.r)
	if err := rowSpectra(ctx, spec, img, lc, w); err != nil {
		return err
	}
	if err := rowSpectra(ctx, kspec, k, lc, w); err != nil {
		return err
	}
	k0r, k0c := offR-(k.r-1), offC-(k.c-1)
	// Rows of the inverse column transform that the window reads.
	need := make([]bool, lr)
	for i := 0; i < out.r; i++ {
		need[mod(k0r+i, lr)] = true
	}
	scale := 1 / float64(lr*lc)
	nb := (nf + colBlock - 1) / colBlock
	err := parallelFor(ctx, nb, w, func(_, lo, hi int) {
		t := cmplxPlan(lr)
		bufs := [3][]complex128{make([]complex128, lr*colBlock), make([]complex128, lr*colBlock), make([]complex128, lr*colBlock)}
		for blk := lo; blk < hi; blk++ {
			if ctx.Err() != nil {
				return
			}
			c0 := blk * colBlock
			bw := min(colBlock, nf-c0)
			a, b, w3 := bufs[0][:lr*bw], bufs[1][:lr*bw], bufs[2][:lr*bw]
			for r := 0; r < img.r; r++ {
				copy(a[r*bw:(r+1)*bw], spec[r*nf+c0:r*nf+c0+bw])
			}
			clear(a[img.r*bw:])
			for r := 0; r < k.r; r++ {
				copy(b[r*bw:(r+1)*bw], kspec[r*nf+c0:r*nf+c0+bw])
			}
			clear(b[k.r*bw:])
			// Each transform leaves its result in its input or in its
			// scratch buffer; the three buffers rotate so nothing is copied.
			A := t.BatchTo(a, w3, bw, false)
			free := a
			if &A[0] == &a[0] {
				free = w3
			}
			B := t.BatchTo(b, free, bw, false)[:len(A)]
			for i, x := range A {
				y := B[i]
				xr, xi, yr, yi := real(x), imag(x), real(y), imag(y)
				// x·conj(y)·scale
				A[i] = complex((xr*yr+xi*yi)*scale, (xi*yr-xr*yi)*scale)
			}
			scratch := b
			if &B[0] == &b[0] {
				scratch = free
			}
			R := t.BatchTo(A, scratch, bw, true)
			for r := 0; r < lr; r++ {
				if need[r] {
					copy(spec[r*nf+c0:r*nf+c0+bw], R[r*bw:(r+1)*bw])
				}
			}
		}
	})
	if err != nil {
		return err
	}
	return parallelFor(ctx, out.r, w, func(_, lo, hi int) {
		t := realPlan(lc)
		seq := make([]float64, lc)
		for i := lo; i < hi; i++ {
			if ctx.Err() != nil {
				return
			}
			rr := mod(k0r+i, lr)
			t.Inverse(seq, spec[rr*nf:(rr+1)*nf])
			orow := out.row(i)
			j0 := mod(k0c, lc)
			if j0+len(orow) <= lc {
				copy(orow, seq[j0:])
				continue
			}
			for j := range orow {
				orow[j] = seq[mod(k0c+j, lc)]
			}
		}
	})
}
