package interp

import (
	"fmt"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
)

// ordered is the constraint of the prelude's min and max.
const ordered = "~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32 | ~float64 | ~string"

// preludeFuncs fill builtins that yaegi v0.16.1 lacks. min and max are
// generic functions, not builtins, typed by their first argument; the
// session's rewrites (minmax.go) make min(1, 2.5) a float64, min(x) x, and
// `lo := min(x, 10)` at a cell's top level compile. max(1, x) with x a
// float64 still fails to compile (the first argument types the call).
var preludeFuncs = `
// min returns the smallest of its arguments (a prelude function: yaegi has no min builtin).
func min[T ` + ordered + `](x T, y ...T) T {
	m := x
	for _, v := range y {
		if v < m {
			m = v
		}
	}
	return m
}

// max returns the largest of its arguments (a prelude function: yaegi has no max builtin).
func max[T ` + ordered + `](x T, y ...T) T {
	m := x
	for _, v := range y {
		if v > m {
			m = v
		}
	}
	return m
}
`

// prelude imports the preloaded packages and the session helpers, declares
// min and max, and compiles the sentinel program.
func (s *Session) prelude() error {
	paths := append(append([]string(nil), DefaultPreload...), s.opts.Preload...)
	var b strings.Builder
	b.WriteString("import (\n")
	for _, p := range paths {
		b.WriteString(strconv.Quote(p) + "\n")
	}
	fmt.Fprintf(&b, "%s %q\n)\n", rtName, rtPath)
	imports := b.String()
	if _, err := s.yi.Eval(imports); err != nil {
		return fmt.Errorf("interp: preloading packages: %w", err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", "package main\n"+imports, parser.ImportsOnly)
	if err != nil {
		return err
	}
	s.book.addImports(f.Imports)
	if _, err := s.yi.Eval(preludeFuncs); err != nil {
		return fmt.Errorf("interp: prelude: %w", err)
	}
	pf, _ := parser.ParseFile(token.NewFileSet(), "", "package main\n"+preludeFuncs, parser.ParseComments)
	s.book.recordDecls(token.NewFileSet(), pf, 0)
	s.parkProg, err = s.yi.Compile(rtName + ".Park()")
	if err != nil {
		return fmt.Errorf("interp: sentinel: %w", err)
	}
	return nil
}
