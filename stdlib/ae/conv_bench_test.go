package ae_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/gokernel/gokernel/stdlib/ae"
	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

// convBenchConfig is the network of BenchmarkFit/conv16x8 and of
// bench/convae_peers.py: 1×28×28 → Conv 16 3×3 ReLU → pool 2 → Conv 8 3×3
// ReLU → pool 2 (8×7×7) → ConvT 16 3×3 stride 2 ReLU → ConvT 1 3×3 stride 2
// Sigmoid, squared error.
var convBenchConfig = ae.ConvConfig{Filters: []int{16, 8}, Hidden: nn.ReLU, Output: nn.Sigmoid, Seed: 1}

// benchmarkFitConv trains the conv16x8 network for one epoch of x per
// iteration with Adam (lr 1e-3) on batches of 128, reporting the metrics of
// BenchmarkFit. It runs as BenchmarkFit/conv16x8 (the default float32
// products), and in float64 as BenchmarkFit/conv16x8-f64.
func benchmarkFitConv(b *testing.B, x *mat.Dense, prec ae.Precision) {
	rows, cols := x.Dims()
	cfg := convBenchConfig
	cfg.Precision = prec
	m := ae.NewConv(cfg)
	opts := ae.FitOptions{Epochs: 1, Batch: 128, LR: 1e-3}
	if _, err := m.Fit(x.Slice(0, 1280, 0, cols).(*mat.Dense), opts); err != nil {
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
}
