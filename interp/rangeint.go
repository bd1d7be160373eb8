package interp

import (
	"fmt"
	"go/ast"
	"go/token"
	"reflect"

	"golang.org/x/tools/go/ast/astutil"
)

// rewriteRangeInt turns every `for k := range x` under n whose x may be an
// integer into a counting loop, `for k, _gkN := 0, x; k < _gkN; k++`:
// yaegi v0.16.1 has no range over int (Go 1.22) and panics compiling it.
// The session tries this only when a unit does not compile, and keeps it
// only if it then compiles (a slice or a map in x does not). x is
// evaluated once, as in Go. It reports whether it changed anything.
func rewriteRangeInt(n ast.Node, globals map[string]reflect.Value, seq *int) bool {
	// Names the code itself gives a value that is no integer (loosely, by
	// name): x := []int{...}, var x = make(...).
	notInt := map[string]bool{}
	note := func(names []ast.Expr, vals []ast.Expr) {
		if len(names) != len(vals) {
			return
		}
		for i, nm := range names {
			if id, ok := nm.(*ast.Ident); ok && !mayBeInt(vals[i], nil) {
				notInt[id.Name] = true
			}
		}
	}
	ast.Inspect(n, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.AssignStmt:
			note(x.Lhs, x.Rhs)
		case *ast.ValueSpec:
			var names []ast.Expr
			for _, id := range x.Names {
				names = append(names, id)
			}
			note(names, x.Values)
		}
		return true
	})
	local := map[string]reflect.Value{}
	for k, v := range globals {
		local[k] = v
	}
	for k := range notInt {
		local[k] = reflect.ValueOf("")
	}
	globals = local
	changed := false
	astutil.Apply(n, nil, func(c *astutil.Cursor) bool {
		r, ok := c.Node().(*ast.RangeStmt)
		if !ok || r.Value != nil || !mayBeInt(r.X, globals) {
			return true
		}
		if r.Key != nil {
			if _, ok := r.Key.(*ast.Ident); !ok {
				return true
			}
		}
		*seq++
		p := r.For
		key := &ast.Ident{NamePos: p, Name: fmt.Sprintf("_gkI%d", *seq)}
		if r.Key != nil && r.Key.(*ast.Ident).Name != "_" {
			key = r.Key.(*ast.Ident)
		}
		limit := &ast.Ident{NamePos: p, Name: fmt.Sprintf("_gkN%d", *seq)}
		tok := token.DEFINE
		if r.Tok == token.ASSIGN {
			// for k = range x: k already exists.
			tok = token.ASSIGN
			limit = &ast.Ident{NamePos: p, Name: "_"}
		}
		var init ast.Stmt
		if tok == token.DEFINE {
			init = &ast.AssignStmt{Lhs: []ast.Expr{key, limit}, TokPos: p, Tok: token.DEFINE,
				Rhs: []ast.Expr{&ast.BasicLit{ValuePos: p, Kind: token.INT, Value: "0"}, r.X}}
		} else {
			return true // rare; leave it to yaegi
		}
		c.Replace(&ast.ForStmt{
			For:  p,
			Init: init,
			Cond: &ast.BinaryExpr{X: &ast.Ident{NamePos: p, Name: key.Name}, OpPos: p, Op: token.LSS, Y: &ast.Ident{NamePos: p, Name: limit.Name}},
			Post: &ast.IncDecStmt{X: &ast.Ident{NamePos: p, Name: key.Name}, TokPos: p, Tok: token.INC},
			Body: r.Body,
		})
		changed = true
		return true
	})
	return changed
}

// mayBeInt reports whether x may be an integer: not a literal of another
// kind, a composite literal, a slice expression, a call of make, or a
// global of another kind.
func mayBeInt(x ast.Expr, globals map[string]reflect.Value) bool {
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		if v, ok := globals[x.Name]; ok && v.IsValid() {
			switch v.Kind() {
			case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
				reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
				return true
			}
			return false
		}
	case *ast.BasicLit:
		return x.Kind == token.INT
	case *ast.CompositeLit, *ast.SliceExpr, *ast.FuncLit, *ast.MapType, *ast.ArrayType:
		return false
	case *ast.CallExpr:
		if id, ok := x.Fun.(*ast.Ident); ok && (id.Name == "make" || id.Name == "append") {
			return false
		}
	}
	return true
}
