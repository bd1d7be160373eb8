package run

import (
	"bufio"
	"context"
	"errors"
	"io"
	"maps"
	"strings"
	"sync"

	"github.com/gokernel/gokernel/kernel"
)

// errNoStdin is what Input returns when the run allows no input.
var errNoStdin = errors.New("run: input is not available here (no stdin)")

// sink receives the outputs of cells: a notebook's outputs list, the
// terminal, or both.
type sink interface {
	stream(name, text string)
	display(data, metadata kernel.MIMEBundle, displayID string, update bool)
	clear(wait bool)
	result(count int, data, metadata kernel.MIMEBundle)
}

// emitter is the kernel.Emitter of one cell. It serialises the cell's
// outputs; Input is served from a shared line reader.
type emitter struct {
	ctx   context.Context
	mu    *sync.Mutex
	count int
	sinks []sink
	input *lineInput
	echo  io.Writer // where input prompts go
}

var _ kernel.Emitter = (*emitter)(nil)

func (e *emitter) Stream(name, text string) {
	if name != "stderr" {
		name = "stdout"
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, s := range e.sinks {
		s.stream(name, text)
	}
}

func (e *emitter) Display(data, metadata kernel.MIMEBundle, displayID string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, s := range e.sinks {
		s.display(data, metadata, displayID, false)
	}
}

func (e *emitter) UpdateDisplay(data, metadata kernel.MIMEBundle, displayID string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, s := range e.sinks {
		s.display(data, metadata, displayID, true)
	}
}

func (e *emitter) ClearOutput(wait bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, s := range e.sinks {
		s.clear(wait)
	}
}

func (e *emitter) Result(data, metadata kernel.MIMEBundle) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, s := range e.sinks {
		s.result(e.count, data, metadata)
	}
}

func (e *emitter) Input(prompt string, password bool) (string, error) {
	if e.input == nil {
		return "", errNoStdin
	}
	e.mu.Lock()
	io.WriteString(e.echo, prompt)
	e.mu.Unlock()
	return e.input.readLine(e.ctx)
}

// lineInput hands out lines of a reader to input requests. A read still
// pending when its cell is interrupted is kept for the next request.
type lineInput struct {
	lines chan lineOrErr
	once  sync.Once
	r     *bufio.Reader
}

type lineOrErr struct {
	line string
	err  error
}

func newLineInput(r io.Reader) *lineInput {
	if r == nil {
		return nil
	}
	return &lineInput{lines: make(chan lineOrErr, 1), r: bufio.NewReader(r)}
}

func (li *lineInput) readLine(ctx context.Context) (string, error) {
	go li.once.Do(li.readLoop)
	select {
	case l, ok := <-li.lines:
		if !ok {
			return "", io.EOF
		}
		return l.line, l.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// readLoop reads lines on demand: one line ahead at most.
func (li *lineInput) readLoop() {
	for {
		s, err := li.r.ReadString('\n')
		s = strings.TrimRight(s, "\r\n")
		if err == io.EOF && s != "" {
			err = nil
		}
		li.lines <- lineOrErr{s, err}
		if err != nil {
			close(li.lines)
			return
		}
	}
}

// copyBundle turns a MIME bundle into the plain map nbformat stores.
func copyBundle(b kernel.MIMEBundle) map[string]any {
	if b == nil {
		return map[string]any{}
	}
	return maps.Clone(map[string]any(b))
}
