package nn

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestFastLogAccuracy(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	worst := 0.0
	check := func(x float64) {
		got, want := fastLog(x), math.Log(x)
		if want == 0 {
			if got != 0 {
				t.Errorf("log(%v) = %v, want 0", x, got)
			}
			return
		}
		rel := math.Abs(got-want) / math.Abs(want)
		if rel > worst || math.IsNaN(rel) {
			worst = rel
			if !(rel < 1e-15) {
				t.Errorf("log(%v) = %v, want %v (rel err %.3g)", x, got, want, rel)
			}
		}
	}
	for i := 0; i < 300000; i++ {
		check(math.Exp(-700 * rng.Float64()))  // log-uniform in (e^-700, 1]
		check(1 + (rng.Float64()-0.5)*1e-3)    // near 1
		check(1 - math.Exp(-28*rng.Float64())) // 1-p for small p
		check(math.Exp(700 * rng.Float64()))   // large
		check(0.5 + rng.Float64())             // around the table
	}
	for _, x := range []float64{1, 2, 0.5, math.Sqrt2, math.Sqrt2 / 2, 1e-12, 1 - 1e-12, math.MaxFloat64, 2.2250738585072014e-308, math.E} {
		check(x)
	}
	t.Logf("worst relative error %.3g", worst)
}

func BenchmarkLog(b *testing.B) {
	xs := make([]float64, 4096)
	rng := rand.New(rand.NewPCG(1, 1))
	for i := range xs {
		xs[i] = 0.01 + 0.98*rng.Float64()
	}
	var sink float64
	b.Run("fast", func(b *testing.B) {
		for b.Loop() {
			for _, x := range xs {
				sink += fastLog(x)
			}
		}
		b.ReportMetric(float64(b.N*len(xs))/b.Elapsed().Seconds()/1e6, "Melem/s")
	})
	b.Run("math", func(b *testing.B) {
		for b.Loop() {
			for _, x := range xs {
				sink += math.Log(x)
			}
		}
		b.ReportMetric(float64(b.N*len(xs))/b.Elapsed().Seconds()/1e6, "Melem/s")
	})
	_ = sink
}

func TestBCERowMatchesFastLog(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	p := make([]float64, 999)
	tg := make([]float64, len(p))
	for i := range p {
		p[i] = rng.Float64()
		tg[i] = rng.Float64()
	}
	p[0], p[1], p[2] = 0, 1, 1e-300
	var want float64
	for i, v := range p {
		v = clampProb(v)
		want -= float64(tg[i]*fastLog(v)) + float64((1-tg[i])*fastLog(1-v))
	}
	if got := bceRow(p, tg); got != want {
		t.Errorf("bceRow = %v, want %v", got, want)
	}
}
