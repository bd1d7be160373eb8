package interp

import (
	"errors"
	"fmt"
	"go/scanner"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/gokernel/gokernel/kernel"
	yaegi "github.com/traefik/yaegi/interp"
)

// Error names of failed cells (kernel.Error.Name).
const (
	ErrSyntax      = "SyntaxError"
	ErrCompile     = "CompileError"
	ErrPanic       = "panic"
	ErrInterrupted = "Interrupted"
	ErrInternal    = "InternalError"
)

// panicLine matches the lines yaegi prints for each interpreted frame a
// panic unwinds: "cell[3]/_.go:4:2: panic: main.bad(...)".
var panicLine = regexp.MustCompile(`^(?:(\S+):)?(\d+):(\d+): panic: (.*)\(\.\.\.\)\n?$`)

// frame is one interpreted frame of a panic.
type frame struct {
	file      string
	line, col int
	fn        string
}

// panicFilter is the interpreter's stderr: it keeps the panic lines yaegi
// prints (they become tracebacks) and passes everything else (log output)
// on to w.
type panicFilter struct {
	w io.Writer

	mu     sync.Mutex
	frames []frame
}

// Write implements io.Writer.
func (f *panicFilter) Write(p []byte) (int, error) {
	if m := panicLine.FindSubmatch(p); m != nil {
		l, _ := strconv.Atoi(string(m[2]))
		c, _ := strconv.Atoi(string(m[3]))
		f.mu.Lock()
		if len(f.frames) < 1000 {
			f.frames = append(f.frames, frame{string(m[1]), l, c, string(m[4])})
		}
		f.mu.Unlock()
		return len(p), nil
	}
	return f.w.Write(p)
}

// take returns and forgets the frames collected so far.
func (f *panicFilter) take() []frame {
	f.mu.Lock()
	defer f.mu.Unlock()
	fr := f.frames
	f.frames = nil
	return fr
}

// compilePanic is a panic of yaegi while compiling a cell.
type compilePanic struct{ v any }

// Error implements error.
func (p compilePanic) Error() string { return fmt.Sprint(p.v) }

// errorOf turns an error of a cell into a kernel.Error with a traceback
// that names the cell lines, and the user's names (mainname.go).
func (s *Session) errorOf(err error) *kernel.Error {
	return unmaskError(s.errorOfCell(err))
}

func (s *Session) errorOfCell(err error) *kernel.Error {
	var el scanner.ErrorList
	var pn yaegi.Panic
	var cp compilePanic
	switch {
	case errors.As(err, &el):
		e := &kernel.Error{Name: ErrSyntax}
		var vals []string
		for _, x := range el {
			msg := humanize(x.Pos.String()) + ": " + x.Msg
			vals = append(vals, msg)
			e.Traceback = append(e.Traceback, s.where(x.Pos.Filename, x.Pos.Line, x.Pos.Column, x.Msg)...)
		}
		e.Value = strings.Join(vals, "; ")
		e.Traceback = append([]string{e.Name + ": " + e.Value}, e.Traceback...)
		return e
	case errors.As(err, &pn):
		e := &kernel.Error{Name: ErrPanic, Value: humanize(fmt.Sprint(pn.Value))}
		e.Traceback = append([]string{"panic: " + e.Value}, s.frameLines(s.placeTop(s.stderr.take()))...)
		return e
	case errors.As(err, &cp):
		e := &kernel.Error{Name: ErrInternal, Value: "the interpreter failed on this code: " + humanize(cp.Error())}
		e.Traceback = []string{e.Name + ": " + e.Value,
			"yaegi cannot compile this construct (generic types from compiled packages, range over int or func and some generic calls are known causes); rewrite the code"}
		return e
	}
	msg := err.Error()
	if i := strings.Index(msg, "error: unable to find source related to"); i >= 0 {
		msg = msg[:i] + "is not available: cells can import the Go standard library (os/exec, unsafe and syscall " +
			"only in an unrestricted session) and the packages compiled into the kernel (gonum's mat, floats, stat and stat/distuv, gonum/plot, the gokernel library)"
	}
	e := &kernel.Error{Name: ErrCompile, Value: humanize(msg)}
	e.Traceback = []string{e.Name + ": " + e.Value}
	if m := cellPos.FindStringSubmatchIndex(msg); m != nil {
		l, _ := strconv.Atoi(msg[m[4]:m[5]])
		c, _ := strconv.Atoi(msg[m[6]:m[7]])
		text := strings.TrimPrefix(strings.TrimSpace(msg[m[1]:]), ": ")
		if strings.HasSuffix(text, "definition loop") {
			text += " (yaegi reports this for a name that is not defined)"
			e.Value += " (is a name undefined?)"
		}
		e.Traceback = append(e.Traceback, s.where("cell["+msg[m[2]:m[3]]+"]/_.go", l, c, text)...)
	}
	return e
}

// placeTop corrects the frame of the running cell's top-level code. yaegi
// prints, for every frame, the position of the first statement of that
// frame; the statement markers of the cell (_gkrt.At) tell which top-level
// statement was running.
func (s *Session) placeTop(frames []frame) []frame {
	c := s.current()
	if c == nil {
		return frames
	}
	line, col := c.at()
	if line == 0 {
		return frames
	}
	name := cellFile(c.n)
	for i := range frames {
		if frames[i].fn == "main" && frames[i].file == name {
			frames[i].line, frames[i].col = line, col
		}
	}
	return frames
}

// frameLines formats the frames of a panic, innermost first.
func (s *Session) frameLines(frames []frame) []string {
	var out []string
	for _, f := range frames {
		fn := strings.TrimPrefix(f.fn, "main.")
		if fn == "main" {
			fn = "cell"
		}
		out = append(out, s.where(f.file, f.line, f.col, "in "+fn)...)
	}
	return out
}

// where formats a position of a cell as "cell[3] line 4, column 7: note"
// followed by the source line and a caret.
func (s *Session) where(file string, line, col int, note string) []string {
	m := regexp.MustCompile(`^cell\[(-?\d+)\]`).FindStringSubmatch(file)
	if m == nil {
		if file == "" {
			file = "session"
		}
		return []string{fmt.Sprintf("  %s line %d, column %d: %s", file, line, col, note)}
	}
	n, _ := strconv.Atoi(m[1])
	out := []string{fmt.Sprintf("  cell[%d] line %d, column %d: %s", n, line, col, note)}
	if src, ok := s.book.sourceLine(n, line); ok {
		out = append(out, "    "+strings.ReplaceAll(src, "\t", "    "))
		pad := 0
		for i, r := range src {
			if i >= col-1 {
				break
			}
			if r == '\t' {
				pad += 4
			} else {
				pad++
			}
		}
		out = append(out, "    "+strings.Repeat(" ", pad)+"^")
	}
	return out
}

// errorValue builds the error of a user expression.
func errorValue(e *kernel.Error) map[string]any {
	return map[string]any{"status": "error", "ename": e.Name, "evalue": e.Value, "traceback": e.Traceback}
}
