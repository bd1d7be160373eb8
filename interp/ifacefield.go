package interp

import (
	"go/ast"
	"go/token"
	"reflect"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

// ifaceFields rewrites composite literals of compiled struct types that set
// an interface-typed field by key, such as ae.FitOptions{Epochs: 5,
// Optimizer: opt}: yaegi v0.16.1 panics at run time ("reflect.Set: value of
// type ... is not assignable") when the value is of a type declared in a
// cell, though assigning the field afterwards works. The literal becomes a
// closure that builds it without those fields and then assigns them:
//
//	func() ae.FitOptions { _gkS := ae.FitOptions{Epochs: 5}; _gkS.Optimizer = opt; return _gkS }()
//
// (or the same with *T for &T{...}). typeOf returns the compiled type an
// imported package name and a type name denote, or nil. It reports whether
// it changed anything.
func ifaceFields(n ast.Node, typeOf func(pkg, name string) reflect.Type, seq *int) bool {
	changed := false
	astutil.Apply(n, nil, func(c *astutil.Cursor) bool {
		var lit *ast.CompositeLit
		pointer := false
		switch x := c.Node().(type) {
		case *ast.UnaryExpr:
			if cl, ok := x.X.(*ast.CompositeLit); ok && x.Op == token.AND {
				lit, pointer = cl, true
			}
		case *ast.CompositeLit:
			if u, ok := c.Parent().(*ast.UnaryExpr); ok && u.Op == token.AND {
				return true // handled with its &
			}
			lit = x
		}
		if lit == nil {
			return true
		}
		sel, ok := lit.Type.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		pkg, ok := sel.X.(*ast.Ident)
		if !ok {
			return true
		}
		t := typeOf(pkg.Name, sel.Sel.Name)
		if t == nil || t.Kind() != reflect.Struct {
			return true
		}
		var keep []ast.Expr
		var moved []*ast.KeyValueExpr
		for _, e := range lit.Elts {
			kv, ok := e.(*ast.KeyValueExpr)
			if !ok {
				return true // positional: leave the literal alone
			}
			key, ok := kv.Key.(*ast.Ident)
			if !ok {
				return true
			}
			f, ok := t.FieldByName(key.Name)
			if v, isID := kv.Value.(*ast.Ident); ok && f.Type.Kind() == reflect.Interface && !(isID && v.Name == "nil") {
				moved = append(moved, kv)
				continue
			}
			keep = append(keep, e)
		}
		if len(moved) == 0 {
			return true
		}
		*seq++
		p := lit.Pos()
		tmp := "_gkS" + strconv.Itoa(*seq)
		id := func() *ast.Ident { return &ast.Ident{NamePos: p, Name: tmp} }
		var built ast.Expr = &ast.CompositeLit{Type: lit.Type, Lbrace: lit.Lbrace, Elts: keep, Rbrace: lit.Rbrace}
		var result ast.Expr = lit.Type
		if pointer {
			built = &ast.UnaryExpr{OpPos: p, Op: token.AND, X: built}
			result = &ast.StarExpr{Star: p, X: lit.Type}
		}
		body := []ast.Stmt{&ast.AssignStmt{Lhs: []ast.Expr{id()}, TokPos: p, Tok: token.DEFINE, Rhs: []ast.Expr{built}}}
		for _, kv := range moved {
			body = append(body, &ast.AssignStmt{
				Lhs:    []ast.Expr{&ast.SelectorExpr{X: id(), Sel: &ast.Ident{NamePos: p, Name: kv.Key.(*ast.Ident).Name}}},
				TokPos: p, Tok: token.ASSIGN, Rhs: []ast.Expr{kv.Value}})
		}
		body = append(body, &ast.ReturnStmt{Return: p, Results: []ast.Expr{id()}})
		c.Replace(&ast.CallExpr{Fun: &ast.FuncLit{
			Type: &ast.FuncType{Func: p, Params: &ast.FieldList{Opening: p, Closing: p},
				Results: &ast.FieldList{List: []*ast.Field{{Type: result}}}},
			Body: &ast.BlockStmt{Lbrace: p, List: body, Rbrace: lit.End()},
		}, Lparen: lit.End(), Rparen: lit.End()})
		changed = true
		return true
	})
	return changed
}

// compiledType returns the type named name of the compiled package that
// the cells import as pkg (imports maps names to paths), from the symbol
// tables, or nil.
func compiledType(tables []map[string]map[string]reflect.Value, imports map[string]string, pkg, name string) reflect.Type {
	path, ok := imports[pkg]
	if !ok {
		return nil
	}
	for _, t := range tables {
		for key, syms := range t {
			if strings.HasPrefix(key, path+"/") && !strings.Contains(key[len(path)+1:], "/") {
				if v, ok := syms[name]; ok && v.Kind() == reflect.Pointer && v.IsNil() {
					return v.Type().Elem()
				}
			}
		}
	}
	return nil
}
