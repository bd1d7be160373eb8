package signal

import (
	"context"
	"math"
)

// rowTile is the number of rows transformed together before their spectra
// are scattered into (or gathered from) the column-major spectrum, so that
// each column is touched rowTile consecutive values at a time.
const rowTile = 8

// rowSpectra writes the half spectra (nf = lc/2+1 values) of the rows of
// g, zero padded to lc columns, column-major into dst: dst[c*ld+r]. Rows of
// dst from g.r on are not touched.
func rowSpectra(ctx context.Context, dst []complex128, ld int, g grid, lc, w int) error {
	nf := lc/2 + 1
	tiles := (g.r + rowTile - 1) / rowTile
	return parallelFor(ctx, tiles, w, func(_, lo, hi int) {
		t := realPlan(lc)
		buf := make([]float64, lc)
		tile := make([]complex128, rowTile*nf)
		for ti := lo; ti < hi; ti++ {
			if ctx.Err() != nil {
				return
			}
			r0, r1 := ti*rowTile, min(g.r, (ti+1)*rowTile)
			for r := r0; r < r1; r++ {
				copy(buf, g.row(r))
				clear(buf[g.c:])
				t.Forward(tile[(r-r0)*nf:(r-r0+1)*nf], buf)
			}
			for c := 0; c < nf; c++ {
				d := dst[c*ld+r0 : c*ld+r1]
				for r := range d {
					d[r] = tile[r*nf+c]
				}
			}
		}
	})
}

// corrFFT2D writes into out the window (offR, offC) of the full 2-D
// correlation of img with k, by the 2-D convolution theorem on transform
// sizes for which the circular result equals the linear one on that window:
// real transforms of the rows, then per column (fused) the complex
// transforms of both inputs, the product with the conjugate kernel
// spectrum and the inverse column transform, and last the inverse real
// transforms of the rows that the window needs.
func corrFFT2D(ctx context.Context, out, img, k grid, offR, offC int) error {
	lr := FastLen(corrFFTLen(img.r, k.r, offR, out.r))
	lc := evenFastLen(corrFFTLen(img.c, k.c, offC, out.c))
	nf := lc/2 + 1
	w := workers(lr, 5*float64(lc)*math.Log2(float64(lc)))
	spec := getC128(nf * lr)
	defer putC128(spec)
	kspec := make([]complex128, nf*k.r) // the kernel's rows, column-major
	if err := rowSpectra(ctx, spec, lr, img, lc, w); err != nil {
		return err
	}
	if err := rowSpectra(ctx, kspec, k.r, k, lc, w); err != nil {
		return err
	}
	scale := 1 / float64(lr*lc)
	err := parallelFor(ctx, nf, w, func(_, lo, hi int) {
		t := cmplxPlan(lr)
		b := make([]complex128, lr)
		for c := lo; c < hi; c++ {
			if ctx.Err() != nil {
				return
			}
			a := spec[c*lr : (c+1)*lr]
			clear(a[img.r:])
			copy(b, kspec[c*k.r:(c+1)*k.r])
			clear(b[k.r:])
			t.Forward(a)
			t.Forward(b)
			for i, x := range a {
				y := b[i]
				xr, xi, yr, yi := real(x), imag(x), real(y), imag(y)
				// x·conj(y)·scale
				a[i] = complex((xr*yr+xi*yi)*scale, (xi*yr-xr*yi)*scale)
			}
			t.Inverse(a)
		}
	})
	if err != nil {
		return err
	}
	k0r, k0c := offR-(k.r-1), offC-(k.c-1)
	tiles := (out.r + rowTile - 1) / rowTile
	return parallelFor(ctx, tiles, w, func(_, lo, hi int) {
		t := realPlan(lc)
		tile := make([]complex128, rowTile*nf)
		seq := make([]float64, lc)
		for ti := lo; ti < hi; ti++ {
			if ctx.Err() != nil {
				return
			}
			i0, i1 := ti*rowTile, min(out.r, (ti+1)*rowTile)
			for c := 0; c < nf; c++ {
				col := spec[c*lr : (c+1)*lr]
				for i := i0; i < i1; i++ {
					tile[(i-i0)*nf+c] = col[mod(k0r+i, lr)]
				}
			}
			for i := i0; i < i1; i++ {
				t.Inverse(seq, tile[(i-i0)*nf:(i-i0+1)*nf])
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
		}
	})
}
