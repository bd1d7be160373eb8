package fft

import (
	"fmt"
	"testing"

	"gonum.org/v1/gonum/dsp/fourier"
)

// BenchmarkReal compares this package's real FFT with gonum's dsp/fourier
// (FFTPACK) on the lengths the signal paths use.
func BenchmarkReal(b *testing.B) {
	for _, n := range []int{512, 1024, 1000, 8192} {
		x := make([]float64, n)
		for i := range x {
			x[i] = float64(i%7) - 3
		}
		spec := make([]complex128, n/2+1)
		b.Run(fmt.Sprintf("own/n%d", n), func(b *testing.B) {
			p := NewReal(n)
			for b.Loop() {
				p.Forward(spec, x)
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
		})
		b.Run(fmt.Sprintf("gonum/n%d", n), func(b *testing.B) {
			p := fourier.NewFFT(n)
			for b.Loop() {
				p.Coefficients(spec, x)
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
		})
	}
}

// BenchmarkCmplx compares the complex FFTs.
func BenchmarkCmplx(b *testing.B) {
	for _, n := range []int{512, 1024} {
		x := make([]complex128, n)
		b.Run(fmt.Sprintf("own/n%d", n), func(b *testing.B) {
			p := NewCmplx(n)
			for b.Loop() {
				p.Forward(x)
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
		})
		b.Run(fmt.Sprintf("gonum/n%d", n), func(b *testing.B) {
			p := fourier.NewCmplxFFT(n)
			for b.Loop() {
				p.Coefficients(x, x)
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
		})
	}
}
