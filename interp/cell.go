package interp

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/gokernel/gokernel/kernel"
	yaegi "github.com/traefik/yaegi/interp"
)

// Phases of a cell goroutine, for the interrupt protocol.
const (
	phaseCompiling = iota // parsing, rewriting or compiling: no Execute runs
	phaseExecuting        // inside yaegi's Execute
)

// cell is one execution of a cell.
type cell struct {
	req  kernel.ExecuteRequest
	out  kernel.Emitter
	ctx  context.Context // the request's context: cancelled on interrupt
	n    int             // execution count, names the cell in positions
	id   int64           // unique in the session
	done chan struct{}   // closed when the cell goroutine ends
	gone chan struct{}   // closed when a goroutine of the cell panicked

	mu          sync.Mutex
	goid        uint64
	phase       int
	interrupted bool
	err         *kernel.Error
	data, md    map[string]any // the result, if any
	extras      map[string]any
	userExpr    map[string]any
	goneOnce    sync.Once
	replied     bool         // Execute has made its reply
	atPos       atomic.Int64 // line<<20 | column of the running top-level statement
}

// setAt records the position of the top-level statement that starts.
func (c *cell) setAt(line, col int) { c.atPos.Store(int64(line)<<20 | int64(col&(1<<20-1))) }

// at returns the position recorded by setAt, or 0, 0.
func (c *cell) at() (line, col int) {
	v := c.atPos.Load()
	return int(v >> 20), int(v & (1<<20 - 1))
}

var cellSeq atomic.Int64

func newCell(ctx context.Context, req kernel.ExecuteRequest, out kernel.Emitter) *cell {
	return &cell{ctx: ctx, req: req, out: out, n: req.Count, id: cellSeq.Add(1), done: make(chan struct{}), gone: make(chan struct{})}
}

// exec runs prog unless the cell was interrupted; it reports whether the
// cell may go on.
func (c *cell) exec(s *Session, prog *yaegi.Program) bool {
	c.mu.Lock()
	if c.interrupted || c.err != nil {
		c.mu.Unlock()
		return false
	}
	c.phase = phaseExecuting
	c.mu.Unlock()
	_, err := s.yi.Execute(prog)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.phase = phaseCompiling
	if c.interrupted || c.err != nil {
		return false
	}
	if err != nil {
		c.err = s.errorOf(err)
		return false
	}
	return true
}

// fail records err as the cell's error unless it already has one.
func (c *cell) fail(err *kernel.Error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		c.err = err
	}
}

// failFromGoroutine records the panic of a goroutine as the cell's error
// and asks Execute to stop the cell. It returns false when Execute has
// already made its reply.
func (c *cell) failFromGoroutine(e *kernel.Error) bool {
	c.mu.Lock()
	if c.replied {
		c.mu.Unlock()
		return false
	}
	if c.err == nil || c.err.Name == ErrInterrupted {
		c.err = e
	}
	c.mu.Unlock()
	c.goneOnce.Do(func() { close(c.gone) })
	return true
}

func (c *cell) setResult(data, md map[string]any) {
	c.mu.Lock()
	c.data, c.md = data, md
	c.mu.Unlock()
}

func (c *cell) addExtra(mime string, v any) {
	c.mu.Lock()
	if c.extras == nil {
		c.extras = map[string]any{}
	}
	c.extras[mime] = v
	c.mu.Unlock()
}

func (c *cell) takeExtras() map[string]any {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.extras
	c.extras = nil
	return e
}
