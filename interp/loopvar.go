//lint:file-ignore SA1019 the parser's object resolution tells which identifiers are the loop's variables

package interp

import (
	"go/ast"
	"go/token"
	"strconv"
)

// perIterationVars gives the loops under n one variable per iteration, as
// Go 1.22 does and yaegi v0.16.1 does not: there, every closure, goroutine
// and deferred call made in `for i := 0; i < 3; i++` or `for _, v := range
// xs` sees the loop's one variable, so three closures all return the last
// value. For a loop whose body makes a closure or a go or defer statement,
// each variable the loop declares is copied at the top of the body into a
// fresh name, and the body uses the copy:
//
//	for i := 0; i < 3; i++ { i_gkV1 := i; { body using i_gkV1 } }
//
// A three-clause loop whose body assigns to its variable, or takes its
// address, is left alone (the copy would not carry the change to the next
// iteration). It
// relies on the parser's object resolution to find the uses; parseRun keeps
// it. It reports whether it changed anything.
func perIterationVars(n ast.Node, seq *int) bool {
	changed := false
	ast.Inspect(n, func(x ast.Node) bool {
		var vars []*ast.Ident
		var body *ast.BlockStmt
		switch x := x.(type) {
		case *ast.ForStmt:
			if as, ok := x.Init.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
				for _, l := range as.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						vars = append(vars, id)
					}
				}
			}
			body = x.Body
		case *ast.RangeStmt:
			if x.Tok == token.DEFINE {
				for _, e := range []ast.Expr{x.Key, x.Value} {
					if id, ok := e.(*ast.Ident); ok {
						vars = append(vars, id)
					}
				}
			}
			body = x.Body
		default:
			return true
		}
		if body == nil || len(vars) == 0 || !capturing(body) {
			return true
		}
		_, isRange := x.(*ast.RangeStmt)
		var copies []ast.Stmt
		renamed := map[*ast.Object]*ast.Object{}
		for _, v := range vars {
			// A range loop assigns its variables afresh every iteration, so
			// changes in the body need not carry over; a three-clause loop's
			// do (Go copies them back before the post statement).
			if v.Obj == nil || v.Name == "_" || (!isRange && assigned(body, v.Obj)) {
				continue
			}
			*seq++
			// The copy is an object of its own, so that later passes that
			// rename by object (renameShadows) tell it from the loop's.
			cp := ast.NewObj(ast.Var, v.Name+"_gkV"+strconv.Itoa(*seq))
			renamed[v.Obj] = cp
			name := cp.Name
			p := body.Lbrace
			// No `_ = copy` for a body that does not use it: yaegi does not
			// check for unused variables, and at a cell's top level it
			// makes `_` a typed global that such an assignment would trip.
			copies = append(copies,
				&ast.AssignStmt{Lhs: []ast.Expr{&ast.Ident{NamePos: p, Name: name, Obj: cp}}, TokPos: p, Tok: token.DEFINE,
					Rhs: []ast.Expr{&ast.Ident{NamePos: p, Name: v.Name, Obj: v.Obj}}})
		}
		if len(copies) == 0 {
			return true
		}
		ast.Inspect(body, func(y ast.Node) bool {
			if id, ok := y.(*ast.Ident); ok && id.Obj != nil {
				if cp, ok := renamed[id.Obj]; ok {
					id.Name, id.Obj = cp.Name, cp
				}
			}
			return true
		})
		inner := &ast.BlockStmt{Lbrace: body.Lbrace, List: body.List, Rbrace: body.Rbrace}
		body.List = append(copies, inner)
		changed = true
		return true
	})
	return changed
}

// capturing reports whether body makes a closure or has a go or defer
// statement: the ways a loop variable can outlive its iteration.
func capturing(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(x ast.Node) bool {
		switch x.(type) {
		case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
			found = true
		}
		return !found
	})
	return found
}

// assigned reports whether body assigns to the variable obj, increments
// it, or takes its address.
func assigned(body *ast.BlockStmt, obj *ast.Object) bool {
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && id.Obj == obj
	}
	found := false
	ast.Inspect(body, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.AssignStmt:
			if x.Tok != token.DEFINE {
				for _, l := range x.Lhs {
					found = found || is(l)
				}
			}
		case *ast.IncDecStmt:
			found = found || is(x.X)
		case *ast.UnaryExpr:
			found = found || (x.Op == token.AND && is(x.X))
		case *ast.RangeStmt:
			if x.Tok == token.ASSIGN {
				found = found || is(x.Key) || (x.Value != nil && is(x.Value))
			}
		}
		return !found
	})
	return found
}
