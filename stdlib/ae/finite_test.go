package ae

import (
	"math"
	"os"
	"testing"

	"github.com/gokernel/gokernel/stdlib/backend"
	"github.com/gokernel/gokernel/stdlib/nn"
)

// TestFiniteSliceFindsEveryBadValue puts NaN, +Inf and -Inf at every
// position of slices of several lengths (the unrolled body and the tail).
func TestFiniteSliceFindsEveryBadValue(t *testing.T) {
	for n := 0; n <= 11; n++ {
		s := make([]float64, n)
		for i := range s {
			s[i] = float64(i) - 3.5
		}
		if !finiteSlice(s) {
			t.Fatalf("n=%d: finite slice reported non-finite", n)
		}
		for i := range s {
			for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
				old := s[i]
				s[i] = bad
				if finiteSlice(s) {
					t.Errorf("n=%d: %v at %d not found", n, bad, i)
				}
				s[i] = old
			}
		}
	}
	big := []float64{math.MaxFloat64, -math.MaxFloat64, math.MaxFloat64, math.MaxFloat64, 1}
	if !finiteSlice(big) {
		t.Error("largest finite values reported non-finite")
	}
}

// TestFitHoldsThreads checks that Fit runs with FitOptions.Threads OpenBLAS
// threads (0 keeps the current count) and restores the previous count
// afterwards.
func TestFitHoldsThreads(t *testing.T) {
	if !backend.Native() {
		if os.Getenv("CI") != "" {
			t.Fatal("OpenBLAS not loaded under CI (.ci/run installs libopenblas-dev): " + backend.FallbackReason())
		}
		t.Skip("OpenBLAS not loaded")
	}
	old := backend.Threads()
	defer backend.SetThreads(old)
	backend.SetThreads(2)
	x := uniform(32, 6, 0, 1, 4)
	m := New(Config{Sizes: []int{6, 3}, Hidden: nn.ReLU, Output: nn.Sigmoid, Seed: 1})
	def := 2 // FitOptions.Threads 0 keeps the count set above
	for _, c := range []struct{ opt, want int }{{0, def}, {1, 1}, {2, 2}} {
		seen := 0
		_, err := m.Fit(x, FitOptions{Batch: 8, Threads: c.opt, OnBatch: func(Progress) { seen = backend.Threads() }})
		if err != nil {
			t.Fatal(err)
		}
		if seen != c.want {
			t.Errorf("Threads %d: %d OpenBLAS threads during Fit, want %d", c.opt, seen, c.want)
		}
		if got := backend.Threads(); got != 2 {
			t.Errorf("Threads %d: %d OpenBLAS threads after Fit, want 2 restored", c.opt, got)
		}
	}
	if _, err := m.Pretrain(x, FitOptions{Batch: 8, OnBatch: func(Progress) {
		if n := backend.Threads(); n != def {
			t.Errorf("%d OpenBLAS threads during Pretrain", n)
		}
	}}); err != nil {
		t.Fatal(err)
	}
}
