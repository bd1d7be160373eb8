package run

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/gokernel/gokernel/kernel"
)

// Execute runs the notebook's code cells in order through in, replacing
// their outputs and execution counts. It returns a *CellError for the first
// failing cell (after recording its error output) unless opts.AllowErrors or
// the cell's "raises-exception" tag says to go on, and ctx.Err() when ctx is
// cancelled.
func (nb *Notebook) Execute(ctx context.Context, in kernel.Interpreter, opts Options) error {
	nb.setLanguageInfo(in.Info())
	var mu sync.Mutex
	ns := &nbSink{nb: nb, displays: map[string][]map[string]any{}}
	sinks := []sink{ns}
	var term *termSink
	if opts.Echo {
		term = &termSink{stdout: opts.stdout(), stderr: opts.stderr(), dir: opts.DisplayDir}
		sinks = append(sinks, term)
	}
	count := 0
	var firstErr error
	for i, cell := range nb.cells {
		if err := ctx.Err(); err != nil {
			return err
		}
		typ, src := nb.Cell(i)
		if typ != "code" || strings.TrimSpace(src) == "" {
			continue
		}
		count++
		cell["execution_count"] = count
		cell["outputs"] = []any{}
		if _, ok := cell["metadata"].(map[string]any); !ok {
			cell["metadata"] = map[string]any{}
		}
		mu.Lock()
		ns.cell, ns.clearing = i, false
		if term != nil {
			term.header = fmt.Sprintf("--- In [%d] (cell %d) ---", count, i)
		}
		mu.Unlock()
		em := &emitter{ctx: ctx, mu: &mu, count: count, sinks: sinks}
		res := in.Execute(ctx, kernel.ExecuteRequest{Code: src, Count: count, StoreHistory: true}, em)
		if res.Error == nil {
			continue
		}
		mu.Lock()
		ns.failed(res.Error)
		mu.Unlock()
		cerr := &CellError{Cell: i, Count: count, Err: res.Error}
		if term != nil {
			mu.Lock()
			term.flushHeader()
			mu.Unlock()
			fmt.Fprint(opts.stderr(), cerr.Traceback())
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if hasTag(cell, "raises-exception") {
			continue
		}
		if !opts.AllowErrors {
			return cerr
		}
		if firstErr == nil {
			firstErr = cerr
		}
	}
	return firstErr
}

func hasTag(cell map[string]any, tag string) bool {
	md, _ := cell["metadata"].(map[string]any)
	tags, _ := md["tags"].([]any)
	for _, t := range tags {
		if t == tag {
			return true
		}
	}
	return false
}

// Script runs Go source through in: as one cell, or with opts.Split as one
// cell per top-level chunk (see SplitChunks). A file with a package clause
// is run as a program (see PrepareProgram): its declarations first, then a
// last cell calling main() when it declares one. Printed text goes to
// opts.Stdout and opts.Stderr as it comes, results are printed as their
// text/plain, and rich displays are summarised or saved in
// opts.DisplayDir. The first failing chunk stops the run: its traceback is
// printed to opts.Stderr and returned as a *CellError. name labels the
// source in messages.
func Script(ctx context.Context, in kernel.Interpreter, name, src string, opts Options) error {
	prog := PrepareProgram(src)
	chunks := []Chunk{{Code: prog.Code, Line: 1}}
	if opts.Split {
		chunks = SplitChunks(prog.Code)
	}
	if prog.HasMain {
		chunks = append(chunks, Chunk{Code: MainName + "()\n"})
	}
	var mu sync.Mutex
	term := &termSink{stdout: opts.stdout(), stderr: opts.stderr(), dir: opts.DisplayDir}
	input := newLineInput(opts.Stdin)
	for i, ch := range chunks {
		if err := ctx.Err(); err != nil {
			return err
		}
		em := &emitter{ctx: ctx, mu: &mu, count: i + 1, sinks: []sink{term}, input: input, echo: opts.stdout()}
		res := in.Execute(ctx, kernel.ExecuteRequest{
			Code: ch.Code, Count: i + 1, StoreHistory: true, AllowStdin: input != nil,
		}, em)
		if res.Error == nil {
			continue
		}
		cerr := &CellError{Cell: i, Count: i + 1, Err: res.Error}
		if ch.Line == 0 {
			fmt.Fprintf(opts.stderr(), "%s: in main():\n", name)
		} else if opts.Split {
			cerr.Line = ch.Line
			last := ch.Line + strings.Count(strings.TrimRight(ch.Code, "\n"), "\n")
			fmt.Fprintf(opts.stderr(), "%s, lines %d-%d (line 1 below is line %d):\n", name, ch.Line, last, ch.Line)
		}
		fmt.Fprint(opts.stderr(), cerr.Traceback())
		if err := ctx.Err(); err != nil {
			return err
		}
		return cerr
	}
	return nil
}
