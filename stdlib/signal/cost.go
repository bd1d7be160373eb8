package signal

import (
	"math"

	"github.com/gokernel/gokernel/stdlib/signal/internal/simd"
)

// Relative costs of the cost model, in nanoseconds of CPU time on one core
// of the development machine (AMD EPYC): one multiply-add of the direct
// method (AVX2/FMA kernel, or plain Go without it), and one unit L·log2(L)
// of a real transform of length L.
var (
	costMAC = map[bool]float64{true: 0.08, false: 0.21}[simd.HasAsm()]
	costFFT = map[bool]float64{true: 0.23, false: 0.45}[simd.HasAsm()]
)

func fftUnits(l int) float64 {
	if l < 2 {
		return 1
	}
	return float64(l) * math.Log2(float64(l))
}

// choose1D returns the method Auto resolves to for a window of n outputs of
// the correlation of lengths nx and m.
func choose1D(nx, m, off, n int) Method {
	direct := costMAC * float64(n) * float64(min(m, nx))
	l := evenFastLen(corrFFTLen(nx, m, off, n))
	fft := costFFT * 3 * fftUnits(l)
	best, cost := Direct, direct
	if fft < cost {
		best, cost = FFT, fft
	}
	if long, short := max(nx, m), min(nx, m); short > 1 && long > 8*short {
		lb, b := oaBlock(short)
		blocks := (long + b - 1) / b
		if oa := costFFT * (2*float64(blocks) + 1) * fftUnits(lb); oa < cost {
			best = OverlapAdd
		}
	}
	return best
}

// choose2D returns the method Auto resolves to for an outR x outC window of
// the correlation of an r x c image with a kr x kc kernel.
func choose2D(r, c, kr, kc, offR, offC, outR, outC int) Method {
	direct := costMAC * float64(outR*outC) * float64(min(kr, r)*min(kc, c))
	lr := FastLen(corrFFTLen(r, kr, offR, outR))
	lc := evenFastLen(corrFFTLen(c, kc, offC, outC))
	// Three 2-D transforms, each a real row pass and a complex column pass
	// (about twice the real one).
	fft := costFFT * 3 * (float64(lr)*fftUnits(lc) + float64(lc)*fftUnits(lr))
	if fft < direct {
		return FFT
	}
	return Direct
}
