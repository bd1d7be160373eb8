package interp

import (
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strings"
)

// typedCommaOK is a fallback for a run that does not compile. yaegi v0.16.1
// cannot compile a comma-ok form at the top level of a cell (`v, ok :=
// m[k]`, `x, ok := a.(T)`, `v, ok := <-c`: "nil type"), though it can
// inside a function. It moves each such statement into a closure of the
// value's type:
//
//	v, ok := func() (V, bool) { v, ok := m[k]; return v, ok }()
//
// when the type is known: written in the code (the asserted type; the
// element type of a map or channel made in the same cell) or taken from the
// global's value. It reports whether it changed anything.
func typedCommaOK(body *ast.BlockStmt, globals map[string]reflect.Value, imports map[string]string) bool {
	// Map and channel types written in the run: m := map[K]V{...}, c :=
	// make(chan T), var m map[K]V.
	written := map[string]ast.Expr{}
	topDefines(body, func(name string, value ast.Expr) {
		if t := writtenType(value); t != nil {
			written[name] = t
		}
	})
	changed := false
	for _, st := range body.List {
		as, ok := st.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE || len(as.Lhs) != 2 || len(as.Rhs) != 1 {
			continue
		}
		var elem ast.Expr
		switch x := ast.Unparen(as.Rhs[0]).(type) {
		case *ast.TypeAssertExpr:
			elem = x.Type
		case *ast.IndexExpr:
			elem = elemType(x.X, token.MAP, written, globals, imports)
		case *ast.UnaryExpr:
			if x.Op == token.ARROW {
				elem = elemType(x.X, token.CHAN, written, globals, imports)
			}
		}
		if elem == nil {
			continue
		}
		p := as.Pos()
		id := func(name string) *ast.Ident { return &ast.Ident{NamePos: p, Name: name} }
		lit := &ast.FuncLit{
			Type: &ast.FuncType{Func: p, Params: &ast.FieldList{Opening: p, Closing: p},
				Results: &ast.FieldList{Opening: p, Closing: p, List: []*ast.Field{{Type: elem}, {Type: id("bool")}}}},
			Body: &ast.BlockStmt{Lbrace: p, Rbrace: as.End(), List: []ast.Stmt{
				&ast.AssignStmt{Lhs: []ast.Expr{id("_gkV"), id("_gkOK")}, TokPos: p, Tok: token.DEFINE, Rhs: as.Rhs},
				&ast.ReturnStmt{Return: p, Results: []ast.Expr{id("_gkV"), id("_gkOK")}},
			}},
		}
		as.Rhs = []ast.Expr{&ast.CallExpr{Fun: lit, Lparen: as.End(), Rparen: as.End()}}
		changed = true
	}
	return changed
}

// topDefines calls f, in order, for every name that a top-level `:=` of
// body gives a value of its own (not a multi-value call), with that value.
func topDefines(body *ast.BlockStmt, f func(name string, value ast.Expr)) {
	for _, st := range body.List {
		as, ok := st.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE || len(as.Lhs) != len(as.Rhs) {
			continue
		}
		for i, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok {
				f(id.Name, as.Rhs[i])
			}
		}
	}
}

// writtenType returns the map or channel type that e makes, when e says
// it: a composite literal of a map type, or make of a map or channel type.
func writtenType(e ast.Expr) ast.Expr {
	switch e := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		if _, ok := e.Type.(*ast.MapType); ok {
			return e.Type
		}
	case *ast.CallExpr:
		if id, ok := e.Fun.(*ast.Ident); ok && id.Name == "make" && len(e.Args) > 0 {
			switch e.Args[0].(type) {
			case *ast.MapType, *ast.ChanType:
				return e.Args[0]
			}
		}
	}
	return nil
}

// elemType returns the value type of the map (kind token.MAP) or channel
// (token.CHAN) named by x, from the code of the run or from the global's
// type, or nil.
func elemType(x ast.Expr, kind token.Token, written map[string]ast.Expr, globals map[string]reflect.Value, imports map[string]string) ast.Expr {
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return nil
	}
	if t, ok := written[id.Name]; ok {
		switch t := t.(type) {
		case *ast.MapType:
			if kind == token.MAP {
				return t.Value
			}
		case *ast.ChanType:
			if kind == token.CHAN {
				return t.Value
			}
		}
		return nil
	}
	v, ok := globals[id.Name]
	if !ok || !v.IsValid() {
		return nil
	}
	t := v.Type()
	if (kind == token.MAP && t.Kind() != reflect.Map) || (kind == token.CHAN && t.Kind() != reflect.Chan) {
		return nil
	}
	return typeExpr(t.Elem(), imports)
}

// typeExpr returns t as a type expression a cell can write, or nil when its
// name involves a package the session has not imported (or is unnamed in a
// way reflect cannot print).
func typeExpr(t reflect.Type, imports map[string]string) ast.Expr {
	src := strings.ReplaceAll(t.String(), "main.", "")
	e, err := parser.ParseExpr(src)
	if err != nil {
		return nil
	}
	known := map[string]bool{}
	for name := range imports {
		known[name] = true
	}
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		if sel, isSel := n.(*ast.SelectorExpr); isSel {
			if pkg, isID := sel.X.(*ast.Ident); !isID || !known[pkg.Name] {
				ok = false
			}
			return false
		}
		if _, isStruct := n.(*ast.StructType); isStruct {
			ok = false // an anonymous struct type with unexported fields would not match
		}
		return ok
	})
	if !ok {
		return nil
	}
	return e
}
