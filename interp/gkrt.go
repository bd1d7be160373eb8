package interp

import (
	"fmt"
	"reflect"
	"strings"

	yaegi "github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib/unrestricted"
)

// rtPath is the import path of the session's compiled helpers; cells see
// them as _gkrt (rtName).
const rtPath = "gokernel.internal/gkrt"

// runtimeSymbols are the compiled helpers the rewritten cells call, and the
// replacements of standard symbols that make waits interruptible and stdio
// go through the session.
func (s *Session) runtimeSymbols() yaegi.Exports {
	return yaegi.Exports{
		rtPath + "/gkrt": {
			"Park":       reflect.ValueOf(s.park),
			"GoPanic":    reflect.ValueOf(s.goPanic),
			"Cell":       reflect.ValueOf(s.cellID),
			"At":         reflect.ValueOf(s.at),
			"Result":     reflect.ValueOf(s.result),
			"ResultN":    reflect.ValueOf(s.resultN),
			"Extra":      reflect.ValueOf(s.extra),
			"ExtraBytes": reflect.ValueOf(s.extraBytes),
			"ExtraMap":   reflect.ValueOf(s.extraMap),
		},
		"time/time": {
			"Sleep": reflect.ValueOf(s.co.sleep),
		},
		"sync/sync": {
			"WaitGroup": reflect.ValueOf((*WaitGroup)(nil)),
		},
		"os/os": {
			"Stdin":  reflect.ValueOf(&s.cellIn).Elem(),
			"Stdout": reflect.ValueOf(&s.fd1).Elem(),
			"Stderr": reflect.ValueOf(&s.fd2).Elem(),
		},
	}
}

func unrestrictedSymbols() map[string]map[string]reflect.Value { return unrestricted.Symbols }

// at is _gkrt.At, the marker the session puts before each top-level
// statement of a cell, so that a panic names the statement that ran.
func (s *Session) at(line, col int) {
	if c := s.current(); c != nil {
		c.setAt(line, col)
	}
}

// cellID is _gkrt.Cell: the id of the running cell, 0 if none.
func (s *Session) cellID() int64 {
	if c := s.current(); c != nil {
		return c.id
	}
	return 0
}

// goPanic is called by the recovering wrapper of a go statement started
// while cell id ran. While that cell runs, the panic fails it (and stops
// it, as a panicking goroutine stops a Go program); otherwise it is
// written to the latest cell's stderr.
func (s *Session) goPanic(r any, where string, id int64) {
	e := s.errorOf(yaegi.Panic{Value: r})
	e.Value = fmt.Sprintf("%s (in a goroutine started at %s)", e.Value, where)
	e.Traceback[0] = "panic: " + e.Value
	if c := s.latest(); c != nil && c.id == id && c.failFromGoroutine(e) {
		return
	}
	if c := s.latest(); c != nil {
		s.sync()
		c.out.Stream("stderr", strings.Join(e.Traceback, "\n")+"\n")
	}
}

// result is _gkrt.Result: the value of the cell's last expression.
func (s *Session) result(v any) {
	if c := s.current(); c != nil {
		c.setResult(s.bundleOf(v, c.takeExtras()))
	}
}

// resultN is _gkrt.ResultN: the values of a multi-value last expression,
// shown together as text/plain, one per line.
func (s *Session) resultN(vs ...any) {
	c := s.current()
	if c == nil {
		return
	}
	var lines []string
	for _, v := range vs {
		d, _ := s.bundleOf(v, nil)
		lines = append(lines, fmt.Sprint(d["text/plain"]))
	}
	c.setResult(map[string]any{"text/plain": strings.Join(lines, "\n")}, map[string]any{})
}

// extra is _gkrt.Extra: a representation of the last value got by calling
// its method in the interpreter (String, HTML, Markdown, SVG, LaTeX).
func (s *Session) extra(mime, text string) {
	if c := s.current(); c != nil && text != "" {
		c.addExtra(mime, text)
	}
}

// extraBytes is _gkrt.ExtraBytes for PNG() and JPEG().
func (s *Session) extraBytes(mime string, b []byte, err error) {
	if c := s.current(); c != nil && err == nil && len(b) > 0 {
		c.addExtra(mime, b)
	}
}

// extraMap is _gkrt.ExtraMap for MIMEBundle().
func (s *Session) extraMap(m map[string]any) {
	c := s.current()
	if c == nil {
		return
	}
	for k, v := range m {
		c.addExtra(k, v)
	}
}
