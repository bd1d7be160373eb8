package nn

import (
	"runtime"

	"github.com/gokernel/gokernel/stdlib/backend"
)

// The convolution layers split a batch into two halves of samples, run on
// the calling goroutine and on the package's helper goroutine (see
// splitter), each half with its own chunk buffers and, in Backward, its own
// partial parameter gradients, added into Param.Grad after both halves are
// done. Results depend on the split (the order of the sums), which depends
// only on the batch size and GOMAXPROCS, so they are reproducible. A layer
// whose Serial field is set never splits: for callers that run several
// copies of a network on different goroutines themselves.

// convWork is the scratch of one half of a split pass.
type convWork struct {
	col, buf []float64 // im2col chunk; product or gathered-input chunk
	dz       []float64 // one sample's dLoss/dz (ConvTranspose2D)
	pad      []float64 // one padded sample, zero borders (Conv2D, stride 1)
	dpad     []float64 // its gradient
	gw, gb   []float64 // partial weight and bias gradients (second half only)
	used     bool      // the half ran in the current pass
	f32      conv32    // float32 scratch (Conv2D.Float32)
}

// worker returns 0 for the half that starts at sample 0 (the caller's) and
// 1 for the other.
func worker(lo int) int {
	if lo == 0 {
		return 0
	}
	return 1
}

// grow returns s resliced to n values, reallocated if its capacity is short.
func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// runSplit runs f over the samples [0, n) of a pass that touches work
// values, in two halves when that pays. While two halves run, OpenBLAS is
// held to one thread (if it had more) so that each half's products run on
// its own core instead of two thread pools fighting for the same two cores.
// With serial set it runs f(0, n) on the calling goroutine.
func runSplit(sp *splitter, serial bool, n, work int, f func(lo, hi int)) {
	if serial || work < minSplit || n < 2 || runtime.GOMAXPROCS(0) < 2 {
		f(0, n)
		return
	}
	if t := backend.Threads(); t > 1 {
		backend.SetThreads(1)
		defer backend.SetThreads(t)
	}
	sp.split(n, work, f)
}

// addInto adds src into dst (same length).
func addInto(dst, src []float64) {
	src = src[:len(dst)]
	for i, v := range src {
		dst[i] += v
	}
}
