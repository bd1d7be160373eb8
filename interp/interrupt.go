package interp

import (
	"bytes"
	"context"
	"runtime"
	"strconv"
	"sync/atomic"
	"time"
)

// The interrupt technique ("parked sentinel + cooperation", measured in
// shared/reference/yaegi.md §2.5.1) works on the unmodified yaegi module:
//
//  1. Before a cell runs, a tiny program (_gkrt.Park()) is started with
//     ExecuteWithContext and parks inside a compiled function. This arms
//     yaegi's stop machinery: a fresh done channel, which every frame the
//     cell creates captures, and cancellable channel operations.
//  2. The cell itself is compiled and executed with plain Execute on a
//     goroutine the session owns, so the session sees when it really ends.
//  3. On interrupt, once the cell is past the point where Execute resets
//     the run id (its stack shows the interpreter's run loop) or will not
//     execute at all, the sentinel's context is cancelled: yaegi bumps its
//     run id and closes the done channel, and every interpreted step and
//     channel operation of the cell and of the goroutines it started stops.
//     Only then is the cooperative generation cancelled, which wakes
//     time.Sleep, WaitGroup.Wait and library code polling
//     stdlib/session.Context.
//  4. The session waits for the cell goroutine to end before anything else
//     touches the interpreter: an Execute while the cell is stopping would
//     reset the run id and revive the stopped code.

// sentinel is one parked program.
type sentinel struct {
	parked   chan struct{} // closed by Park
	release  chan struct{} // closed to let Park return
	returned chan struct{} // closed when ExecuteWithContext returned
	cancel   context.CancelFunc
	goid     atomic.Uint64 // goroutine running Park
	err      error
}

// startSentinel runs the sentinel and waits until it is parked.
func (s *Session) startSentinel() (*sentinel, error) {
	sen := &sentinel{parked: make(chan struct{}), release: make(chan struct{}), returned: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	sen.cancel = cancel
	s.sen.Store(sen)
	go func() {
		_, err := s.yi.ExecuteWithContext(ctx, s.parkProg)
		sen.err = err
		close(sen.returned)
	}()
	select {
	case <-sen.parked:
		return sen, nil
	case <-sen.returned:
		cancel()
		return nil, sen.err
	}
}

// park is _gkrt.Park: it blocks the sentinel until it is released.
func (s *Session) park() {
	sen := s.sen.Load()
	if sen == nil {
		return
	}
	sen.goid.Store(goid())
	close(sen.parked)
	<-sen.release
}

// endSentinel lets the sentinel return and waits until yaegi's goroutine
// running it is gone, so that nothing of it overlaps the next cell.
func (s *Session) endSentinel(sen *sentinel, cancelled bool) {
	close(sen.release)
	if !cancelled {
		<-sen.returned
		sen.cancel()
		return
	}
	<-sen.returned
	id := sen.goid.Load()
	deadline := time.Now().Add(2 * time.Second)
	for goroutineStack(id) != nil && time.Now().Before(deadline) {
		time.Sleep(100 * time.Microsecond)
	}
}

// goid returns the id of the calling goroutine.
func goid() uint64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		n, _ := strconv.ParseUint(string(b[:i]), 10, 64)
		return n
	}
	return 0
}

// goroutineStack returns the stack of goroutine id, or nil if it is gone.
func goroutineStack(id uint64) []byte {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	head := []byte("goroutine " + strconv.FormatUint(id, 10) + " [")
	i := bytes.Index(buf, head)
	if i < 0 {
		return nil
	}
	rest := buf[i:]
	if j := bytes.Index(rest, []byte("\n\n")); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// inRunLoop reports whether goroutine id is inside yaegi's run loop, that
// is, past the point where Execute sets the run id of the global frame.
func inRunLoop(id uint64) bool {
	return bytes.Contains(goroutineStack(id), []byte(".(*Interpreter).run("))
}
