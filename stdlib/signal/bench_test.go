package signal

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// The benchmark inputs are uniform [0,1) images and standard normal 1-D
// signals from fixed seeds; bench/signal_peers.py feeds the same sizes to
// OpenCV, SciPy and scikit-image.

func uniformDense(seed uint64, r, c int) *mat.Dense {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	d := make([]float64, r*c)
	for i := range d {
		d[i] = rng.Float64()
	}
	return mat.NewDense(r, c, d)
}

func BenchmarkCorrelate2D(b *testing.B) {
	img := uniformDense(1, 512, 512)
	for _, k := range []int{3, 15, 64} {
		for _, m := range []Method{Auto, Direct, FFT} {
			name := fmt.Sprintf("img512_k%d", k)
			if m != Auto {
				name += "/" + m.String()
			}
			b.Run(name, func(b *testing.B) {
				if m == Direct && k == 64 && testing.Short() {
					b.Skip("slow")
				}
				ker := uniformDense(2, k, k)
				for b.Loop() {
					Correlate2DWith(img, ker, Valid, m)
				}
				px := float64((512 - k + 1) * (512 - k + 1))
				b.ReportMetric(px*float64(b.N)/b.Elapsed().Seconds(), "pixels/s")
			})
		}
	}
}

func BenchmarkCorrelate1D(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	x, h := randVec(rng, 1_000_000), randVec(rng, 1000)
	for _, m := range []Method{Auto, OverlapAdd, FFT} {
		name := "n1e6_k1000"
		if m != Auto {
			name += "/" + m.String()
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				CorrelateWith(x, h, Full, m)
			}
			b.ReportMetric(float64(len(x))*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
		})
	}
}
