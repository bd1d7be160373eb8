package signal

import (
	"context"
	"fmt"
	"math"
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
	for _, k := range []int{3, 5, 15, 64} {
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

// BenchmarkCorrelate2DInto is BenchmarkCorrelate2D (Auto) writing into a
// reused destination: the same work without the 2 MiB zeroed allocation of
// the result.
func BenchmarkCorrelate2DInto(b *testing.B) {
	img := uniformDense(1, 512, 512)
	for _, k := range []int{3, 5, 15} {
		b.Run(fmt.Sprintf("img512_k%d", k), func(b *testing.B) {
			ker := uniformDense(2, k, k)
			dst := mat.NewDense(512-k+1, 512-k+1, nil)
			ctx := context.Background()
			for b.Loop() {
				if err := Correlate2DInto(ctx, dst, img, ker, Valid, Auto); err != nil {
					b.Fatal(err)
				}
			}
			px := float64((512 - k + 1) * (512 - k + 1))
			b.ReportMetric(px*float64(b.N)/b.Elapsed().Seconds(), "pixels/s")
		})
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

// exactGamma is the zero-mean NCC of one window from its definition, in two
// passes (the float64 reference of the benchmark's error metric).
func exactGamma(img, tpl *mat.Dense, u, v int) float64 {
	tr, tc := tpl.Dims()
	n := float64(tr * tc)
	var mf, mt float64
	for a := 0; a < tr; a++ {
		for b := 0; b < tc; b++ {
			mf += img.At(u+a, v+b)
			mt += tpl.At(a, b)
		}
	}
	mf /= n
	mt /= n
	var num, sf, st float64
	for a := 0; a < tr; a++ {
		for b := 0; b < tc; b++ {
			df, dt := img.At(u+a, v+b)-mf, tpl.At(a, b)-mt
			num += df * dt
			sf += df * df
			st += dt * dt
		}
	}
	return num / math.Sqrt(sf*st)
}

func BenchmarkNCC(b *testing.B) {
	img := uniformDense(5, 1024, 1024)
	for _, t := range []int{32, 128} {
		tpl := mat.DenseCopyOf(img.Slice(300, 300+t, 400, 400+t))
		b.Run(fmt.Sprintf("img1024_tpl%d", t), func(b *testing.B) {
			var g *mat.Dense
			for b.Loop() {
				g = NCC(img, tpl)
			}
			ro, co := g.Dims()
			b.ReportMetric(float64(ro*co)*float64(b.N)/b.Elapsed().Seconds(), "pixels/s")
			// Max error against the exact definition on 400 random windows
			// and the true place.
			rng := rand.New(rand.NewPCG(7, 7))
			maxErr := math.Abs(g.At(300, 400) - exactGamma(img, tpl, 300, 400))
			for range 400 {
				u, v := rng.IntN(ro), rng.IntN(co)
				maxErr = math.Max(maxErr, math.Abs(g.At(u, v)-exactGamma(img, tpl, u, v)))
			}
			b.ReportMetric(maxErr*1e12, "maxerr_e-12")
		})
	}
}
