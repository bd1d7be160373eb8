package run

import (
	"fmt"
	"io"
	"strings"

	"github.com/gokernel/gokernel/kernel"
)

// Options tune a run. The zero value runs silently, stops at the first
// error, and forbids input.
type Options struct {
	// Stdout and Stderr receive what a script prints (and, with Echo, what a
	// notebook's cells print). Nil discards.
	Stdout, Stderr io.Writer
	// Stdin, when set, answers a script's input requests one line each.
	// Notebooks never read it (nbclient runs cells without stdin too).
	Stdin io.Reader
	// Echo makes a notebook run print its outputs as a script does.
	Echo bool
	// DisplayDir, when set, receives the rich display outputs of a script
	// as files (display-001.png, ...); otherwise they are summarised as
	// "[image/png 640x480]".
	DisplayDir string
	// Split runs a script as its blank-line separated top-level chunks,
	// one cell each, instead of as a single cell.
	Split bool
	// AllowErrors keeps running a notebook after a failing cell.
	AllowErrors bool
}

func (o *Options) stdout() io.Writer {
	if o.Stdout == nil {
		return io.Discard
	}
	return o.Stdout
}

func (o *Options) stderr() io.Writer {
	if o.Stderr == nil {
		return io.Discard
	}
	return o.Stderr
}

// CellError is a cell that failed.
type CellError struct {
	// Cell is the cell's index in the notebook, or the chunk's index in a
	// script.
	Cell int
	// Line is the first line of a script chunk in its file (1-based); 0 for
	// notebooks.
	Line int
	// Count is the execution counter the cell ran with.
	Count int
	// Err is what the interpreter reported.
	Err *kernel.Error
}

func (e *CellError) Error() string {
	where := fmt.Sprintf("cell %d (In [%d])", e.Cell, e.Count)
	if e.Line > 0 {
		where = fmt.Sprintf("chunk at line %d", e.Line)
	}
	return where + ": " + e.Err.Error()
}

// Traceback returns the error's traceback as one text block.
func (e *CellError) Traceback() string {
	if len(e.Err.Traceback) == 0 {
		return e.Err.Error() + "\n"
	}
	s := strings.Join(e.Err.Traceback, "\n")
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return s
}
