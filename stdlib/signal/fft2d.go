package signal

import (
	"context"
	"math"
)

// rowTile is the number of rows transformed before their spectra are
// scattered into the column-major spectrum, so that the scatter writes
// rowTile consecutive values per column.
const rowTile = 8

// spec2D is the half spectrum of a real Lr x Lc array after the row and
// column transforms, stored column-major: data[c*Lr+r] for c < Lc/2+1.
type spec2D struct {
	lr, lc, nf int
	data       []complex128
}

func newSpec2D(lr, lc int) *spec2D {
	nf := lc/2 + 1
	return &spec2D{lr: lr, lc: lc, nf: nf, data: make([]complex128, nf*lr)}
}

func (s *spec2D) col(c int) []complex128 { return s.data[c*s.lr : (c+1)*s.lr] }

// rowPass transforms the rows of g (zero padded to s.lc columns) into s;
// rows of s beyond g.r stay zero. w goroutines share the rows.
func (s *spec2D) rowPass(ctx context.Context, g grid, w int) error {
	tiles := (g.r + rowTile - 1) / rowTile
	return parallelFor(ctx, tiles, w, func(_, lo, hi int) {
		t := realPlan(s.lc)
		buf := make([]float64, s.lc)
		tile := make([]complex128, rowTile*s.nf)
		for ti := lo; ti < hi; ti++ {
			if ctx.Err() != nil {
				return
			}
			r0, r1 := ti*rowTile, min(g.r, (ti+1)*rowTile)
			for r := r0; r < r1; r++ {
				copy(buf, g.row(r))
				clear(buf[g.c:])
				t.Forward(tile[(r-r0)*s.nf:(r-r0+1)*s.nf], buf)
			}
			for c := 0; c < s.nf; c++ {
				dst := s.data[c*s.lr+r0 : c*s.lr+r1]
				for r := range dst {
					dst[r] = tile[r*s.nf+c]
				}
			}
		}
	})
}

// corrFFT2D writes into out the window (offR, offC) of the full 2-D
// correlation of img with k, by the 2-D convolution theorem on transform
// sizes for which the circular result equals the linear one on that window.
// Rows, then columns (with the product and the inverse column transform
// fused per column), then the needed rows are inverted.
func corrFFT2D(ctx context.Context, out, img, k grid, offR, offC int) error {
	lr := FastLen(corrFFTLen(img.r, k.r, offR, out.r))
	lc := evenFastLen(corrFFTLen(img.c, k.c, offC, out.c))
	w := workers(lr, 5*float64(lc)*math.Log2(float64(lc)))
	si, sk := newSpec2D(lr, lc), newSpec2D(lr, lc)
	if err := si.rowPass(ctx, img, w); err != nil {
		return err
	}
	if err := sk.rowPass(ctx, k, w); err != nil {
		return err
	}
	scale := complex(1/float64(lr*lc), 0)
	err := parallelFor(ctx, si.nf, w, func(_, lo, hi int) {
		t := cmplxPlan(lr)
		for c := lo; c < hi; c++ {
			if ctx.Err() != nil {
				return
			}
			a, b := si.col(c), sk.col(c)
			t.Forward(a)
			t.Forward(b)
			for i := range a {
				a[i] *= conj(b[i]) * scale
			}
			t.Inverse(a)
		}
	})
	if err != nil {
		return err
	}
	k0r, k0c := offR-(k.r-1), offC-(k.c-1)
	return parallelFor(ctx, out.r, w, func(_, lo, hi int) {
		t := realPlan(lc)
		coef := make([]complex128, si.nf)
		seq := make([]float64, lc)
		for i := lo; i < hi; i++ {
			if ctx.Err() != nil {
				return
			}
			rr := mod(k0r+i, lr)
			for c := range coef {
				coef[c] = si.data[c*lr+rr]
			}
			t.Inverse(seq, coef)
			orow := out.row(i)
			for j := range orow {
				orow[j] = seq[mod(k0c+j, lc)]
			}
		}
	})
}
