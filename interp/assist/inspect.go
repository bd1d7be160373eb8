package assist

import (
	"fmt"
	"go/ast"
	"go/parser"
	"reflect"
	"strings"
)

// Inspect describes the identifier or selector at the cursor (or, when the
// cursor follows an open call parenthesis, the function being called):
// its kind, its signature or type, its current value for a live variable,
// and its doc comment. Documentation comes from the session's symbols and
// from the embedded documentation of the preloaded packages. detail 1 adds
// the members of a type or package. cursorPos counts code points.
//
// found is false, and text empty, when nothing is known of the name.
func Inspect(s Scope, code string, cursorPos int, detail int) (text string, found bool) {
	cur := byteOffset(code, cursorPos)
	if inLiteral(code[:cur]) {
		return "", false
	}
	b, e := identStart(code, cur), identEnd(code, cur)
	if b == e {
		off := openCall(code, cur)
		if off < 0 {
			return "", false
		}
		e = len(strings.TrimRight(code[:off], " \t"))
		b = identStart(code, e)
		if b == e {
			return "", false
		}
	}
	op := min(operandStart(code, e), b) // a keyword is no operand
	r := newResolver(s, analyzeCell(code[:op]))
	text = r.describe(code[op:e], detail)
	return text, text != ""
}

// describe documents expr, an identifier or a selector chain.
func (r *resolver) describe(expr string, detail int) string {
	if doc, ok := keywords[expr]; ok {
		return expr + " (keyword)\n\n" + doc + "\n"
	}
	e, err := parser.ParseExpr(expr)
	if err != nil {
		return ""
	}
	switch x := e.(type) {
	case *ast.Ident:
		return r.describeIdent(x.Name, detail)
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); ok {
			if p, ok := r.pkgPath(id.Name); ok {
				return r.describeMember(p, id.Name, x.Sel.Name, detail)
			}
		}
		return r.describeSelector(expr, x, detail)
	}
	return ""
}

func (r *resolver) describeIdent(name string, detail int) string {
	var w strings.Builder
	if b, ok := r.cell.names[name]; ok {
		fmt.Fprintf(&w, "%s (%s declared in this cell)\n", name, b.kind)
		switch {
		case r.cell.funcs[name] != nil:
			fd := *r.cell.funcs[name]
			fd.Body, fd.Doc = nil, nil
			w.WriteString(nodeString(&fd) + "\n")
			writeDoc(&w, docText(r.cell.funcs[name].Doc))
		case r.cell.types[name] != nil:
			w.WriteString("type " + nodeString(r.cell.types[name]) + "\n")
		case b.typ != nil:
			w.WriteString("Type: " + nodeString(b.typ) + "\n")
		default:
			r.writeType(&w, r.identType(name))
		}
		if b.kind == KindType {
			r.writeMembers(&w, typeRef{name: name}, detail, true)
		} else {
			r.writeMembers(&w, r.identType(name), detail, b.kind == KindVar)
		}
		return w.String()
	}
	if p, ok := r.importPath(name); ok {
		return describePackage(name, p, detail)
	}
	if g, ok := r.global(name); ok {
		fmt.Fprintf(&w, "%s (%s)\n", name, g.Kind)
		t := r.exprType(ast.NewIdent(name))
		typ := g.Type
		if t.rt != nil && t.path == "" && t.name != "" && g.Kind == KindVar && strings.Contains(typ, "struct") {
			// An interpreted value: name its declared type, not yaegi's struct.
			rs := t.rt.String()
			typ = rs[:len(rs)-len(strings.TrimLeft(rs, "*"))] + t.name
		}
		if typ != "" {
			w.WriteString("Type: " + typ + "\n")
		}
		if v, ok := r.lookup(name); ok && g.Kind != KindFunc && g.Kind != KindType {
			w.WriteString("Value: " + preview(v) + "\n")
		}
		writeDoc(&w, g.Doc)
		if g.Doc == "" {
			r.writeTypeDoc(&w, t)
		}
		if g.Kind == KindType {
			t = typeRef{name: name}
		}
		r.writeMembers(&w, t, detail, g.Kind == KindType || g.Kind == KindVar)
		return w.String()
	}
	if m, ok := r.docs.member("builtin", name); ok {
		w.WriteString(name + " (builtin)\n" + m.Sig + "\n")
		writeDoc(&w, m.Doc)
		return w.String()
	}
	if p := r.docs.pathByName(name); p != "" {
		return describePackage(name, p, detail) + "\n(not imported yet: import \"" + p + "\")\n"
	}
	return ""
}

