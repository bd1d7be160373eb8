package signal

import "fmt"

// Mode selects which part of the full convolution or correlation is
// returned. The sizes and offsets follow numpy.convolve / numpy.correlate in
// 1-D and scipy.signal.convolve2d / correlate2d in 2-D.
type Mode int

const (
	// Full returns every point of overlap: length N+M-1 per axis.
	Full Mode = iota
	// Same returns a result centred on the full one. In 1-D its length is
	// max(N, M) (NumPy); in 2-D its shape is the shape of the image, the
	// first argument (SciPy).
	Same
	// Valid returns only the points where the shorter input lies entirely
	// inside the longer one: |N-M|+1 per axis.
	Valid
)

// String returns "full", "same" or "valid".
func (m Mode) String() string {
	switch m {
	case Full:
		return "full"
	case Same:
		return "same"
	case Valid:
		return "valid"
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// Method selects the algorithm that computes a convolution or correlation.
// All methods compute the same values up to rounding (a relative difference
// below 1e-10 of the largest output magnitude).
type Method int

const (
	// Auto picks the cheapest method from a cost model of the sizes.
	Auto Method = iota
	// Direct sums the products of the definition (exact for integers).
	Direct
	// FFT multiplies zero-padded spectra (the convolution theorem), with
	// transform lengths that are products of 2, 3 and 5.
	FFT
	// OverlapAdd cuts a long 1-D signal into blocks, convolves each block by
	// FFT with a short kernel and adds the overlapping tails. In 2-D it
	// falls back to FFT.
	OverlapAdd
)

// String returns the name of the method.
func (m Method) String() string {
	switch m {
	case Auto:
		return "auto"
	case Direct:
		return "direct"
	case FFT:
		return "fft"
	case OverlapAdd:
		return "overlap-add"
	}
	return fmt.Sprintf("Method(%d)", int(m))
}

// ModeError is the panic value for an unknown Mode or an input pair that a
// mode cannot serve (2-D Valid where neither input fits inside the other).
type ModeError struct {
	Mode Mode
	Msg  string
}

// Error returns the message, prefixed with "signal: mode" and the mode.
func (e ModeError) Error() string { return "signal: mode " + e.Mode.String() + ": " + e.Msg }

// span describes a contiguous window [Off, Off+Len) of a full result.
type span struct{ Off, Len int }

// convSpan1D is the window of the full convolution of lengths n and m
// returned by mode (numpy.convolve).
func convSpan1D(n, m int, mode Mode) span {
	lo, hi := min(n, m), max(n, m)
	switch mode {
	case Full:
		return span{0, n + m - 1}
	case Same:
		return span{(lo - 1) / 2, hi}
	case Valid:
		return span{lo - 1, hi - lo + 1}
	}
	panic(ModeError{mode, "unknown mode"})
}

// corrSpan1D is the window of the full correlation of x (length n) with h
// (length m) returned by mode (numpy.correlate). NumPy swaps the inputs when
// h is longer and reverses the result, which moves the 'same' window.
func corrSpan1D(n, m int, mode Mode) span {
	if mode == Same && m > n {
		return span{n / 2, m}
	}
	return convSpan1D(n, m, mode)
}

// span2D returns the window of one axis of a 2-D result (scipy.signal
// convolve2d when corr is false, correlate2d when true): n is the image
// extent, k the kernel extent.
func span2D(n, k int, mode Mode, corr bool) span {
	switch mode {
	case Full:
		return span{0, n + k - 1}
	case Same:
		if corr {
			return span{k / 2, n}
		}
		return span{(k - 1) / 2, n}
	case Valid:
		lo, hi := min(n, k), max(n, k)
		return span{lo - 1, hi - lo + 1}
	}
	panic(ModeError{mode, "unknown mode"})
}

// checkValid2D panics when Valid is asked for shapes where neither input
// fits inside the other in every dimension (SciPy raises ValueError).
func checkValid2D(r, c, kr, kc int, mode Mode) {
	if mode != Valid {
		return
	}
	if (r >= kr && c >= kc) || (r <= kr && c <= kc) {
		return
	}
	panic(ModeError{mode, fmt.Sprintf("neither %dx%d nor %dx%d fits inside the other", r, c, kr, kc)})
}
