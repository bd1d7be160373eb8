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
	return countRanges(n, func(x ast.Expr) bool { return mayBeInt(x, local) }, seq)
}

// countRanges replaces every range statement under n whose range
// expression isInt accepts by its counting loop, and reports whether it
// replaced any.
func countRanges(n ast.Node, isInt func(ast.Expr) bool, seq *int) bool {
	changed := false
	astutil.Apply(n, nil, func(c *astutil.Cursor) bool {
		r, ok := c.Node().(*ast.RangeStmt)
		if !ok || !isInt(r.X) {
			return true
		}
		_, labeled := c.Parent().(*ast.LabeledStmt)
		if loop := countingLoop(r, labeled, seq); loop != nil {
			c.Replace(loop)
			changed = true
		}
		return true
	})
	return changed
}

// countingLoop returns the counting loop that stands for r, a `for k :=
// range x` or `for k = range x` over an integer x, or nil when r has a
// value or a key that is not a name:
//
//	{
//		_gkN := x
//		for _gkI := _gkN - _gkN; _gkI < _gkN; _gkI++ {
//			k := _gkI // or k = _gkI
//			{ body }
//		}
//	}
//
// x is evaluated once, as in Go, and the counter has x's type (an int64 or
// a named integer type too). The hidden counter keeps the loop's count when
// the body assigns to k, and k is a new variable in every iteration (as in
// Go 1.22, which closures capturing k can tell). A labeled loop cannot move
// into a block: its limit is then declared with the counter, which starts
// at x - x when x has no calls (so it has x's type) and at 0 otherwise. (No
// `_ = k` for a body that does not use k: yaegi does not check for unused
// variables, and at a cell's top level `_` can be a typed global.)
func countingLoop(r *ast.RangeStmt, labeled bool, seq *int) ast.Stmt {
	if r.Value != nil {
		return nil
	}
	k, _ := r.Key.(*ast.Ident)
	if r.Key != nil && k == nil {
		return nil
	}
	*seq++
	p := r.For
	id := func(name string) *ast.Ident { return &ast.Ident{NamePos: p, Name: name} }
	ctr := fmt.Sprintf("_gkI%d", *seq)
	limit := fmt.Sprintf("_gkN%d", *seq)
	body := r.Body
	if k != nil && k.Name != "_" {
		body = &ast.BlockStmt{Lbrace: r.Body.Lbrace, Rbrace: r.Body.Rbrace, List: []ast.Stmt{
			&ast.AssignStmt{Lhs: []ast.Expr{k}, TokPos: p, Tok: r.Tok, Rhs: []ast.Expr{id(ctr)}},
			r.Body,
		}}
	}
	loop := &ast.ForStmt{
		For:  p,
		Cond: &ast.BinaryExpr{X: id(ctr), OpPos: p, Op: token.LSS, Y: id(limit)},
		Post: &ast.IncDecStmt{X: id(ctr), TokPos: p, Tok: token.INC},
		Body: body,
	}
	if !labeled {
		loop.Init = &ast.AssignStmt{Lhs: []ast.Expr{id(ctr)}, TokPos: p, Tok: token.DEFINE,
			Rhs: []ast.Expr{&ast.BinaryExpr{X: id(limit), OpPos: p, Op: token.SUB, Y: id(limit)}}}
		return &ast.BlockStmt{Lbrace: p, Rbrace: r.End(), List: []ast.Stmt{
			&ast.AssignStmt{Lhs: []ast.Expr{id(limit)}, TokPos: p, Tok: token.DEFINE, Rhs: []ast.Expr{r.X}},
			loop,
		}}
	}
	var start ast.Expr = &ast.BasicLit{ValuePos: p, Kind: token.INT, Value: "0"}
	if callFree(r.X) {
		start = &ast.BinaryExpr{X: r.X, OpPos: p, Op: token.SUB, Y: r.X}
	}
	loop.Init = &ast.AssignStmt{Lhs: []ast.Expr{id(ctr), id(limit)}, TokPos: p, Tok: token.DEFINE,
		Rhs: []ast.Expr{start, r.X}}
	return loop
}

// callFree reports whether x calls nothing (so evaluating it twice is
// harmless).
func callFree(x ast.Expr) bool {
	free := true
	ast.Inspect(x, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.CallExpr, *ast.FuncLit, *ast.UnaryExpr:
			// UnaryExpr: a channel receive (<-c) has an effect.
			if u, ok := n.(*ast.UnaryExpr); !ok || u.Op == token.ARROW {
				free = false
			}
		}
		return free
	})
	return free
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

