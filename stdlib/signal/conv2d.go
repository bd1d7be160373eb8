package signal

import (
	"context"
	"fmt"

	"github.com/gokernel/gokernel/stdlib/session"
	"gonum.org/v1/gonum/mat"
)

// Convolve2D returns the 2-D convolution of img with the kernel k,
// S(i,j) = Σ_m Σ_n img(m,n)·k(i−m, j−n), cut to mode as
// scipy.signal.convolve2d does: Full is (r+kr−1)x(c+kc−1), Same has the
// shape of img, Valid is (|r−kr|+1)x(|c−kc|+1) and needs one input to fit
// inside the other in both dimensions (else it panics with a ModeError).
// The method is chosen by the cost model. If the session is interrupted,
// Convolve2D returns nil.
func Convolve2D(img, k *mat.Dense, mode Mode) *mat.Dense {
	return Convolve2DWith(img, k, mode, Auto)
}

// Convolve2DWith is Convolve2D with the method forced (OverlapAdd means
// FFT in 2-D).
func Convolve2DWith(img, k *mat.Dense, mode Mode, method Method) *mat.Dense {
	m, _ := Convolve2DContext(session.Context(), img, k, mode, method)
	return m
}

// Convolve2DContext is Convolve2DWith that stops when ctx is cancelled and
// then returns nil and ctx.Err().
func Convolve2DContext(ctx context.Context, img, k *mat.Dense, mode Mode, method Method) (*mat.Dense, error) {
	return corr2D(ctx, "Convolve2D", img, flipped(k), mode, method, false)
}

// Correlate2D returns the 2-D cross-correlation of img with k,
// C(i,j) = Σ_m Σ_n img(i+m, j+n)·k(m,n) (no flip: what deep-learning
// "convolution" layers compute), cut to mode as scipy.signal.correlate2d
// does. It equals Convolve2D with k rotated by 180°, except that the Same
// window of an even-sized kernel is one sample later, as in SciPy.
// If the session is interrupted, Correlate2D returns nil.
func Correlate2D(img, k *mat.Dense, mode Mode) *mat.Dense {
	return Correlate2DWith(img, k, mode, Auto)
}

// Correlate2DWith is Correlate2D with the method forced.
func Correlate2DWith(img, k *mat.Dense, mode Mode, method Method) *mat.Dense {
	m, _ := Correlate2DContext(session.Context(), img, k, mode, method)
	return m
}

// Correlate2DContext is Correlate2DWith that stops when ctx is cancelled
// and then returns nil and ctx.Err().
func Correlate2DContext(ctx context.Context, img, k *mat.Dense, mode Mode, method Method) (*mat.Dense, error) {
	return corr2D(ctx, "Correlate2D", img, gridOf(k), mode, method, true)
}

// Correlate2DInto is Correlate2DContext writing into dst, which must have
// the shape of the result (for layers that reuse their buffers); dst may be
// a view but must not overlap img or k. It panics with a ShapeError if dst
// has the wrong shape, and returns ctx.Err() if ctx was cancelled (dst is
// then partly written).
func Correlate2DInto(ctx context.Context, dst, img, k *mat.Dense, mode Mode, method Method) error {
	ig, kg := gridOf(img), gridOf(k)
	if ig.r == 0 || ig.c == 0 || kg.r == 0 || kg.c == 0 {
		panic(ShapeError{"Correlate2DInto", "empty matrix"})
	}
	checkValid2D(ig.r, ig.c, kg.r, kg.c, mode)
	sr, sc := span2D(ig.r, kg.r, mode, true), span2D(ig.c, kg.c, mode, true)
	if r, c := dst.Dims(); r != sr.Len || c != sc.Len {
		panic(ShapeError{"Correlate2DInto", fmt.Sprintf("dst is %dx%d, result is %dx%d", r, c, sr.Len, sc.Len)})
	}
	return corr2DInto(ctx, gridOf(dst), ig, kg, sr.Off, sc.Off, method)
}

// gridOf views m's storage without copying.
func gridOf(m *mat.Dense) grid {
	raw := m.RawMatrix()
	return grid{r: raw.Rows, c: raw.Cols, stride: raw.Stride, data: raw.Data}
}

// flipped returns k rotated by 180° as a new grid.
func flipped(k *mat.Dense) grid {
	g := gridOf(k)
	f := grid{r: g.r, c: g.c, stride: g.c, data: make([]float64, g.r*g.c)}
	for i := 0; i < g.r; i++ {
		src, dst := g.row(i), f.row(g.r-1-i)
		for j, v := range src {
			dst[g.c-1-j] = v
		}
	}
	return f
}

// corr2D computes the mode window of the full correlation of img with kg.
// corr selects SciPy's correlate2d 'same' centring instead of convolve2d's.
func corr2D(ctx context.Context, op string, img *mat.Dense, kg grid, mode Mode, method Method, corr bool) (*mat.Dense, error) {
	ig := gridOf(img)
	if ig.r == 0 || ig.c == 0 || kg.r == 0 || kg.c == 0 {
		panic(ShapeError{op, "empty matrix"})
	}
	checkValid2D(ig.r, ig.c, kg.r, kg.c, mode)
	sr := span2D(ig.r, kg.r, mode, corr)
	sc := span2D(ig.c, kg.c, mode, corr)
	out := mat.NewDense(sr.Len, sc.Len, nil)
	if err := corr2DInto(ctx, gridOf(out), ig, kg, sr.Off, sc.Off, method); err != nil {
		return nil, err
	}
	return out, nil
}

// corr2DInto writes into out the window (offR, offC) of the full
// correlation of img with k by method.
func corr2DInto(ctx context.Context, out, img, k grid, offR, offC int, method Method) error {
	if method == Auto {
		method = choose2D(img.r, img.c, k.r, k.c, offR, offC, out.r, out.c)
	}
	switch method {
	case Direct:
		return corrDirect2D(ctx, out, img, k, offR, offC)
	case FFT, OverlapAdd:
		return corrFFT2D(ctx, out, img, k, offR, offC)
	}
	panic(ShapeError{"correlate2D", "unknown method " + method.String()})
}
