package pca

import (
	"fmt"
	"math"
	"os"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/gokernel/gokernel/stdlib/data"
)

// TestMNISTGolden reproduces the PCA errors of the course notes (science.md
// §3): PCA fitted on the 60 000 training digits, mean squared error summed
// over 784 pixels per test image. It takes a few seconds (mostly reading
// MNIST), so it runs by default; -short skips it.
func TestMNISTGolden(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	if _, err := data.MNISTDir(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("MNIST not available under CI: %v", err)
		}
		t.Skipf("MNIST not available: %v", err)
	}
	train, test := data.MustMNIST()
	p := Fit(train.X, 50)
	if s := floats.Sum(p.Variances); math.Abs(s-52.725) > 0.0005 {
		t.Errorf("total training variance %.4f, want 52.725", s)
	}
	for _, c := range []struct {
		k    int
		want float64
	}{{2, 43.645}, {6, 32.651}, {18, 19.694}, {30, 13.866}, {50, 9.004}} {
		q := p.WithK(c.k)
		got := q.Error(test.X)
		if math.Abs(got-c.want) > 0.01 {
			t.Errorf("k=%d: test error %.4f, want %.3f", c.k, got, c.want)
		}
		// On the training set the error is the trailing eigenvalue sum.
		if c.k == 30 {
			if tr, r := q.Error(train.X), q.ResidualVariance(); math.Abs(tr-r) > 1e-8*r {
				t.Errorf("k=30 training error %.6f, trailing variance %.6f", tr, r)
			}
		}
		t.Logf("k=%d test error %.4f (golden %.3f)", c.k, got, c.want)
	}
}

func BenchmarkFit(b *testing.B) {
	if _, err := data.MNISTDir(); err != nil {
		b.Skipf("MNIST not available: %v", err)
	}
	train, _ := data.MustMNIST()
	n, _ := train.X.Dims()
	const k = 30
	b.Run(fmt.Sprintf("mnist%dk%d", n, k), func(b *testing.B) {
		for b.Loop() {
			Fit(train.X, k)
		}
		b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
		b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/fit")
	})
}

func BenchmarkError(b *testing.B) {
	if _, err := data.MNISTDir(); err != nil {
		b.Skipf("MNIST not available: %v", err)
	}
	train, test := data.MustMNIST()
	p := Fit(train.X.Slice(0, 10000, 0, 784).(*mat.Dense), 30)
	n, _ := test.X.Dims()
	for b.Loop() {
		p.Error(test.X)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
}
