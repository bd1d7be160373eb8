package assist

import (
	"go/ast"
	"go/constant"
	"reflect"
	"strings"
)

// typeRef is what assist knows of the type of an expression. Any of its
// parts may be missing: rt when the value is not live, path and name when
// the type is unnamed or unknown. path is empty for types declared in the
// session or the cell.
type typeRef struct {
	rt   reflect.Type
	path string
	name string
	// expr is an unnamed documented type ([]*Dense) read in package ctx.
	expr ast.Expr
	ctx  string
}

func (t typeRef) known() bool { return t.rt != nil || t.name != "" || t.expr != nil }

// resolver finds the types of expressions from the live session (Scope),
// the cell text (cellInfo) and the embedded documentation.
type resolver struct {
	s       Scope
	cell    *cellInfo
	docs    *docIndex
	depth   int
	imports map[string]string // Scope.Imports, asked once
	globals map[string]Symbol // Scope.Globals by name, asked once
}

func newResolver(s Scope, cell *cellInfo) *resolver {
	r := &resolver{s: s, cell: cell, docs: loadDocs(), globals: map[string]Symbol{}}
	if s != nil {
		r.imports = s.Imports()
		for _, g := range s.Globals() {
			r.globals[g.Name] = g
		}
	}
	return r
}

// imports merges the session's imports with the cell's own.
func (r *resolver) importPath(name string) (string, bool) {
	if _, local := r.cell.names[name]; local {
		return "", false
	}
	if p, ok := r.cell.imports[name]; ok {
		return p, true
	}
	p, ok := r.imports[name]
	return p, ok
}

// pkgPath is importPath, falling back to a documented package that the
// cell has not imported yet (the user is about to).
func (r *resolver) pkgPath(name string) (string, bool) {
	if p, ok := r.importPath(name); ok {
		return p, true
	}
	if _, local := r.cell.names[name]; local {
		return "", false
	}
	if _, global := r.global(name); global {
		return "", false
	}
	p := r.docs.pathByName(name)
	return p, p != ""
}

// global returns the session's symbol for name.
func (r *resolver) global(name string) (Symbol, bool) {
	g, ok := r.globals[name]
	return g, ok
}

func (r *resolver) lookup(expr string) (reflect.Value, bool) {
	if r.s == nil || expr == "" {
		return reflect.Value{}, false
	}
	v, ok := r.s.Lookup(expr)
	if !ok || !v.IsValid() {
		return reflect.Value{}, false
	}
	if v.Type().Implements(constantValue) {
		// yaegi keeps untyped constants as go/constant values: their
		// methods are not the constant's.
		return reflect.Value{}, false
	}
	return v, true
}

var constantValue = reflect.TypeFor[constant.Value]()

// fromValue is the type of a live value; an interface holding a value gives
// its dynamic type.
func fromValue(v reflect.Value) typeRef {
	if v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	return fromType(v.Type())
}

func fromType(t reflect.Type) typeRef {
	ref := typeRef{rt: t}
	n := t
	if n.Kind() == reflect.Pointer {
		n = n.Elem()
	}
	ref.path, ref.name = n.PkgPath(), n.Name()
	return ref
}

// exprType returns the type of e, a Go expression from the cell.
func (r *resolver) exprType(e ast.Expr) typeRef {
	if r.depth > 16 {
		return typeRef{}
	}
	r.depth++
	defer func() { r.depth-- }()

	if s := selectorString(e); s != "" {
		if _, local := r.cell.names[strings.Split(s, ".")[0]]; !local {
			if v, ok := r.lookup(s); ok {
				ref := fromValue(v)
				if ref.name == "" {
					if g, ok := r.global(s); ok {
						ref.name = typeName(g.Type)
					}
				}
				if ref.name == "" {
					ref.name = r.sessionTypeOf(ref.rt)
				}
				return ref
			}
		}
	}
	switch x := e.(type) {
	case *ast.ParenExpr:
		return r.exprType(x.X)
	case *ast.Ident:
		return r.identType(x.Name)
	case *ast.SelectorExpr:
		return r.selectorType(x)
	case *ast.CallExpr:
		return r.callType(x)
	case *ast.CompositeLit:
		return r.typeExpr(x.Type, "")
	case *ast.UnaryExpr:
		return r.exprType(x.X)
	case *ast.StarExpr:
		return r.exprType(x.X)
	case *ast.TypeAssertExpr:
		return r.typeExpr(x.Type, "")
	case *ast.IndexExpr:
		return r.elemType(r.exprType(x.X))
	case *ast.SliceExpr:
		return r.exprType(x.X)
	}
	return typeRef{}
}

func (r *resolver) identType(name string) typeRef {
	if b, ok := r.cell.names[name]; ok {
		switch {
		case b.typ != nil:
			return r.typeExpr(b.typ, "")
		case b.value != nil && b.index == 0:
			return r.exprType(b.value)
		case b.value != nil:
			if call, ok := b.value.(*ast.CallExpr); ok {
				return r.resultType(call.Fun, b.index)
			}
		}
		return typeRef{}
	}
	if g, ok := r.global(name); ok && g.Kind != KindFunc {
		return r.typeString(g.Type)
	}
	return typeRef{}
}

func (r *resolver) selectorType(x *ast.SelectorExpr) typeRef {
	if id, ok := x.X.(*ast.Ident); ok {
		if p, ok := r.pkgPath(id.Name); ok {
			if m, ok := r.docs.member(p, x.Sel.Name); ok && m.Result != "" {
				return r.typeExpr(parseType(m.Result), p)
			}
			return typeRef{}
		}
	}
	return r.fieldType(r.exprType(x.X), x.Sel.Name)
}