func describePackage(name, path string, detail int) string {
	var w strings.Builder
	fmt.Fprintf(&w, "package %s // import %q\n", name, path)
	pd := loadDocs().pkg(path)
	if pd == nil {
		return w.String()
	}
	writeDoc(&w, pd.doc)
	if detail > 0 {
		w.WriteString("\nMembers:\n")
		for _, n := range pd.top {
			fmt.Fprintf(&w, "  %-24s %s\n", n, pd.members[n].Kind)
		}
	}
	return w.String()
}

// describeMember documents pkg.name, a member of the package at path.
func (r *resolver) describeMember(path, pkg, name string, detail int) string {
	var w strings.Builder
	m, documented := r.docs.member(path, name)
	var sym Symbol
	var inScope bool
	if r.s != nil {
		for _, s := range r.s.Members(path) {
			if s.Name == name {
				sym, inScope = s, true
				break
			}
		}
	}
	if !documented && !inScope {
		return ""
	}
	kind := sym.Kind
	if documented {
		kind = kindOf(m.Kind)
	}
	fmt.Fprintf(&w, "%s.%s (%s in %s)\n", pkg, name, kind, path)
	switch {
	case documented:
		w.WriteString(m.Sig + "\n")
	case sym.Type != "":
		w.WriteString(sym.Type + "\n")
	}
	if kind == KindVar {
		if v, ok := r.lookup(pkg + "." + name); ok {
			w.WriteString("Value: " + preview(v) + "\n")
		}
	}
	if documented {
		writeDoc(&w, m.Doc)
	} else {
		writeDoc(&w, sym.Doc)
	}
	if kind == KindType {
		r.writeMembers(&w, typeRef{path: path, name: name}, detail, true)
	}
	return w.String()
}

// describeSelector documents x.Sel where x is a value.
func (r *resolver) describeSelector(expr string, x *ast.SelectorExpr, detail int) string {
	t := r.exprType(x.X)
	if !t.known() {
		return ""
	}
	var w strings.Builder
	for _, m := range r.members(t) {
		if m.Name != x.Sel.Name {
			continue
		}
		fmt.Fprintf(&w, "%s (%s of %s)\n", expr, m.Kind, typeString(t))
		if m.Type != "" {
			w.WriteString(m.Type + "\n")
		}
		if m.Kind == KindField {
			if v, ok := r.lookup(expr); ok {
				w.WriteString("Value: " + preview(v) + "\n")
			}
		}
		writeDoc(&w, m.Doc)
		if m.Kind == KindField && detail > 0 {
			r.writeMembers(&w, r.fieldType(t, m.Name), detail, true)
		}
		return w.String()
	}
	return ""
}

// typeString names a typeRef for a header line.
func typeString(t typeRef) string {
	named := t.rt != nil && (t.rt.Name() != "" || t.rt.Kind() == reflect.Pointer && t.rt.Elem().Name() != "")
	switch {
	case named || t.rt != nil && t.name == "":
		return t.rt.String()
	case t.path != "" && t.path != "builtin":
		if pd := loadDocs().pkg(t.path); pd != nil {
			return pd.name + "." + t.name
		}
		return t.path + "." + t.name
	case t.name != "":
		return t.name
	case t.expr != nil:
		return nodeString(t.expr)
	}
	return "?"
}

func (r *resolver) writeType(w *strings.Builder, t typeRef) {
	if t.known() {
		w.WriteString("Type: " + typeString(t) + "\n")
	}
	r.writeTypeDoc(w, t)
}

// writeTypeDoc adds the doc comment of a documented named type.
func (r *resolver) writeTypeDoc(w *strings.Builder, t typeRef) {
	if t.rt != nil && t.path == "" {
		t = fromType(t.rt)
	}
	if t.path == "" || t.name == "" {
		return
	}
	if m, ok := r.docs.member(t.path, t.name); ok && m.Kind == "type" {
		writeDoc(w, m.Doc)
	}
}

// writeMembers lists the methods and fields of t when detail > 0.
func (r *resolver) writeMembers(w *strings.Builder, t typeRef, detail int, want bool) {
	if detail <= 0 || !want || !t.known() {
		return
	}
	ms := r.members(t)
	if len(ms) == 0 {
		return
	}
	w.WriteString("\nMembers:\n")
	for _, m := range ms {
		sig := strings.ReplaceAll(m.Type, "\n", " ")
		fmt.Fprintf(w, "  %-7s %-20s %s\n", m.Kind, m.Name, sig)
	}
}

func writeDoc(w *strings.Builder, doc string) {
	if doc = strings.TrimSpace(doc); doc != "" {
		w.WriteString("\n" + doc + "\n")
	}
}
