package interp

import (
	"bytes"
	"context"
	"runtime"
	"strconv"
)

// The interrupt technique ("parked sentinel + cooperation", measured in
// shared/reference/yaegi.md §2.5.1) works on the unmodified yaegi module:
//
//  1. Before a cell runs, a tiny program (_gkrt.Park()) is started with
//     ExecuteWithContext and parks inside a compiled function. This arms
//     yaegi's stop machinery: a fresh done channel, which every frame the
//     cell creates captures, and cancellable channel operations. A
//     sentinel that was not cancelled stays parked after its cell and
//     serves the next cells (Session.idle): yaegi's done channel is still
//     open and armed, and a cell costs no sentinel start and release (four
//     goroutine handoffs and two goroutine starts, measurable in the
//     Jupyter round trip). Only an interrupt uses a sentinel up.
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
	err      error
}

// cellSentinel returns the parked sentinel kept by the last cell, or
// starts one. The cell owns it until it ends: then Execute gives it back
// with keepSentinel, or an interrupt uses it up.
func (s *Session) cellSentinel() (*sentinel, error) {
	s.mu.Lock()
	sen := s.idle
	s.idle = nil
	s.mu.Unlock()
	if sen != nil {
		return sen, nil
	}
	return s.startSentinel()
}

// keepSentinel parks sen, whose cell ended without an interrupt, for the
// next cell; after Close it releases it instead.
func (s *Session) keepSentinel(sen *sentinel) {
	s.mu.Lock()
	closed := s.closed
	if !closed {
		s.idle = sen
	}
	s.mu.Unlock()
	if closed {
		s.endSentinel(sen, false)
	}
}

// releaseIdle ends the sentinel kept for the next cell (Close).
func (s *Session) releaseIdle() {
	s.mu.Lock()
	sen := s.idle
	s.idle = nil
	s.mu.Unlock()
	if sen != nil {
		s.endSentinel(sen, false)
	}
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
	close(sen.parked)
	<-sen.release
}

// endSentinel ends the sentinel of a cell. A sentinel that was not
// cancelled returns as any program. A cancelled one stays parked: when
// released, yaegi would go on with the end of its Execute on its own
// goroutine (reading the global frame) while the next cell runs, and the
// session cannot see when that goroutine ends. So it is kept, one parked
// goroutine per interrupt, until Close releases it.
func (s *Session) endSentinel(sen *sentinel, cancelled bool) {
	if cancelled {
		<-sen.returned
		s.mu.Lock()
		s.parked = append(s.parked, sen)
		s.mu.Unlock()
		return
	}
	close(sen.release)
	<-sen.returned
	sen.cancel()
}

// releaseParked lets the parked sentinels of interrupted cells return.
func (s *Session) releaseParked() {
	s.mu.Lock()
	p := s.parked
	s.parked = nil
	s.mu.Unlock()
	for _, sen := range p {
		close(sen.release)
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
