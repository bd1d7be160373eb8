package interp

import (
	"context"
	"fmt"
	"go/ast"
	"go/scanner"
	"go/token"
	"reflect"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gokernel/gokernel/kernel"
	yaegi "github.com/traefik/yaegi/interp"
)

// Execute implements kernel.Interpreter. It runs the cell on a goroutine of
// its own and returns when the cell has ended; on interrupt (ctx
// cancelled) it stops the cell as described in interrupt.go and returns
// once the cell has really stopped, or after Options.Grace with an error
// saying that compiled code is still running (the next Execute then waits
// for it).
func (s *Session) Execute(ctx context.Context, req kernel.ExecuteRequest, out kernel.Emitter) kernel.ExecuteResult {
	s.exec.Lock()
	defer s.exec.Unlock()
	if e := s.waitStopped(ctx, out); e != nil {
		return kernel.ExecuteResult{Error: e}
	}
	c := newCell(ctx, req, out)
	s.book.setSource(c.n, req.Code)
	s.begin(c)
	sen, err := s.cellSentinel()
	if err != nil {
		s.end(c)
		return kernel.ExecuteResult{Error: &kernel.Error{Name: ErrInternal, Value: "cannot start the cell: " + err.Error()}}
	}
	go s.runCell(c)

	interrupted := ctx.Done()
	select {
	case <-c.done:
	case <-interrupted:
	case <-c.gone:
	}
	select {
	case <-c.done:
		// Ended, even if an interrupt came at the same time: the
		// sentinel, still armed, serves the next cell.
		s.keepSentinel(sen)
	case <-interrupted:
		c.fail(&kernel.Error{Name: ErrInterrupted, Value: "the cell was interrupted",
			Traceback: []string{"Interrupted: the cell was interrupted; its variables keep the values they had"}})
		if !s.stop(c, sen) {
			return s.stillStopping(c)
		}
	case <-c.gone:
		if !s.stop(c, sen) {
			return s.stillStopping(c)
		}
	}
	s.sync()
	s.end(c)

	c.mu.Lock()
	defer c.mu.Unlock()
	c.replied = true
	res := kernel.ExecuteResult{Error: c.err, UserExpressions: c.userExpr}
	if c.err == nil && c.data != nil && !req.Silent {
		out.Result(kernel.MIMEBundle(c.data), kernel.MIMEBundle(c.md))
	}
	return res
}

// begin makes c the running cell.
func (s *Session) begin(c *cell) {
	s.co.renew()
	s.in.reset()
	s.stderr.take()
	s.mu.Lock()
	s.cur, s.last = c, c
	s.mu.Unlock()
	if s.capture != nil {
		s.capture.setSink(c.out)
	}
}

// end marks that no cell runs; c stays the destination of late output.
func (s *Session) end(c *cell) {
	s.mu.Lock()
	if s.cur == c {
		s.cur = nil
	}
	s.mu.Unlock()
}

// stop interrupts the running cell c: it waits until the cell is inside
// the run loop of Execute (or will not execute anymore), cancels the
// sentinel, then the cooperative generation, and waits up to the grace for
// the cell goroutine to end. It reports whether the cell has ended.
func (s *Session) stop(c *cell, sen *sentinel) bool {
	c.mu.Lock()
	c.interrupted = true
	c.mu.Unlock()
	for {
		select {
		case <-c.done:
		default:
			c.mu.Lock()
			ph, id := c.phase, c.goid
			c.mu.Unlock()
			if ph == phaseExecuting && !inRunLoop(id) {
				time.Sleep(100 * time.Microsecond)
				continue
			}
		}
		break
	}
	// yaegi stops from the goroutine of ExecuteWithContext: wait until it
	// has returned, which it does right after the stop, before waking the
	// cooperative waits, or the code after them would still run.
	sen.cancel()
	<-sen.returned
	s.co.interrupt()
	t := time.NewTimer(s.opts.Grace)
	defer t.Stop()
	select {
	case <-c.done:
		s.endSentinel(sen, true)
		return true
	case <-t.C:
	}
	// Compiled code still runs: finish in the background.
	ch := make(chan struct{})
	s.mu.Lock()
	s.stopping = ch
	s.mu.Unlock()
	go func() {
		<-c.done
		s.endSentinel(sen, true)
		s.sync()
		s.end(c)
		s.mu.Lock()
		s.stopping = nil
		s.mu.Unlock()
		close(ch)
	}()
	return false
}

