package interp

import (
	"go/ast"
	"go/token"
	"reflect"

	"golang.org/x/tools/go/ast/astutil"
)

// The prelude's min and max are generic functions (yaegi v0.16.1 has no
// such builtins), and yaegi gets three uses of them wrong; the session
// rewrites those calls.

// untypedFloatMinMax makes min(2, 1.5) a float64 as in Go: the prelude's
// type parameter comes from the first argument, so an integer literal first
// and a float literal after it gave an int. It converts that first literal
// to float64. It reports whether it changed anything.
func untypedFloatMinMax(n ast.Node) bool {
	changed := false
	ast.Inspect(n, func(x ast.Node) bool {
		call, ok := minMaxCall(x)
		if !ok || len(call.Args) < 2 || literalKind(call.Args[0]) != token.INT {
			return true
		}
		for _, a := range call.Args[1:] {
			if literalKind(a) == token.FLOAT {
				p := call.Args[0].Pos()
				call.Args[0] = &ast.CallExpr{Fun: &ast.Ident{NamePos: p, Name: "float64"}, Lparen: p,
					Args: []ast.Expr{call.Args[0]}, Rparen: call.Args[0].End()}
				changed = true
				break
			}
		}
		return true
	})
	return changed
}

// typedMinMax is a fallback for a run that does not compile. yaegi cannot
// give a global the result of a generic call, so `lo := min(x, 10)` at the
// top level of a cell failed ("nil reflect type"), and min(x) with one
// argument made it panic. It wraps such a right-hand side in a closure of
// the result's type, `lo := func() int { return min(x, 10) }()`, when the
// arguments tell the type (a global of a basic type, a conversion, len or
// cap, or untyped literals), and turns min(x) into (x). It reports whether
// it changed anything.
func typedMinMax(body *ast.BlockStmt, globals map[string]reflect.Value) bool {
	changed := false
	astutil.Apply(body, nil, func(c *astutil.Cursor) bool {
		if call, ok := minMaxCall(c.Node()); ok && len(call.Args) == 1 {
			c.Replace(&ast.ParenExpr{Lparen: call.Pos(), X: call.Args[0], Rparen: call.End()})
			changed = true
		}
		return true
	})
	// The types of the run's own top-level variables, where their values
	// tell them (x := 3 before lo := min(x, 10) in the same cell).
	locals := map[string]string{}
	topDefines(body, func(name string, value ast.Expr) {
		if _, isCall := minMaxCall(value); !isCall {
			if t := minMaxType([]ast.Expr{value}, globals, locals); t != "" {
				locals[name] = t
			}
		}
	})
	for _, st := range body.List {
		as, ok := st.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			continue
		}
		call, ok := minMaxCall(as.Rhs[0])
		if !ok {
			continue
		}
		t := minMaxType(call.Args, globals, locals)
		if id, ok := as.Lhs[0].(*ast.Ident); ok && t != "" {
			locals[id.Name] = t
		}
		if t == "" {
			continue
		}
		p := call.Pos()
		as.Rhs[0] = &ast.CallExpr{Fun: &ast.FuncLit{
			Type: &ast.FuncType{Func: p, Params: &ast.FieldList{Opening: p, Closing: p},
				Results: &ast.FieldList{List: []*ast.Field{{Type: &ast.Ident{NamePos: p, Name: t}}}}},
			Body: &ast.BlockStmt{Lbrace: p, List: []ast.Stmt{&ast.ReturnStmt{Return: p, Results: []ast.Expr{call}}}, Rbrace: call.End()},
		}, Lparen: call.End(), Rparen: call.End()}
		changed = true
	}
	return changed
}

// minMaxCall returns x as a call of min or max.
func minMaxCall(x ast.Node) (*ast.CallExpr, bool) {
	call, ok := x.(*ast.CallExpr)
	if !ok {
		return nil, false
	}
	id, ok := call.Fun.(*ast.Ident)
	return call, ok && (id.Name == "min" || id.Name == "max")
}

// literalKind returns the kind of a numeric or string literal (a minus
// sign allowed), or token.ILLEGAL.
func literalKind(e ast.Expr) token.Token {
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		return e.Kind
	case *ast.UnaryExpr:
		if e.Op == token.SUB || e.Op == token.ADD {
			return literalKind(e.X)
		}
	}
	return token.ILLEGAL
}

// minMaxType returns the name of the type of min or max of args, or "" when
// the source does not tell it. locals are the types of the run's own
// variables, which are not globals yet.
func minMaxType(args []ast.Expr, globals map[string]reflect.Value, locals map[string]string) string {
	for _, a := range args {
		switch a := ast.Unparen(a).(type) {
		case *ast.Ident:
			if t, ok := locals[a.Name]; ok {
				return t
			}
			if v, ok := globals[a.Name]; ok && v.IsValid() {
				if t := v.Type(); t.PkgPath() == "" && t.Name() == t.Kind().String() && t.Kind() <= reflect.String {
					return t.Name()
				}
			}
		case *ast.CallExpr:
			if id, ok := a.Fun.(*ast.Ident); ok {
				switch id.Name {
				case "len", "cap":
					return "int"
				case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
					"float32", "float64", "string", "byte", "rune":
					return id.Name
				}
			}
		}
	}
	kind := token.ILLEGAL
	for _, a := range args {
		switch k := literalKind(a); {
		case k == token.ILLEGAL:
			return ""
		case k == token.FLOAT || kind == token.FLOAT:
			kind = token.FLOAT
		default:
			kind = k
		}
	}
	switch kind {
	case token.INT, token.CHAR:
		if kind == token.CHAR {
			return "rune"
		}
		return "int"
	case token.FLOAT:
		return "float64"
	case token.STRING:
		return "string"
	}
	return ""
}
