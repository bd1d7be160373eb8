package nn

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestExpClampedAccuracy(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	worst := 0.0
	check := func(x float64) {
		got, want := expClamped(x), math.Exp(x)
		if rel := math.Abs(got-want) / want; rel > worst || math.IsNaN(rel) {
			worst = rel
			if !(rel < 1e-15) {
				t.Errorf("exp(%v) = %v, want %v (rel err %.3g)", x, got, want, rel)
			}
		}
	}
	for i := 0; i < 200000; i++ {
		check(expMin + (expMax-expMin)*rng.Float64())
		check(-2 + 4*rng.Float64())
	}
	for _, x := range []float64{0, 1, -1, math.Ln2, expMax, expMin, 1e-300, -1e-300, 0.5 * math.Ln2 / 32} {
		check(x)
	}
	t.Logf("worst relative error %.3g", worst)
	if got := expClamped(1000); got != expClamped(expMax) {
		t.Errorf("exp(1000) = %v, want the clamped exp(708)", got)
	}
	if !math.IsNaN(expClamped(math.NaN())) || !math.IsNaN(fastSigmoid(math.NaN())) {
		t.Error("NaN does not propagate")
	}
	if fastSigmoid(math.Inf(1)) != 1 || fastSigmoid(math.Inf(-1)) > 1e-307 {
		t.Error("sigmoid of ±Inf is not 1 and about 0")
	}
}

func TestFastSigmoidAccuracy(t *testing.T) {
	for z := -40.0; z <= 40; z += 0.001 {
		got, want := fastSigmoid(z), sigmoid(z)
		if rel := math.Abs(got-want) / want; rel > 1e-15 {
			t.Fatalf("sigmoid(%v) = %v, want %v (rel err %.3g)", z, got, want, rel)
		}
	}
}

func BenchmarkExp(b *testing.B) {
	xs := make([]float64, 4096)
	rng := rand.New(rand.NewPCG(1, 1))
	for i := range xs {
		xs[i] = -10 + 20*rng.Float64()
	}
	ys := make([]float64, len(xs))
	b.Run("fast", func(b *testing.B) {
		for b.Loop() {
			for i, x := range xs {
				ys[i] = fastSigmoid(x)
			}
		}
		b.ReportMetric(float64(b.N*len(xs))/b.Elapsed().Seconds()/1e6, "Melem/s")
	})
	b.Run("math", func(b *testing.B) {
		for b.Loop() {
			for i, x := range xs {
				ys[i] = sigmoid(x)
			}
		}
		b.ReportMetric(float64(b.N*len(xs))/b.Elapsed().Seconds()/1e6, "Melem/s")
	})
}

// sigmoid is the reference logistic function built on math.Exp.
func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

func TestPositiveMask(t *testing.T) {
	for _, c := range []struct {
		z    float64
		want uint64
	}{
		{1, ^uint64(0)}, {5e-324, ^uint64(0)}, {math.Inf(1), ^uint64(0)},
		{0, 0}, {math.Copysign(0, -1), 0}, {-1, 0}, {-5e-324, 0}, {math.Inf(-1), 0},
	} {
		if got := positiveMask(c.z); got != c.want {
			t.Errorf("positiveMask(%v) = %#x, want %#x", c.z, got, c.want)
		}
	}
}

func TestBiasSigmoidMatchesFastSigmoid(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	z := make([]float64, 1000)
	b := make([]float64, 1000)
	for i := range z {
		z[i] = -800 + 1600*rng.Float64()
		if i%2 == 0 {
			z[i] /= 100
		}
		b[i] = rng.NormFloat64()
	}
	want := make([]float64, len(z))
	for i := range z {
		want[i] = fastSigmoid(z[i] + b[i])
	}
	out := make([]float64, len(z))
	zc := append([]float64(nil), z...)
	biasSigmoid(out, zc, b)
	for i := range z {
		if out[i] != want[i] || zc[i] != z[i]+b[i] {
			t.Fatalf("element %d: got (%v, %v), want (%v, %v)", i, zc[i], out[i], z[i]+b[i], want[i])
		}
	}
}

func BenchmarkBiasSigmoidRow(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	z := make([]float64, 784)
	bias := make([]float64, 784)
	for i := range z {
		z[i] = rng.NormFloat64() * 3
	}
	out := make([]float64, 784)
	b.Run("inlined", func(b *testing.B) {
		for b.Loop() {
			biasSigmoid(out, z, bias)
		}
		b.ReportMetric(float64(b.N*len(z))/b.Elapsed().Seconds()/1e6, "Melem/s")
	})
	b.Run("call", func(b *testing.B) {
		for b.Loop() {
			biasActivate(Sigmoid, out, z, bias)
		}
		b.ReportMetric(float64(b.N*len(z))/b.Elapsed().Seconds()/1e6, "Melem/s")
	})
}
