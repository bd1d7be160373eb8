package halves

import (
	"runtime"
	"sync/atomic"
	"testing"
)

// TestSplitCoversOnce checks that every index of [0, n) is visited exactly
// once, split or not, and that a split pass runs in two halves.
func TestSplitCoversOnce(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	}
	var s Splitter
	for _, c := range []struct {
		n, work, min, calls int
	}{
		{n: 10, work: 10, min: 100, calls: 1},   // too small
		{n: 1, work: 1000, min: 0, calls: 1},    // one element
		{n: 10, work: 1000, min: 100, calls: 2}, // split
		{n: 7, work: 7, min: 0, calls: 2},       // odd n
	} {
		seen := make([]int32, c.n)
		var calls atomic.Int32
		s.Split(c.n, c.work, c.min, func(lo, hi int) {
			calls.Add(1)
			for i := lo; i < hi; i++ {
				atomic.AddInt32(&seen[i], 1)
			}
		})
		for i, v := range seen {
			if v != 1 {
				t.Errorf("%+v: index %d visited %d times", c, i, v)
			}
		}
		if got := int(calls.Load()); got != c.calls {
			t.Errorf("%+v: f called %d times, want %d", c, got, c.calls)
		}
	}
}

// TestSplitOneProcessor checks that with GOMAXPROCS 1 the pass stays whole.
func TestSplitOneProcessor(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	var s Splitter
	calls := 0
	s.Split(100, 1000, 0, func(lo, hi int) {
		calls++
		if lo != 0 || hi != 100 {
			t.Errorf("f(%d, %d), want f(0, 100)", lo, hi)
		}
	})
	if calls != 1 {
		t.Errorf("f called %d times, want 1", calls)
	}
}

// TestSplitAllocatesNothing checks that a split pass allocates nothing once
// its Splitter has been used.
func TestSplitAllocatesNothing(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	}
	var s Splitter
	buf := make([]float64, 1000)
	f := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			buf[i]++
		}
	}
	s.Split(len(buf), len(buf), 0, f)
	if a := testing.AllocsPerRun(20, func() { s.Split(len(buf), len(buf), 0, f) }); a != 0 {
		t.Errorf("%v allocations per split pass", a)
	}
}
