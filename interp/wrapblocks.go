package interp

import "go/ast"

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
	changed := false
	for i, st := range body.List {
		switch st.(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.IfStmt, *ast.SwitchStmt,
			*ast.TypeSwitchStmt, *ast.SelectStmt, *ast.BlockStmt, *ast.LabeledStmt:
		default:
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
