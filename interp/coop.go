package interp

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// generation is the cooperative side of an interrupt: compiled code that
// waits (time.Sleep, sync.WaitGroup.Wait as seen by cells) or loops
// (library code polling stdlib/session.Context) watches the context of the
// current generation. An interrupt cancels it, after yaegi's own stop, and
// the next cell starts a new one. A generation outlives its cell, so a
// goroutine of an earlier cell that sleeps is woken by the next interrupt.
type generation struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func newGeneration() *generation {
	ctx, cancel := context.WithCancel(context.Background())
	return &generation{ctx, cancel}
}

// coop holds the current generation.
type coop struct {
	gen atomic.Pointer[generation]
}

func (c *coop) init() { c.gen.Store(newGeneration()) }

// context returns the context of the current generation.
func (c *coop) context() context.Context { return c.gen.Load().ctx }

// renew starts a new generation if the current one was interrupted.
func (c *coop) renew() {
	if g := c.gen.Load(); g.ctx.Err() != nil {
		c.gen.Store(newGeneration())
	}
}

// interrupt cancels the current generation.
func (c *coop) interrupt() { c.gen.Load().cancel() }

// sleep is time.Sleep for cells: it returns early on an interrupt.
func (c *coop) sleep(d time.Duration) {
	if d <= 0 {
		return
	}
	ctx := c.context()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// WaitGroup replaces sync.WaitGroup in cells: the same methods, but Wait
// also returns when the cell is interrupted, so that an interrupt is not
// stuck in a compiled wait. Its zero value is ready to use.
type WaitGroup struct {
	mu   sync.Mutex
	n    int
	zero chan struct{} // closed when n drops to 0; nil while n == 0
}

// waitCoop is the coop of the session that registered WaitGroup last.
var waitCoop atomic.Pointer[coop]

// Add adds delta, which may be negative, to the counter. It panics if the
// counter becomes negative, like sync.WaitGroup.
func (wg *WaitGroup) Add(delta int) {
	wg.mu.Lock()
	defer wg.mu.Unlock()
	wg.n += delta
	switch {
	case wg.n < 0:
		panic("sync: negative WaitGroup counter")
	case wg.n == 0:
		if wg.zero != nil {
			close(wg.zero)
			wg.zero = nil
		}
	case wg.zero == nil:
		wg.zero = make(chan struct{})
	}
}

// Done decrements the counter by one.
func (wg *WaitGroup) Done() { wg.Add(-1) }

// Wait blocks until the counter is zero or the running cell is
// interrupted.
func (wg *WaitGroup) Wait() {
	wg.mu.Lock()
	ch := wg.zero
	wg.mu.Unlock()
	if ch == nil {
		return
	}
	var done <-chan struct{}
	if c := waitCoop.Load(); c != nil {
		done = c.context().Done()
	}
	select {
	case <-ch:
	case <-done:
	}
}