// stillStopping is the reply for a cell that did not stop within the grace.
func (s *Session) stillStopping(c *cell) kernel.ExecuteResult {
	s.sync()
	e := &kernel.Error{Name: ErrInterrupted,
		Value: "interrupted, but compiled code is still running; the next cell will wait until it returns (restart the kernel to stop it now)"}
	c.mu.Lock()
	c.replied = true
	if c.err != nil && c.err.Name != ErrInterrupted {
		e = c.err
	}
	c.mu.Unlock()
	e.Traceback = append([]string{e.Name + ": " + e.Value}, e.Traceback...)
	return kernel.ExecuteResult{Error: e}
}

// waitStopped waits for a cell still stopping from an earlier interrupt.
func (s *Session) waitStopped(ctx context.Context, out kernel.Emitter) *kernel.Error {
	s.mu.Lock()
	ch := s.stopping
	s.mu.Unlock()
	if ch == nil {
		return nil
	}
	out.Stream("stderr", "waiting for the interrupted cell to stop (compiled code is still running)...\n")
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return &kernel.Error{Name: ErrInterrupted, Value: "interrupted while waiting for the previous cell to stop",
			Traceback: []string{"Interrupted: the previous cell is still stopping; restart the kernel to end it"}}
	}
}

// runCell is the cell goroutine.
func (s *Session) runCell(c *cell) {
	defer close(c.done)
	defer func() {
		if r := recover(); r != nil {
			c.fail(&kernel.Error{Name: ErrInternal, Value: fmt.Sprint("gokernel: ", r),
				Traceback: []string{fmt.Sprint("InternalError: gokernel: ", r), string(debug.Stack())}})
		}
	}()
	c.mu.Lock()
	c.goid = goid()
	c.mu.Unlock()
	runs, serr := splitCell(c.req.Code)
	if serr != nil {
		c.fail(s.errorOf(scanner.ErrorList{&scanner.Error{
			Pos: token.Position{Filename: cellFile(c.n), Line: serr.line, Column: serr.col}, Msg: serr.msg}}))
		return
	}
	for i, r := range runs {
		if !s.runOne(c, r, i == len(runs)-1) {
			return
		}
	}
	if len(c.req.UserExpressions) > 0 {
		s.userExpressions(c)
	}
}

// compile compiles n, turning a panic of yaegi into an error. The lines
// yaegi writes to the standard logger meanwhile are dropped (yaegilog.go).
func (s *Session) compile(n ast.Node) (p *yaegi.Program, err error) {
	id := s.compilerID()
	compileLog.enter(id)
	defer compileLog.leave(id)
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, compilePanic{r}
		}
	}()
	return s.yi.CompileAST(n)
}

// compilerID returns the id of the calling goroutine, which is the running
// cell's goroutine (known without the cost of goid) when there is one.
func (s *Session) compilerID() uint64 {
	if c := s.current(); c != nil {
		c.mu.Lock()
		id := c.goid
		c.mu.Unlock()
		if id != 0 {
			return id
		}
	}
	return goid()
}

