package halves

import (
	"runtime"
	"sync"
)

// task is the second half of a pass: f(lo, hi), then a signal on done.
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

// Splitter runs passes over [0, n) on two goroutines. The zero value is
// ready to use; each owner (a layer, an optimizer) keeps its own.
type Splitter struct {
	done chan struct{}
}

// Split runs f(0, n) on the calling goroutine when work (the number of
// elements the pass touches) is below min, n < 2 or only one processor is
// available; otherwise it runs f(0, n/2) here and f(n/2, n) on the helper
// goroutine, and returns when both are done.
func (s *Splitter) Split(n, work, min int, f func(lo, hi int)) {
	if work < min || n < 2 || runtime.GOMAXPROCS(0) < 2 {
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
