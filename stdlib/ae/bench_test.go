package ae_test

import (
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/stdlib/ae"
	_ "github.com/gokernel/gokernel/stdlib/backend"
	"github.com/gokernel/gokernel/stdlib/data"
	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

// peakRSS returns the process's peak resident set size in MB (VmHWM), or 0
// where /proc is not available.
func peakRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// BenchmarkFit trains for one epoch of the 60 000 MNIST training digits per
// iteration with Adam (lr 1e-3) on batches of 128, reporting samples/s
// (wall clock and per CPU second of the process, which a loaded machine
// disturbs less), allocations per step (steady state: the model is warmed up first; the
// few allocations of each Fit call are included) and the peak RSS.
func BenchmarkFit(b *testing.B) {
	train, _, err := data.MNIST()
	if err != nil {
		b.Fatal(err)
	}
	x := train.X
	rows, _ := x.Dims()
	for _, c := range []struct {
		name string
		cfg  ae.Config
	}{
		{"mlp784x128", ae.Config{Sizes: []int{784, 128}, Hidden: nn.ReLU, Output: nn.Sigmoid}},
		{"mlp784x128-f64", ae.Config{Sizes: []int{784, 128}, Hidden: nn.ReLU, Output: nn.Sigmoid, Precision: ae.Float64}},
		{"deep784x256x64", ae.Config{Sizes: []int{784, 256, 64}, Hidden: nn.ReLU, Output: nn.Sigmoid}},
		{"sparse784x128", ae.Config{Sizes: []int{784, 128}, Hidden: nn.ReLU, Output: nn.Sigmoid, Sparsity: 0.05}},
		{"denoising784x128", ae.Config{Sizes: []int{784, 128}, Hidden: nn.ReLU, Output: nn.Sigmoid, Noise: ae.Masking(0.25)}},
		{"gaussian784x128", ae.Config{Sizes: []int{784, 128}, Hidden: nn.ReLU, Output: nn.Sigmoid, Noise: ae.Gaussian(0.3)}},
		{"contractive784x128", ae.Config{Sizes: []int{784, 128}, Hidden: nn.Sigmoid, Output: nn.Sigmoid, Contractive: 0.1}},
		{"tied784x128", ae.Config{Sizes: []int{784, 128}, Hidden: nn.ReLU, Output: nn.Sigmoid, Tied: true}},
	} {
		b.Run(c.name, func(b *testing.B) {
			c.cfg.Seed = 1
			m := ae.New(c.cfg)
			opts := ae.FitOptions{Epochs: 1, Batch: 128, LR: 1e-3}
			if _, err := m.Fit(x.Slice(0, 1280, 0, 784).(*mat.Dense), opts); err != nil {
				b.Fatal(err)
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			b.ResetTimer()
			start, cpu0 := time.Now(), processCPU()
			for i := 0; i < b.N; i++ {
				if _, err := m.Fit(x, opts); err != nil {
					b.Fatal(err)
				}
			}
			elapsed, cpu := time.Since(start), (processCPU() - cpu0).Seconds()
			b.StopTimer()
			runtime.ReadMemStats(&after)
			steps := b.N * ((rows + 127) / 128)
			b.ReportMetric(float64(b.N*rows)/elapsed.Seconds(), "samples/s")
			if cpu > 0 {
				b.ReportMetric(float64(b.N*rows)/cpu, "samples/cpu-s")
			}
			b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(steps), "allocs/step")
			b.ReportMetric(peakRSS(), "peakRSS-MB")
		})
	}
	b.Run("conv16x8", func(b *testing.B) { benchmarkFitConv(b, x, ae.Float32) })
	b.Run("conv16x8-f64", func(b *testing.B) { benchmarkFitConv(b, x, ae.Float64) })
}

// BenchmarkCorrupt corrupts one 128×784 batch per iteration, reporting
// corrupted components per second.
func BenchmarkCorrupt(b *testing.B) {
	x := mat.NewDense(128, 784, nil)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 128; i++ {
		for j := 0; j < 784; j++ {
			x.Set(i, j, rng.Float64())
		}
	}
	dst := mat.NewDense(128, 784, nil)
	for _, c := range []struct {
		name string
		n    ae.Noise
	}{{"gaussian", ae.Gaussian(0.3)}, {"masking", ae.Masking(0.25)}, {"saltpepper", ae.SaltAndPepper(0.2)}} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				c.n.Corrupt(dst, x, rng)
			}
			b.ReportMetric(float64(b.N)*128*784/b.Elapsed().Seconds(), "values/s")
		})
	}
}
