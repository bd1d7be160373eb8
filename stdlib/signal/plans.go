package signal

import (
	"sync"

	"github.com/gokernel/gokernel/stdlib/signal/internal/fft"
)

// Plans are cached by length; every goroutine works on its own Clone,
// which shares the read-only twiddle tables.
var realPlans, cmplxPlans sync.Map

// realPlan returns a fresh real FFT plan of even length n.
func realPlan(n int) *fft.Real {
	if p, ok := realPlans.Load(n); ok {
		return p.(*fft.Real).Clone()
	}
	p := fft.NewReal(n)
	realPlans.Store(n, p)
	return p.Clone()
}

// cmplxPlan returns a fresh complex FFT plan of length n.
func cmplxPlan(n int) *fft.Cmplx {
	if p, ok := cmplxPlans.Load(n); ok {
		return p.(*fft.Cmplx).Clone()
	}
	p := fft.NewCmplx(n)
	cmplxPlans.Store(n, p)
	return p.Clone()
}

// evenFastLen returns the smallest even n' >= n whose half has only the
// prime factors 2, 3 and 5: the lengths of the real transforms.
func evenFastLen(n int) int { return 2 * FastLen((n+1)/2) }
