package assist

import (
	"go/ast"
	"go/parser"
	"go/types"
	"reflect"
)

// sessionTypeOf names the interpreted type of a live value. yaegi gives
// interpreted structs unnamed reflect types; the session type whose declared
// fields (FieldScope) are exactly the struct's fields is taken as its type,
// when there is only one.
func (r *resolver) sessionTypeOf(t reflect.Type) string {
	if t == nil {
		return ""
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	fs, ok := r.s.(FieldScope)
	if !ok || t.Kind() != reflect.Struct || t.Name() != "" {
		return ""
	}
	match := ""
	for _, g := range r.globals {
		if g.Kind != KindType {
			continue
		}
		fields := fs.Fields(g.Name)
		if len(fields) != t.NumField() {
			continue
		}
		same := true
		for i, f := range fields {
			if sourceFieldName(t.Field(i).Name) != f.Name && t.Field(i).Name != f.Name {
				same = false
				break
			}
		}
		if same {
			if match != "" {
				return "" // ambiguous
			}
			match = g.Name
		}
	}
	return match
}

// typeString resolves a type written as text by the session ("*mat.Dense").
func (r *resolver) typeString(s string) typeRef {
	if s == "" {
		return typeRef{}
	}
	return r.typeExpr(parseType(s), "")
}

// typeExpr resolves a type expression read in package ctx ("" for the cell
// and the session, where package names are the session's imports).
func (r *resolver) typeExpr(t ast.Expr, ctx string) typeRef {
	switch x := t.(type) {
	case nil:
		return typeRef{}
	case *ast.ParenExpr:
		return r.typeExpr(x.X, ctx)
	case *ast.StarExpr:
		return r.typeExpr(x.X, ctx)
	case *ast.Ident:
		if types.Universe.Lookup(x.Name) != nil {
			return typeRef{name: x.Name, path: "builtin"}
		}
		if ctx != "" {
			return typeRef{path: ctx, name: x.Name}
		}
		return typeRef{name: x.Name}
	case *ast.SelectorExpr:
		id, ok := x.X.(*ast.Ident)
		if !ok {
			return typeRef{}
		}
		p := ""
		if ctx == "" {
			p, _ = r.importPath(id.Name)
		}
		if p == "" {
			p = r.docs.pathByName(id.Name)
		}
		if p == "" {
			return typeRef{}
		}
		return typeRef{path: p, name: x.Sel.Name}
	case *ast.ArrayType, *ast.MapType, *ast.ChanType:
		return typeRef{expr: t, ctx: ctx}
	}
	return typeRef{}
}

// elemType is the type of an element of a slice, array, map or pointer to
// array of type t.
func (r *resolver) elemType(t typeRef) typeRef {
	if t.rt != nil {
		e := t.rt
		if e.Kind() == reflect.Pointer && e.Elem().Kind() == reflect.Array {
			e = e.Elem()
		}
		switch e.Kind() {
		case reflect.Slice, reflect.Array, reflect.Map:
			return fromType(e.Elem())
		}
		return typeRef{}
	}
	switch x := t.expr.(type) {
	case *ast.ArrayType:
		return r.typeExpr(x.Elt, t.ctx)
	case *ast.MapType:
		return r.typeExpr(x.Value, t.ctx)
	}
	return typeRef{}
}

// parseType parses a type written as text; nil when it does not parse.
func parseType(s string) ast.Expr {
	e, err := parser.ParseExpr(s)
	if err != nil {
		return nil
	}
	return e
}

// typeName is the name of the named type in a type string ("*Net" -> "Net",
// "mat.Dense" -> "Dense"), empty for unnamed types.
func typeName(s string) string {
	switch x := parseType(s).(type) {
	case *ast.StarExpr:
		if id, ok := x.X.(*ast.Ident); ok {
			return id.Name
		}
	case *ast.Ident:
		return x.Name
	}
	return ""
}

// selectorString renders an identifier or a chain of selectors on one
// ("m.W.Data"); anything else gives "".
func selectorString(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		if s := selectorString(x.X); s != "" {
			return s + "." + x.Sel.Name
		}
	}
	return ""
}
