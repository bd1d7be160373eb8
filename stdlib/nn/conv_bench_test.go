package nn_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

// BenchmarkConvAEStep measures Forward, squared-error gradient and Backward
// of the convolutional autoencoder of ae's BenchmarkFit/conv16x8 (1×28×28
// → Conv 16 → pool → Conv 8 → pool → ConvT 16 → ConvT 1) on a batch of 128
// random images, without the optimizer, reporting samples/s (wall clock and
// per CPU second). The f32 variant sets Float32 on the stride-1 Conv2D
// layers.
func BenchmarkConvAEStep(b *testing.B) {
	b.Run("f64", func(b *testing.B) { benchConvAEStep(b, false) })
	b.Run("f32", func(b *testing.B) { benchConvAEStep(b, true) })
}

func benchConvAEStep(b *testing.B, f32 bool) {
	rng := rand.New(rand.NewPCG(50, 1))
	net := nn.NewSequential([]nn.Layer{
		nn.NewConv2D(1, 28, 28, 16, 3, 1, 1, nn.ReLU, rng),
		nn.NewMaxPool2D(16, 28, 28, 2, 2),
		nn.NewConv2D(16, 14, 14, 8, 3, 1, 1, nn.ReLU, rng),
		nn.NewMaxPool2D(8, 14, 14, 2, 2),
		nn.NewConvTranspose2D(8, 7, 7, 16, 3, 2, 1, 1, nn.ReLU, rng),
		nn.NewConvTranspose2D(16, 14, 14, 1, 3, 2, 1, 1, nn.Sigmoid, rng),
	})
	for _, l := range net.Layers {
		if c, ok := l.(*nn.Conv2D); ok {
			c.Float32 = f32
		}
	}
	const batch = 128
	x := randDense(rng, batch, 784, 0, 1)
	dy := mat.NewDense(batch, 784, nil)
	step := func() {
		nn.ZeroGrad(net.Params())
		nn.MSEGrad(dy, net.Forward(x), x)
		net.BackwardParams(dy)
	}
	step()
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	for i := 0; i < b.N; i++ {
		step()
	}
	elapsed, cpu := time.Since(start), cpuTime()-cpu0
	b.ReportMetric(float64(b.N*batch)/elapsed.Seconds(), "samples/s")
	if cpu > 0 {
		b.ReportMetric(float64(b.N*batch)/cpu.Seconds(), "samples/cpu-s")
	}
}

// BenchmarkMaxPool2D measures Forward and Backward of 2×2 pooling on 16
// channels of 28×28 for 4 images, the size of one micro-batch of ae's
// convolutional autoencoder.
func BenchmarkMaxPool2D(b *testing.B) {
	rng := rand.New(rand.NewPCG(50, 2))
	p := nn.NewMaxPool2D(16, 28, 28, 2, 2)
	p.Serial = true
	x := randDense(rng, 4, p.InSize(), -1, 1)
	dy := randDense(rng, 4, p.OutSize(), -1, 1)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.Forward(x)
		p.Backward(dy)
	}
	b.ReportMetric(float64(b.N*4)/b.Elapsed().Seconds(), "samples/s")
}
