package interp

import (
	"errors"
	"io"
	"sync"
	"time"
	"unicode/utf8"
)

// ErrNoStdin is returned by reads from os.Stdin (and fmt.Scan...) in a cell
// whose request did not allow input.
var ErrNoStdin = errors.New("stdin is not available: the front end did not allow input for this cell (allow_stdin is false)")

// stdin is what cells see as os.Stdin and what fmt.Scan reads: each read
// that finds its buffer empty asks the running cell's emitter for a line
// (input_request). It implements io.RuneScanner so that fmt.Fscan does not
// read past the value it scans.
type stdin struct {
	s *Session

	mu      sync.Mutex
	buf     []byte
	lastLen int  // size of the last rune read, for UnreadRune; -1 if none
	last    rune // the last rune read
}

// reset drops what a previous cell left unread.
func (in *stdin) reset() {
	in.mu.Lock()
	in.buf = nil
	in.lastLen = -1
	in.mu.Unlock()
}

// fill asks for a line when the buffer is empty. in.mu is held.
func (in *stdin) fill() error {
	if len(in.buf) > 0 {
		return nil
	}
	c := in.s.current()
	if c == nil || !c.req.AllowStdin {
		return ErrNoStdin
	}
	in.mu.Unlock()
	line, err := c.out.Input("", false)
	if err != nil && c.ctx != nil && c.ctx.Err() != nil {
		// Interrupted: Input returns at once, before the session has
		// stopped the interpreter. Hold the reader until it has, so that
		// the code after the read never runs.
		select {
		case <-in.s.co.context().Done():
		case <-time.After(2 * time.Second):
		}
	}
	in.mu.Lock()
	if err != nil {
		return err
	}
	in.buf = append(in.buf, line...)
	in.buf = append(in.buf, '\n')
	return nil
}

// Read implements io.Reader.
func (in *stdin) Read(p []byte) (int, error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if len(p) == 0 {
		return 0, nil
	}
	if err := in.fill(); err != nil {
		return 0, err
	}
	n := copy(p, in.buf)
	in.buf = in.buf[n:]
	in.lastLen = -1
	return n, nil
}

// ReadRune implements io.RuneReader.
func (in *stdin) ReadRune() (rune, int, error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if err := in.fill(); err != nil {
		return 0, 0, err
	}
	r, size := utf8.DecodeRune(in.buf)
	in.buf = in.buf[size:]
	in.lastLen = size
	in.last = r
	return r, size, nil
}

// UnreadRune implements io.RuneScanner.
func (in *stdin) UnreadRune() error {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.lastLen < 0 {
		return errors.New("stdin: UnreadRune without ReadRune")
	}
	var b [utf8.UTFMax]byte
	n := utf8.EncodeRune(b[:], in.last)
	in.buf = append(b[:n:n], in.buf...)
	in.lastLen = -1
	return nil
}

var _ io.RuneScanner = (*stdin)(nil)