// fieldType is the type of field name of a value of type t.
func (r *resolver) fieldType(t typeRef, name string) typeRef {
	if t.rt != nil {
		st := t.rt
		if st.Kind() == reflect.Pointer {
			st = st.Elem()
		}
		if st.Kind() == reflect.Struct {
			if f, ok := st.FieldByName(name); ok {
				return fromType(f.Type)
			}
			if f, ok := st.FieldByName("X" + name); ok && st.Name() == "" {
				return fromType(f.Type) // an unexported field of an interpreted struct
			}
		}
	}
	if t.path != "" {
		if m, ok := r.docs.member(t.path, t.name+"."+name); ok && m.Kind == "field" {
			return r.typeExpr(parseType(m.Result), t.path)
		}
	}
	if ts, ok := r.cell.types[t.name]; ok && t.path == "" {
		if st, ok := ts.Type.(*ast.StructType); ok {
			for _, f := range st.Fields.List {
				for _, n := range f.Names {
					if n.Name == name {
						return r.typeExpr(f.Type, "")
					}
				}
			}
		}
	}
	return typeRef{}
}

func (r *resolver) callType(c *ast.CallExpr) typeRef {
	if id, ok := c.Fun.(*ast.Ident); ok && len(c.Args) > 0 {
		switch id.Name {
		case "new", "make":
			if _, shadowed := r.cell.names[id.Name]; !shadowed {
				return r.typeExpr(c.Args[0], "")
			}
		}
	}
	return r.resultType(c.Fun, 0)
}

// resultType is the type of result i of calling fun. The live function's
// reflect type comes first; the session's or the docs' signature fills in
// the name of an interpreted result type, or replaces a result declared as
// an interface.
func (r *resolver) resultType(fun ast.Expr, i int) typeRef {
	var live typeRef
	if s := selectorString(fun); s != "" {
		if v, ok := r.lookup(s); ok && v.Kind() == reflect.Func && v.Type().NumOut() > i {
			live = fromType(v.Type().Out(i))
		}
	}
	static := r.staticResultType(fun, i)
	switch {
	case !live.known():
		return static
	case live.rt.Kind() == reflect.Interface && static.known():
		// Keep both: the interface's methods and those of the declared type.
		static.rt = live.rt
		return static
	case live.name == "" && static.path == "":
		live.name = static.name
	}
	return live
}

func (r *resolver) staticResultType(fun ast.Expr, i int) typeRef {
	switch f := fun.(type) {
	case *ast.Ident:
		if fd, ok := r.cell.funcs[f.Name]; ok {
			return r.fieldListType(fd.Type.Results, i, "")
		}
		if _, ok := r.cell.types[f.Name]; ok && i == 0 { // conversion
			return typeRef{name: f.Name}
		}
		if g, ok := r.global(f.Name); ok {
			if g.Kind == KindType {
				return typeRef{name: f.Name}
			}
			return r.funcResult(g.Type, i)
		}
	case *ast.SelectorExpr:
		if id, ok := f.X.(*ast.Ident); ok {
			if p, ok := r.pkgPath(id.Name); ok {
				m, ok := r.docs.member(p, f.Sel.Name)
				switch {
				case ok && m.Kind == "type":
					return typeRef{path: p, name: m.Name}
				case ok && i == 0 && m.Result != "":
					return r.typeExpr(parseType(m.Result), p)
				}
				return typeRef{}
			}
		}
		return r.methodResult(r.exprType(f.X), f.Sel.Name, i)
	}
	return typeRef{}
}

// methodResult is the type of result i of method name of type t.
func (r *resolver) methodResult(t typeRef, name string, i int) typeRef {
	if t.rt != nil {
		for _, mt := range []reflect.Type{t.rt, reflect.PointerTo(t.rt)} {
			if m, ok := mt.MethodByName(name); ok && m.Type.NumOut() > i {
				return fromType(m.Type.Out(i))
			}
		}
	}
	if t.path != "" && i == 0 {
		if m, ok := r.docs.member(t.path, t.name+"."+name); ok && m.Result != "" {
			return r.typeExpr(parseType(m.Result), t.path)
		}
	}
	if t.path == "" && t.name != "" {
		for _, fd := range r.cell.methods[t.name] {
			if fd.Name.Name == name {
				return r.fieldListType(fd.Type.Results, i, "")
			}
		}
		if r.s != nil {
			for _, m := range r.s.Methods(t.name) {
				if m.Name == name {
					return r.funcResult(m.Type, i)
				}
			}
		}
	}
	return typeRef{}
}

func (r *resolver) fieldListType(fl *ast.FieldList, i int, ctx string) typeRef {
	if fl == nil {
		return typeRef{}
	}
	n := 0
	for _, f := range fl.List {
		k := max(len(f.Names), 1)
		if i < n+k {
			return r.typeExpr(f.Type, ctx)
		}
		n += k
	}
	return typeRef{}
}

// funcResult reads result i of a signature given as text
// ("func(int) (*Net, error)").
func (r *resolver) funcResult(sig string, i int) typeRef {
	ft, ok := parseType(sig).(*ast.FuncType)
	if !ok {
		return typeRef{}
	}
	return r.fieldListType(ft.Results, i, "")
}
