// Package signal is the convolution and correlation library of gokernel:
// 1-D and 2-D convolution and cross-correlation with NumPy/SciPy modes,
// normalized cross-correlation (NCC) and template matching, LTI/LSI systems
// with black-box checkers, and grayscale image input/output with synthetic
// test images.
//
// Conventions and invariants:
//
//   - Signals are []float64 and images *mat.Dense (row = y, column = x),
//     float64 throughout. Inputs are never modified; every result is a new
//     value.
//   - Convolve/Correlate follow numpy.convolve/numpy.correlate (sizes,
//     'same' centring, the argument swap when the kernel is longer);
//     Convolve2D/Correlate2D follow scipy.signal.convolve2d/correlate2d
//     ('same' has the image's shape). testdata/fixtures.json, made by
//     testdata/make_fixtures.py, pins these.
//   - Correlation is convolution with the flipped kernel:
//     Correlate(x, h) = Convolve(x, reverse(h)) and Correlate2D(img, k) =
//     Convolve2D(img, rot180(k)), up to the 'same' window for even kernels.
//   - Every Method (Direct, FFT, OverlapAdd, Auto) gives the same values up
//     to rounding: at most 1e-10 of the largest output magnitude. Direct is
//     exact for integer data. FFT lengths are products of 2, 3 and 5, and
//     the transforms are the package's own (internal/fft: mixed-radix
//     Stockham, precomputed twiddles), 3-5x faster than gonum's dsp/fourier
//     in plain Go. On amd64 CPUs with AVX2 and FMA (detected at start-up)
//     the radix-4 stages and the direct correlation loops
//     (internal/simd; 3x3 kernels have a fused loop that sets two output
//     rows per pass) run in assembly; elsewhere, or with the purego build
//     tag, everything is plain Go and gives the same values up to rounding.
//   - Results are new allocations (zeroed by Go before being written);
//     Correlate2DInto writes into a caller's matrix instead. Pooled scratch
//     memory is internal and never returned to callers.
//   - NCC values lie in [−1, 1]; zero-variance windows and constant
//     templates give 0 (see ZeroVarianceRatio).
//   - Programmer errors (empty inputs, impossible shapes, unknown modes)
//     panic with a ShapeError or ModeError; data problems (unreadable
//     images) are returned errors. Nothing prints.
//   - Long calls poll the notebook session (stdlib/session.Context) and
//     return nil when it is interrupted; the ...Context variants take a
//     context and return its error instead. Work is shared among at most
//     four goroutines (GOMAXPROCS bounds it too).
//   - Randomness (checkers, noise images) comes only from explicit seeds.
package signal