// rewriteGenericRanges rewrites, in the bodies of the generic functions
// and methods that f declares, every `for k := range x` whose x is certainly
// an integer (certainlyInt). yaegi compiles a generic body only when a call
// instantiates it, so a range over int there fails in the calling unit, and
// the retry of rewriteRangeInt, which works on the failing unit, never
// reaches the declaration. Only certain integers are rewritten because the
// declaration compiles either way: a wrong rewrite would surface later, at
// the call. It reports whether it changed anything.
func rewriteGenericRanges(f *ast.File, seq *int) bool {
	changed := false
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil || !generic(fd) {
			continue
		}
		ints := intNames(fd)
		if countRanges(fd.Body, func(x ast.Expr) bool { return certainlyInt(x, ints) }, seq) {
			changed = true
		}
	}
	return changed
}

// generic reports whether fd declares a generic function or a method of a
// generic type.
func generic(fd *ast.FuncDecl) bool {
	if fd.Type.TypeParams != nil && len(fd.Type.TypeParams.List) > 0 {
		return true
	}
	if fd.Recv != nil && len(fd.Recv.List) == 1 {
		t := fd.Recv.List[0].Type
		if st, ok := t.(*ast.StarExpr); ok {
			t = st.X
		}
		switch t.(type) {
		case *ast.IndexExpr, *ast.IndexListExpr:
			return true
		}
	}
	return false
}

// intNames returns the names in fd that are certainly of type int: its
// parameters, results and locals declared once in the whole function (so
// that no scope can give the name another type) with the type int or an
// initial value that certainlyInt accepts.
func intNames(fd *ast.FuncDecl) map[string]bool {
	decls := map[string]int{}
	ints := map[string]bool{}
	fields := func(fl *ast.FieldList, record bool) {
		if fl == nil {
			return
		}
		for _, fld := range fl.List {
			for _, nm := range fld.Names {
				decls[nm.Name]++
				if id, ok := fld.Type.(*ast.Ident); record && ok && id.Name == "int" {
					ints[nm.Name] = true
				}
			}
		}
	}
	fields(fd.Recv, true)
	fields(fd.Type.Params, true)
	fields(fd.Type.Results, true)
	ast.Inspect(fd.Body, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.AssignStmt:
			if x.Tok != token.DEFINE {
				break
			}
			for i, l := range x.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					decls[id.Name]++
					if len(x.Lhs) == len(x.Rhs) && certainlyInt(x.Rhs[i], ints) {
						ints[id.Name] = true
					}
				}
			}
		case *ast.ValueSpec:
			typedInt := false
			if id, ok := x.Type.(*ast.Ident); ok && id.Name == "int" {
				typedInt = true
			}
			for i, nm := range x.Names {
				decls[nm.Name]++
				if typedInt || (x.Type == nil && i < len(x.Values) && certainlyInt(x.Values[i], ints)) {
					ints[nm.Name] = true
				}
			}
		case *ast.RangeStmt:
			if x.Tok == token.DEFINE {
				for _, e := range []ast.Expr{x.Key, x.Value} {
					if id, ok := e.(*ast.Ident); ok {
						decls[id.Name]++
					}
				}
			}
		case *ast.FuncLit:
			fields(x.Type.Params, false)
			fields(x.Type.Results, false)
		}
		return true
	})
	for name := range ints {
		if decls[name] != 1 {
			delete(ints, name)
		}
	}
	return ints
}

// certainlyInt reports whether x is an int whatever the types the source
// does not show: an integer literal, len or cap, a conversion to int, a name
// in ints, or arithmetic on those. (Other integer types are left alone: the
// counting loop's counter is an int.)
func certainlyInt(x ast.Expr, ints map[string]bool) bool {
	switch x := ast.Unparen(x).(type) {
	case *ast.BasicLit:
		return x.Kind == token.INT
	case *ast.Ident:
		return ints[x.Name]
	case *ast.CallExpr:
		if id, ok := x.Fun.(*ast.Ident); ok {
			return id.Name == "len" || id.Name == "cap" || id.Name == "int"
		}
	case *ast.BinaryExpr:
		switch x.Op {
		case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.SHL, token.SHR,
			token.AND, token.OR, token.XOR, token.AND_NOT:
			return certainlyInt(x.X, ints) && certainlyInt(x.Y, ints)
		}
	case *ast.UnaryExpr:
		return (x.Op == token.SUB || x.Op == token.ADD || x.Op == token.XOR) && certainlyInt(x.X, ints)
	}
	return false
}
