package signal

import (
	"context"
	"slices"

	"github.com/gokernel/gokernel/stdlib/session"
)

// Convolve returns the discrete convolution of x and h,
// (x∗h)[n] = Σ_m x[m]·h[n−m], cut to mode as numpy.convolve does. The method
// is chosen by the cost model (Auto). Convolve is commutative.
// If the session is interrupted, Convolve returns nil.
// It panics with a ShapeError if x or h is empty.
func Convolve(x, h []float64, mode Mode) []float64 {
	return ConvolveWith(x, h, mode, Auto)
}

// ConvolveWith is Convolve with the method forced.
func ConvolveWith(x, h []float64, mode Mode, method Method) []float64 {
	y, _ := ConvolveContext(session.Context(), x, h, mode, method)
	return y
}

// ConvolveContext is ConvolveWith that stops when ctx is cancelled and then
// returns nil and ctx.Err().
func ConvolveContext(ctx context.Context, x, h []float64, mode Mode, method Method) ([]float64, error) {
	check1D("Convolve", x, h)
	s := convSpan1D(len(x), len(h), mode)
	return corr1D(ctx, x, reversed(h), s, method)
}

// Correlate returns the cross-correlation of x with h,
// c[k] = Σ_n x[n+k]·h[n], cut to mode as numpy.correlate does (whose
// default mode is Valid). Correlation is convolution with the flipped
// kernel: Correlate(x, h, m) equals Convolve(x, reverse(h), m) (for Same
// with h longer than x, NumPy's window is one sample later when len(x) is
// even, and so is this one). It is not commutative:
// Correlate(h, x) is Correlate(x, h) reversed in Full mode.
// If the session is interrupted, Correlate returns nil.
func Correlate(x, h []float64, mode Mode) []float64 {
	return CorrelateWith(x, h, mode, Auto)
}

// CorrelateWith is Correlate with the method forced.
func CorrelateWith(x, h []float64, mode Mode, method Method) []float64 {
	y, _ := CorrelateContext(session.Context(), x, h, mode, method)
	return y
}

// CorrelateContext is CorrelateWith that stops when ctx is cancelled and
// then returns nil and ctx.Err().
func CorrelateContext(ctx context.Context, x, h []float64, mode Mode, method Method) ([]float64, error) {
	check1D("Correlate", x, h)
	return corr1D(ctx, x, h, corrSpan1D(len(x), len(h), mode), method)
}

func check1D(op string, x, h []float64) {
	if len(x) == 0 || len(h) == 0 {
		panic(ShapeError{op, "empty input"})
	}
}

func reversed(h []float64) []float64 {
	r := slices.Clone(h)
	slices.Reverse(r)
	return r
}

// corr1D computes the window s of the full correlation of x with h.
func corr1D(ctx context.Context, x, h []float64, s span, method Method) ([]float64, error) {
	if method == Auto {
		method = choose1D(len(x), len(h), s.Off, s.Len)
	}
	out := make([]float64, s.Len)
	var err error
	switch method {
	case Direct:
		err = corrDirect1D(ctx, out, x, h, s.Off)
	case FFT:
		err = corrFFT1D(ctx, out, x, h, s.Off)
	case OverlapAdd:
		if len(h) <= len(x) {
			err = corrOverlapAdd1D(ctx, out, x, h, s.Off)
		} else {
			// Blocks cut the longer input: correlate h with x, whose full
			// result is this one reversed.
			full := len(x) + len(h) - 1
			rev := make([]float64, s.Len)
			err = corrOverlapAdd1D(ctx, rev, h, x, full-s.Off-s.Len)
			for i := range out {
				out[i] = rev[s.Len-1-i]
			}
		}
	default:
		panic(ShapeError{"correlate", "unknown method " + method.String()})
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}
