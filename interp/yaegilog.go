package interp

import (
	"io"
	"log"
	"sync"
	"sync/atomic"
)

// yaegi reports some of its internal failures with log.Panic on the
// standard logger ("nil type" for a range over an int or some generic
// code): the logger prints a dated line to the process's stderr, which the
// session captures into the cell's stderr, and then panics; the session
// turns the panic into the cell's error. While sessions exist, the standard
// logger writes through compileLog, which drops the lines written by a
// goroutine that is compiling a cell: only yaegi writes there. Every other
// line (compiled code, log.Default() in a cell) passes unchanged. A cell's
// log.Println goes through yaegi's own logger on the interpreter's stderr
// and is not affected.

// logFilter is the standard logger's output while a session exists.
type logFilter struct {
	w         io.Writer // the output it replaced
	active    atomic.Int32
	mu        sync.Mutex
	compiling map[uint64]int // goroutine id -> nesting
}

// Write implements io.Writer.
func (f *logFilter) Write(p []byte) (int, error) {
	if f.active.Load() > 0 && f.isCompiling(goid()) {
		return len(p), nil
	}
	return f.w.Write(p)
}

func (f *logFilter) isCompiling(id uint64) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.compiling[id] > 0
}

// enter marks goroutine id as compiling until leave.
func (f *logFilter) enter(id uint64) {
	f.mu.Lock()
	f.compiling[id]++
	f.mu.Unlock()
	f.active.Add(1)
}

func (f *logFilter) leave(id uint64) {
	f.active.Add(-1)
	f.mu.Lock()
	if f.compiling[id]--; f.compiling[id] <= 0 {
		delete(f.compiling, id)
	}
	f.mu.Unlock()
}

var (
	compileLog = &logFilter{compiling: map[uint64]int{}}
	logRefsMu  sync.Mutex
	logRefs    int
)

// acquireLogFilter installs compileLog as the standard logger's output
// when the first session starts.
func acquireLogFilter() {
	logRefsMu.Lock()
	defer logRefsMu.Unlock()
	if logRefs++; logRefs == 1 && log.Writer() != io.Writer(compileLog) {
		compileLog.w = log.Writer()
		log.SetOutput(compileLog)
	}
}

// releaseLogFilter gives the standard logger its output back when the last
// session closes, unless someone has replaced compileLog meanwhile.
func releaseLogFilter() {
	logRefsMu.Lock()
	defer logRefsMu.Unlock()
	if logRefs--; logRefs == 0 && log.Writer() == io.Writer(compileLog) {
		log.SetOutput(compileLog.w)
	}
}
