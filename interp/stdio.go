package interp

import (
	"bytes"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// streamSink receives captured text; kernel.Emitter satisfies it.
type streamSink interface {
	Stream(name, text string)
}

// capture owns file descriptors 1 and 2 of the process: both are pipes
// whose reading ends are copied, in order, to the sink (the emitter of the
// latest cell). There is one capture per process, shared by the sessions;
// it is undone when the last session closes.
type capture struct {
	origOut, origErr *os.File // dups of the original fd 1 and 2
	out, err         *pipe
	sink             atomic.Pointer[sinkBox]
}

type sinkBox struct{ s streamSink }

// pipe is one captured descriptor.
type pipe struct {
	name     string   // "stdout" or "stderr"
	fd       int      // 1 or 2
	w        *os.File // the writing end, also installed on fd
	r        *os.File
	c        *capture
	fallback *os.File // where text goes while there is no sink

	rmu  sync.Mutex // held while reading and handing over text
	held []byte     // bytes waiting for the rest of a rune or marker

	mu      sync.Mutex
	seq     uint64
	waiters map[uint64]chan struct{}
	done    chan struct{}
}

var (
	captureMu   sync.Mutex
	captureRefs int
	theCapture  *capture
)

// acquireCapture installs the capture on first use.
func acquireCapture() (*capture, error) {
	captureMu.Lock()
	defer captureMu.Unlock()
	if theCapture == nil {
		c, err := newCapture()
		if err != nil {
			return nil, err
		}
		theCapture = c
	}
	captureRefs++
	return theCapture, nil
}

// releaseCapture restores fd 1 and 2 when the last user is gone.
func releaseCapture() {
	captureMu.Lock()
	defer captureMu.Unlock()
	captureRefs--
	if captureRefs > 0 || theCapture == nil {
		return
	}
	theCapture.restore()
	theCapture = nil
}

func newCapture() (*capture, error) {
	c := &capture{}
	var err error
	if c.origOut, err = dupFile(1, "stdout-orig"); err != nil {
		return nil, err
	}
	if c.origErr, err = dupFile(2, "stderr-orig"); err != nil {
		c.origOut.Close()
		return nil, err
	}
	if c.out, err = c.newPipe("stdout", 1, c.origOut); err != nil {
		return nil, err
	}
	if c.err, err = c.newPipe("stderr", 2, c.origErr); err != nil {
		c.out.close(c.origOut)
		return nil, err
	}
	setCrashOutput(c.origErr)
	return c, nil
}

func (c *capture) newPipe(name string, fd int, fallback *os.File) (*pipe, error) {
	r, w, err := capturePipe()
	if err != nil {
		return nil, err
	}
	if err := dup2(int(w.Fd()), fd); err != nil {
		r.Close()
		w.Close()
		return nil, err
	}
	p := &pipe{name: name, fd: fd, w: w, r: r, c: c, fallback: fallback,
		waiters: map[uint64]chan struct{}{}, done: make(chan struct{})}
	go p.copy()
	return p, nil
}

// restore puts the original descriptors back and stops the copiers.
func (c *capture) restore() {
	c.sync(time.Second)
	setCrashOutput(nil)
	c.out.close(c.origOut)
	c.err.close(c.origErr)
}

func (p *pipe) close(orig *os.File) {
	_ = dup2(int(orig.Fd()), p.fd)
	p.w.Close()
	select {
	case <-p.done:
	case <-time.After(time.Second):
	}
}

// setSink makes s the destination of captured text; nil sends it to the
// original descriptors.
func (c *capture) setSink(s streamSink) {
	if s == nil {
		c.sink.Store(nil)
		return
	}
	c.sink.Store(&sinkBox{s})
}

// sync waits until everything written to fd 1 and 2 before the call has
// been handed to the sink. When both pipes are idle there is nothing to
// wait for; otherwise it writes a marker into each pipe and waits for the
// copier to reach it.
func (c *capture) sync(timeout time.Duration) {
	if c.out.idle() && c.err.idle() {
		return
	}
	a := c.out.mark()
	b := c.err.mark()
	t := time.NewTimer(timeout)
	defer t.Stop()
	for _, ch := range []chan struct{}{a, b} {
		select {
		case <-ch:
		case <-t.C:
			return
		}
	}
}

const markerPrefix = "\x00\x1bgksync:"

func (p *pipe) mark() chan struct{} {
	ch := make(chan struct{})
	p.mu.Lock()
	p.seq++
	id := p.seq
	p.waiters[id] = ch
	p.mu.Unlock()
	if _, err := fmt.Fprintf(p.w, "%s%d\x00", markerPrefix, id); err != nil {
		close(ch)
	}
	return ch
}

func (p *pipe) emit(b []byte) {
	if len(b) == 0 {
		return
	}
	if box := p.c.sink.Load(); box != nil {
		box.s.Stream(p.name, string(b))
		return
	}
	_, _ = p.fallback.Write(b)
}

// copy moves text from the pipe to the sink until the pipe is closed. It
// reads when the runtime's poller says the pipe is readable, and reads and
// hands over the text under rmu, so that idle can tell that nothing is in
// flight. It holds back an incomplete UTF-8 sequence or a possible marker
// prefix at the end of a read until more bytes arrive.
func (p *pipe) copy() {
	defer close(p.done)
	buf := make([]byte, 64<<10)
	rc, err := p.r.SyscallConn()
	for eof := err != nil; !eof; {
		err := rc.Read(func(fd uintptr) bool {
			p.rmu.Lock()
			defer p.rmu.Unlock()
			n, e := readFD(int(fd), buf)
			if isAgain(e) {
				return false
			}
			if n > 0 {
				p.held = p.process(append(p.held, buf[:n]...))
			} else {
				eof = true
			}
			return true
		})
		if err != nil {
			eof = true
		}
	}
	p.rmu.Lock()
	p.emit(p.held)
	p.held = nil
	p.rmu.Unlock()
	p.mu.Lock()
	for id, ch := range p.waiters {
		close(ch)
		delete(p.waiters, id)
	}
	p.mu.Unlock()
	p.r.Close()
}

// idle reports whether everything written to the pipe so far has been
// handed over: nothing is left in the pipe nor held back.
func (p *pipe) idle() bool {
	p.rmu.Lock()
	defer p.rmu.Unlock()
	if len(p.held) > 0 {
		return false
	}
	n, err := unread(p.r)
	return err == nil && n == 0
}

// process emits the complete text of data, handles markers, and returns
// what must wait for more bytes.
func (p *pipe) process(data []byte) []byte {
	for {
		i := bytes.IndexByte(data, 0)
		if i < 0 {
			break
		}
		rest := data[i:]
		if len(rest) < len(markerPrefix) && bytes.HasPrefix([]byte(markerPrefix), rest) {
			p.emit(data[:i])
			return append([]byte(nil), rest...)
		}
		if !bytes.HasPrefix(rest, []byte(markerPrefix)) {
			p.emit(data[:i+1])
			data = data[i+1:]
			continue
		}
		end := bytes.IndexByte(rest[len(markerPrefix):], 0)
		if end < 0 {
			p.emit(data[:i])
			return append([]byte(nil), rest...)
		}
		p.emit(data[:i])
		var id uint64
		fmt.Sscan(string(rest[len(markerPrefix):len(markerPrefix)+end]), &id)
		p.mu.Lock()
		if ch, ok := p.waiters[id]; ok {
			close(ch)
			delete(p.waiters, id)
		}
		p.mu.Unlock()
		data = rest[len(markerPrefix)+end+1:]
	}
	// Hold back an incomplete UTF-8 sequence at the end.
	cut := len(data)
	for k := 1; k <= 3 && k <= len(data); k++ {
		b := data[len(data)-k]
		if utf8.RuneStart(b) {
			if !utf8.FullRune(data[len(data)-k:]) {
				cut = len(data) - k
			}
			break
		}
	}
	p.emit(data[:cut])
	return append([]byte(nil), data[cut:]...)
}
