package assist

import (
	"go/ast"
	"go/printer"
	"go/token"
	"reflect"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// members lists the fields and methods a value of type t offers to a
// selector, from every source that knows t: reflect for live values, the
// embedded docs for documented types, the session and the cell for
// interpreted types. The result is sorted by name, without duplicates.
func (r *resolver) members(t typeRef) []Symbol {
	seen := map[string]Symbol{}
	add := func(s Symbol) {
		if s.Name == "" {
			return
		}
		if old, ok := seen[s.Name]; ok {
			if old.Doc == "" {
				old.Doc = s.Doc
			}
			if old.Type == "" {
				old.Type = s.Type
			}
			seen[s.Name] = old
			return
		}
		seen[s.Name] = s
	}
	if t.rt != nil {
		for _, s := range reflectMembers(t.rt) {
			add(s)
		}
	}
	if t.path != "" && t.name != "" {
		for _, m := range r.docs.typeMembers(t.path, t.name) {
			add(Symbol{Name: m.Name[len(t.name)+1:], Kind: kindOf(m.Kind), Type: m.Sig, Doc: m.Doc})
		}
	}
	if t.path == "" && t.name != "" {
		for _, s := range r.sessionMembers(t.name) {
			add(s)
		}
	}
	out := make([]Symbol, 0, len(seen))
	for _, s := range seen {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// sessionMembers lists the fields and methods of a type declared in the
// session or in the cell.
func (r *resolver) sessionMembers(name string) []Symbol {
	var out []Symbol
	if r.s != nil {
		out = append(out, r.s.Methods(name)...)
		if fs, ok := r.s.(FieldScope); ok {
			out = append(out, fs.Fields(name)...)
		}
	}
	for _, fd := range r.cell.methods[name] {
		out = append(out, Symbol{Name: fd.Name.Name, Kind: KindMethod, Type: nodeString(fd.Type), Doc: docText(fd.Doc)})
	}
	if ts, ok := r.cell.types[name]; ok {
		if st, ok := ts.Type.(*ast.StructType); ok {
			for _, f := range st.Fields.List {
				typ := nodeString(f.Type)
				names := f.Names
				if len(names) == 0 {
					names = []*ast.Ident{ast.NewIdent(typeName(strings.TrimPrefix(typ, "*")))}
				}
				for _, n := range names {
					out = append(out, Symbol{Name: n.Name, Kind: KindField, Type: typ, Doc: docText(f.Doc)})
				}
			}
		}
	}
	return out
}

// reflectMembers lists the exported methods (of both T and *T) and fields
// (including promoted ones) of t.
func reflectMembers(t reflect.Type) []Symbol {
	var out []Symbol
	base := t
	if base.Kind() == reflect.Pointer {
		base = base.Elem()
	}
	mt := t
	if t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface {
		mt = reflect.PointerTo(t)
	}
	for i := 0; i < mt.NumMethod(); i++ {
		m := mt.Method(i)
		if !m.IsExported() {
			continue
		}
		out = append(out, Symbol{Name: m.Name, Kind: KindMethod, Type: methodSig(m, mt.Kind() != reflect.Interface)})
	}
	if base.Kind() == reflect.Struct {
		for _, f := range reflect.VisibleFields(base) {
			if !f.IsExported() {
				continue
			}
			name := f.Name
			if base.Name() == "" {
				name = sourceFieldName(name)
			}
			out = append(out, Symbol{Name: name, Kind: KindField, Type: f.Type.String()})
		}
	}
	return out
}

// sourceFieldName undoes yaegi's renaming of the unexported fields of an
// interpreted struct, which reflect sees as an unnamed struct type whose
// field x is called Xx. A field really named like Xlabel in such a struct
// is shown as label: the rarer mistake.
func sourceFieldName(name string) string {
	if len(name) > 1 && name[0] == 'X' {
		r, _ := utf8.DecodeRuneInString(name[1:])
		if r == '_' || unicode.IsLower(r) {
			return name[1:]
		}
	}
	return name
}

// methodSig renders a method's type without its receiver.
func methodSig(m reflect.Method, hasRecv bool) string {
	ft := m.Type
	first := 0
	if hasRecv {
		first = 1
	}
	var b strings.Builder
	b.WriteString("func(")
	for i := first; i < ft.NumIn(); i++ {
		if i > first {
			b.WriteString(", ")
		}
		if ft.IsVariadic() && i == ft.NumIn()-1 {
			b.WriteString("..." + ft.In(i).Elem().String())
		} else {
			b.WriteString(ft.In(i).String())
		}
	}
	b.WriteString(")")
	switch ft.NumOut() {
	case 0:
	case 1:
		b.WriteString(" " + ft.Out(0).String())
	default:
		b.WriteString(" (")
		for i := 0; i < ft.NumOut(); i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(ft.Out(i).String())
		}
		b.WriteString(")")
	}
	return b.String()
}

func nodeString(n ast.Node) string {
	var b strings.Builder
	if err := printer.Fprint(&b, token.NewFileSet(), n); err != nil {
		return ""
	}
	return b.String()
}

func docText(cg *ast.CommentGroup) string {
	if cg == nil {
		return ""
	}
	return strings.TrimSpace(cg.Text())
}
