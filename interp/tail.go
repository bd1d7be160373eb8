package interp

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"sort"

	"github.com/gokernel/gokernel/kernel"
)

// probes are the methods of interpreted types that the session calls in
// the interpreter to show a value (compiled code cannot see them), with the
// MIME type each gives and the helper that takes the result.
var probes = []struct{ method, mime, helper string }{
	{"String", "text/plain", "Extra"},
	{"HTML", "text/html", "Extra"},
	{"Markdown", "text/markdown", "Extra"},
	{"SVG", "image/svg+xml", "Extra"},
	{"LaTeX", "text/latex", "Extra"},
	{"PNG", "image/png", "ExtraBytes"},
	{"JPEG", "image/jpeg", "ExtraBytes"},
	{"MIMEBundle", "", "ExtraMap"},
}

// showTail evaluates the last expression statement e of a cell and records
// its value as the cell's result. A single value goes to _gkrt.Result, a
// multi-value call to _gkrt.ResultN; an expression with no value (a void
// call) is run alone and shows nothing. When cells declared methods such as
// String or HTML, the value is first stored in _gkR and those methods are
// called in the interpreter (probes).
// The value is first stored in a fresh global _gkR<n>.
func (s *Session) showTail(c *cell, e ast.Expr) bool {
	p := e.Pos()
	pos := s.yi.FileSet().Position(p)
	c.setAt(pos.Line, pos.Column)
	call := &ast.CallExpr{Fun: synthExpr(rtName+".Result", p), Lparen: p, Args: []ast.Expr{e}, Rparen: e.End()}
	block := &ast.BlockStmt{Lbrace: p, List: []ast.Stmt{&ast.ExprStmt{X: call}}, Rbrace: e.End()}
	prog, err := s.compile(block)
	single := err == nil
	if err != nil {
		call.Fun = synthExpr(rtName+".ResultN", p)
		prog, err = s.compile(block)
	}
	if err != nil {
		block.List = []ast.Stmt{&ast.ExprStmt{X: e}}
		if prog, err = s.compile(block); err != nil {
			c.fail(s.errorOf(err))
			return false
		}
		return c.exec(s, prog)
	}
	names := s.book.methodNames()
	var want []int
	for i, pr := range probes {
		if names[pr.method] {
			want = append(want, i)
		}
	}
	if !single || len(want) == 0 {
		return c.exec(s, prog)
	}

	// Probe path: _gkR := e; then _gkrt.Extra("mime", _gkR.M()) for each
	// method that compiles; then _gkrt.Result(_gkR).
	// A fresh name each time: yaegi mixes up a global declared again with
	// another type.
	var rv string
	s.book.withSeq(func(seq *int) { *seq++; rv = fmt.Sprintf("_gkR%d", *seq) })
	assign := &ast.AssignStmt{Lhs: []ast.Expr{&ast.Ident{NamePos: p, Name: rv}}, TokPos: p, Tok: token.DEFINE, Rhs: []ast.Expr{e}}
	block.List = []ast.Stmt{assign}
	probe, err := s.compile(block)
	if err != nil {
		// yaegi cannot store some values (generic calls, for one): show
		// the value without probes.
		block.List = []ast.Stmt{&ast.ExprStmt{X: call}}
		return c.exec(s, prog)
	}
	if !c.exec(s, probe) {
		return false
	}
	defer s.releaseGlobal(rv)
	for _, i := range want {
		pr := probes[i]
		src := rtName + "." + pr.helper + "(" + quoteIf(pr.mime) + rv + "." + pr.method + "())"
		block.List = []ast.Stmt{&ast.ExprStmt{X: synthExpr(src, p)}}
		if prog, err := s.compile(block); err == nil {
			if !c.exec(s, prog) {
				return false
			}
		}
	}
	block.List = []ast.Stmt{&ast.ExprStmt{X: synthExpr(rtName+".Result("+rv+")", p)}}
	if prog, err = s.compile(block); err != nil {
		c.fail(s.errorOf(err))
		return false
	}
	return c.exec(s, prog)
}

func quoteIf(mime string) string {
	if mime == "" {
		return ""
	}
	return `"` + mime + `", `
}

// releaseGlobal sets the global name to its zero value, so that the value
// it held can be collected.
func (s *Session) releaseGlobal(name string) {
	if v, ok := s.globals()[name]; ok && v.CanSet() {
		v.Set(zeroOf(v))
	}
}

func zeroOf(v reflect.Value) reflect.Value { return reflect.Zero(v.Type()) }

// userExpressions evaluates the user expressions of the request after the
// cell; each gives a bundle or an error, as the protocol wants. The cell's
// own result is kept.
func (s *Session) userExpressions(c *cell) {
	res := map[string]any{}
	names := make([]string, 0, len(c.req.UserExpressions))
	for k := range c.req.UserExpressions {
		names = append(names, k)
	}
	sort.Strings(names)
	c.mu.Lock()
	data, md := c.data, c.md
	c.mu.Unlock()
	for _, name := range names {
		d, m, e := s.userExpression(c, c.req.UserExpressions[name])
		if e != nil {
			res[name] = errorValue(e)
			continue
		}
		res[name] = map[string]any{"status": "ok", "data": d, "metadata": m}
	}
	c.mu.Lock()
	c.data, c.md = data, md
	c.userExpr = res
	c.mu.Unlock()
}

// userExpression evaluates one user expression.
func (s *Session) userExpression(c *cell, src string) (data, md map[string]any, _ *kernel.Error) {
	fset := s.yi.FileSet()
	if _, err := parser.ParseExprFrom(token.NewFileSet(), "user_expression", src, 0); err != nil {
		return nil, nil, &kernel.Error{Name: ErrSyntax, Value: err.Error()}
	}
	node, file, err := parseRun(fset, -1, src, run{kind: runStmt, end: len(src), line: 1, col: 1})
	if err != nil {
		return nil, nil, s.errorOf(err)
	}
	renameMain(node, file, s.book.knowsMain())
	body := node.(*ast.BlockStmt)
	e := body.List[0].(*ast.ExprStmt).X
	call := &ast.CallExpr{Fun: synthExpr(rtName+".Result", e.Pos()), Lparen: e.Pos(), Args: []ast.Expr{e}, Rparen: e.End()}
	body.List = []ast.Stmt{&ast.ExprStmt{X: call}}
	prog, err := s.compile(body)
	if err != nil {
		return nil, nil, s.errorOf(err)
	}
	c.setResult(nil, nil)
	ok := c.exec(s, prog)
	c.mu.Lock()
	defer c.mu.Unlock()
	if !ok {
		e := c.err
		if !c.interrupted {
			c.err = nil
		}
		if e == nil {
			e = &kernel.Error{Name: ErrInterrupted, Value: "interrupted"}
		}
		return nil, nil, e
	}
	return c.data, c.md, nil
}