// runOne parses, rewrites, compiles and executes one run of cell c.
func (s *Session) runOne(c *cell, r run, last bool) bool {
	fset := s.yi.FileSet()
	node, file, err := parseRun(fset, c.n, c.req.Code, r)
	if err != nil {
		c.fail(s.errorOf(err))
		return false
	}
	if strings.Contains(c.req.Code[r.start:r.end], "main") {
		renameMain(node, file, s.book.knowsMain())
	}
	imports := s.book.importsCopy()
	s.book.withSeq(func(seq *int) {
		perIterationVars(node, seq)
		rewriteGo(fset, node, imports, seq)
		ifaceFields(node, func(pkg, name string) reflect.Type { return compiledType(s.tables, imports, pkg, name) }, seq)
	})
	untypedFloatMinMax(node)

	var tail ast.Expr
	var units []unit
	globals := s.globals()
	switch r.kind {
	case runImport:
		if imp := s.book.dropKnownImports(file); len(imp) > 0 {
			units = append(units, unit{node: file, imports: imp})
		}
	case runDecl:
		for _, name := range s.book.redefinedTypes(fset, file) {
			c.out.Stream("stderr", fmt.Sprintf("warning: type %s was declared before with another definition; "+
				"the interpreter keeps the first one (restart the kernel to change it)\n", unmaskMain(name)))
		}
		units = declUnits(file, globals, s.book.declaredType)
	case runStmt:
		body := node.(*ast.BlockStmt)
		if last {
			tail = splitTail(body, imports)
		}
		for _, st := range body.List {
			if d, ok := st.(*ast.DeferStmt); ok {
				p := fset.Position(d.Pos())
				c.fail(s.errorOf(scanner.ErrorList{&scanner.Error{Pos: p,
					Msg: "defer at the top level of a cell is not supported (the interpreter would run it after every later cell); put it in a func"}}))
				return false
			}
		}
		u := unit{node: body}
		u.rewritten, u.released = rewriteRedeclare(body, globals)
		s.book.withSeq(func(seq *int) { renameShadows(body, globals, seq) })

		s.book.withSeq(func(seq *int) { u.blanks = renameBlanks(body, seq) })
		markStatements(fset, body)
		if len(body.List) > 0 {
			units = append(units, u)
		}
	}
	for _, u := range units {
		if !s.runUnit(c, u, globals) {
			return false
		}
	}
	if tail != nil {
		return s.showTail(c, tail)
	}
	return true
}

// runUnit compiles and executes one unit of a run. When the rewritten form
// of a redeclaration does not compile, it falls back to the original form
// and releases the old values instead.
func (s *Session) runUnit(c *cell, u unit, globals map[string]reflect.Value) bool {
	fset := s.yi.FileSet()
	if f, ok := u.node.(*ast.File); ok {
		s.book.withSeq(func(seq *int) { rewriteGenericRanges(f, seq) })
	}
	prog, err := s.compile(u.node)
	if err != nil && len(u.rewritten) > 0 {
		for _, as := range u.rewritten {
			as.Tok = token.DEFINE
			for _, l := range as.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					if old, ok := globals[id.Name]; ok {
						u.released = append(u.released, redeclared{id.Name, old})
					}
				}
			}
		}
		prog, err = s.compile(u.node)
	}
	record := u.node
	if u.orig != nil {
		record = u.orig
		if err != nil {
			u.node = u.orig
			u.released = declaredVars(u.orig, globals)
			prog, err = s.compile(u.node)
		}
	}
	if err != nil {
		g := s.globals()
		var changed bool
		s.book.withSeq(func(seq *int) { changed = rewriteRangeInt(u.node, g, seq) })
		if changed {
			if p, err2 := s.compile(u.node); err2 == nil {
				prog, err = p, nil
			}
		}
	}
	if err != nil {
		if body, ok := u.node.(*ast.BlockStmt); ok && typedMinMax(body, s.globals()) {
			if p, err2 := s.compile(u.node); err2 == nil {
				prog, err = p, nil
			}
		}
	}
	if err != nil {
		if body, ok := u.node.(*ast.BlockStmt); ok && typedCommaOK(body, s.globals(), s.book.importsCopy()) {
			if p, err2 := s.compile(u.node); err2 == nil {
				prog, err = p, nil
			}
		}
	}
	if err != nil {
		if body, ok := u.node.(*ast.BlockStmt); ok && wrapCompound(body) {
			p, err2 := s.compile(u.node)
			switch {
			case err2 == nil:
				prog, err = p, nil
			case strings.Contains(err.Error(), "undefined: "):
				// The closure got past yaegi's scoping bug (see
				// wrapCompound) to an error of the code itself.
				err = err2
			}
		}
	}
	if err != nil {
		c.fail(s.errorOf(err))
		return false
	}
	s.book.recordDecls(fset, record, c.n)
	for _, rd := range u.released {
		if rd.old.CanSet() {
			rd.old.Set(zeroOf(rd.old))
		}
	}
	ok := c.exec(s, prog)
	for _, b := range u.blanks {
		s.releaseGlobal(b)
	}
	if !ok {
		return false
	}
	s.book.addImports(u.imports)
	return true
}

// globals returns yaegi's globals. After a failed compile, yaegi may know a
// global whose storage its frame does not have yet (the next Execute makes
// it) and Globals panics: globals then returns none.
func (s *Session) globals() (g map[string]reflect.Value) {
	defer func() {
		if recover() != nil {
			g = map[string]reflect.Value{}
		}
	}()
	return s.yi.Globals()
}
