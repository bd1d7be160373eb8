package interp

import (
	"go/ast"
	"go/token"
)

// wrapCompound moves every compound statement at the top level of a
// statement run (for, range, if, switch, select, a bare block, a labelled
// statement) into a function literal called in place, and reports whether it
// changed anything.
//
// yaegi v0.16.1 fails to compile some scoping forms inside blocks at the top
// level of a program, which it compiles inside a function: for example
//
//	for _, m := range models {
//		if _, err := m.Fit(x, opts); err != nil { ... }
//	}
//
// gives "undefined: err". A compound statement declares nothing outside
// itself, and a top-level statement list has no return, so running it as a
// closure keeps its meaning: assignments to the session's globals still
// reach them. The session uses this only as a fallback, when the run does
// not compile as written.
func wrapCompound(body *ast.BlockStmt) bool {
	// A goto must stay in the same function as its label: statements that
	// hold a goto, or a label some goto targets, are left as they are.
	targets := map[string]bool{}
	walkJumps(body, func(b *ast.BranchStmt) {
		if b.Tok == token.GOTO && b.Label != nil {
			targets[b.Label.Name] = true
		}
	}, nil)
	changed := false
	for i, st := range body.List {
		switch st.(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.IfStmt, *ast.SwitchStmt,
			*ast.TypeSwitchStmt, *ast.SelectStmt, *ast.BlockStmt, *ast.LabeledStmt:
		default:
			continue
		}
		pinned := false
		walkJumps(st, func(b *ast.BranchStmt) { pinned = pinned || b.Tok == token.GOTO },
			func(l *ast.LabeledStmt) { pinned = pinned || targets[l.Label.Name] })
		if pinned {
			continue
		}
		lit := &ast.FuncLit{
			Type: &ast.FuncType{Func: st.Pos(), Params: &ast.FieldList{Opening: st.Pos(), Closing: st.Pos()}},
			Body: &ast.BlockStmt{Lbrace: st.Pos(), List: []ast.Stmt{st}, Rbrace: st.End()},
		}
		body.List[i] = &ast.ExprStmt{X: &ast.CallExpr{Fun: lit, Lparen: st.End(), Rparen: st.End()}}
		changed = true
	}
	return changed
}

// walkJumps calls branch for every branch statement and label for every
// labeled statement under n, function literals excluded (either may be nil).
func walkJumps(n ast.Node, branch func(*ast.BranchStmt), label func(*ast.LabeledStmt)) {
	ast.Inspect(n, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BranchStmt:
			if branch != nil {
				branch(x)
			}
		case *ast.LabeledStmt:
			if label != nil {
				label(x)
			}
		}
		return true
	})
}
