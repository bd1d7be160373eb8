package optim

import (
	"math"
	"runtime"
	"sync"
)

// Element-wise passes over large parameters are split between the calling
// goroutine and one helper goroutine, started on first use and kept for the
// life of the process. Handing a half to the helper goes through a channel
// of plain structs, so it allocates nothing.

// minSplit is the number of elements below which a pass stays on one
// goroutine: under it the hand-off (a few µs) costs more than it saves.
// With the AVX kernel the pass is bound by memory, and splitting it was
// measured slower (830 against 1010 Mparams/s for a 784-128-784 net), so
// it is off; the scalar kernel gains from two goroutines (200 against 112).
var minSplit = func() int {
	if useAVX {
		return math.MaxInt
	}
	return 1 << 15
}()

// task is one half of a pass: f(lo, hi), then a signal on done.
type task struct {
	f      func(lo, hi int)
	lo, hi int
	done   chan struct{}
}

var (
	helperOnce sync.Once
	helperJobs chan task
)

func helper(jobs <-chan task) {
	for t := range jobs {
		t.f(t.lo, t.hi)
		t.done <- struct{}{}
	}
}

// splitter runs f over [0, n) on two goroutines when n is large and more
// than one processor is available. f must not itself call split.
type splitter struct {
	done chan struct{}
}

func (s *splitter) split(n int, f func(lo, hi int)) {
	if n < minSplit || runtime.GOMAXPROCS(0) < 2 {
		f(0, n)
		return
	}
	helperOnce.Do(func() {
		helperJobs = make(chan task)
		go helper(helperJobs)
	})
	if s.done == nil {
		s.done = make(chan struct{}, 1)
	}
	mid := n / 2
	helperJobs <- task{f: f, lo: mid, hi: n, done: s.done}
	f(0, mid)
	<-s.done
}
