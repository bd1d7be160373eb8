package nn

import (
	"runtime"
	"sync"
)

// A large pass (the image layers' batches; Dense passes only when tests
// lower denseMinSplit) is split between the calling goroutine and one
// helper goroutine, started on first use and kept for the life of the
// process. The hand-off goes through a channel of plain structs and a
// method value bound once per layer, so it allocates nothing.

// minSplit is the number of elements below which a pass stays on one
// goroutine: under it the hand-off (a few µs) costs more than it saves.
var minSplit = 1 << 16

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

// splitter runs passes over [0, n) on two goroutines.
type splitter struct {
	done chan struct{}
}

// split runs f(0, n) or, when work (the number of elements touched) is
// large and more than one processor is available, f(0, n/2) here and
// f(n/2, n) on the helper. f must not itself call split.
func (s *splitter) split(n, work int, f func(lo, hi int)) {
	if work < minSplit || n < 2 || runtime.GOMAXPROCS(0) < 2 {
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
