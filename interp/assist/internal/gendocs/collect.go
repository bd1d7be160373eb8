package main

import (
	"bytes"
	"go/ast"
	"go/doc"
	"go/printer"
	"go/token"
	"strings"

	"github.com/gokernel/gokernel/interp/assist/internal/docfile"
)

// collector turns go/doc declarations into docfile members.
type collector struct {
	fset *token.FileSet
	pkg  *docfile.Package
}

func (c *collector) add(m docfile.Member) {
	m.Doc = strings.TrimSpace(m.Doc)
	c.pkg.Members = append(c.pkg.Members, m)
}

func (c *collector) print(node any) string {
	var buf bytes.Buffer
	cfg := printer.Config{Mode: printer.UseSpaces | printer.TabIndent, Tabwidth: 8}
	if err := cfg.Fprint(&buf, c.fset, node); err != nil {
		return ""
	}
	return buf.String()
}

// values adds each name of const or var groups, with the spec that declares
// it as signature.
func (c *collector) values(vals []*doc.Value, kind string) {
	for _, v := range vals {
		var lastType ast.Expr
		for _, spec := range v.Decl.Specs {
			vs, ok := spec.(*ast.ValueSpec)
			if !ok {
				continue
			}
			if vs.Type != nil {
				lastType = vs.Type
			}
			typ := vs.Type
			if typ == nil && kind == "const" && len(vs.Values) == 0 {
				typ = lastType // iota continuation
			}
			one := *vs
			one.Doc, one.Comment = nil, nil
			if len(vs.Values) == 0 && typ != nil {
				one.Type = typ
			}
			sig := kind + " " + c.print(&one)
			docText := v.Doc
			if vs.Doc != nil {
				docText = vs.Doc.Text()
			} else if vs.Comment != nil {
				docText = strings.TrimSpace(vs.Comment.Text()) + "\n\n" + v.Doc
			}
			for _, name := range vs.Names {
				if !name.IsExported() && c.pkg.Path != "builtin" {
					continue
				}
				m := docfile.Member{Name: name.Name, Kind: kind, Sig: sig, Doc: docText}
				if typ != nil {
					m.Result = c.print(typ)
				} else if len(vs.Values) == 1 {
					m.Result = c.guessType(vs.Values[0])
				}
				c.add(m)
			}
		}
	}
}

// guessType gives the type of simple initialisers: a composite literal,
// &T{...}, a conversion or call whose result the caller may resolve.
func (c *collector) guessType(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.CompositeLit:
		if x.Type != nil {
			return c.print(x.Type)
		}
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			if t := c.guessType(x.X); t != "" {
				return "*" + t
			}
		}
	}
	return ""
}

func (c *collector) funcs(fs []*doc.Func, recv string) {
	for _, f := range fs {
		if !ast.IsExported(f.Name) && c.pkg.Path != "builtin" {
			continue
		}
		decl := *f.Decl
		decl.Doc, decl.Body = nil, nil
		m := docfile.Member{Name: f.Name, Kind: "func", Sig: c.print(&decl), Doc: f.Doc}
		if recv != "" {
			m.Name, m.Kind = recv+"."+f.Name, "method"
		}
		if r := f.Decl.Type.Results; r != nil && len(r.List) > 0 {
			m.Result = c.print(r.List[0].Type)
		}
		c.add(m)
	}
}

func (c *collector) typ(t *doc.Type) {
	spec := findSpec(t)
	if spec == nil {
		return
	}
	decl := &ast.GenDecl{Tok: token.TYPE, Specs: []ast.Spec{stripSpec(spec)}}
	sig := c.print(decl)
	if st, ok := spec.Type.(*ast.StructType); ok && st.Incomplete && strings.HasSuffix(sig, "}") {
		sig = strings.TrimSuffix(sig, "}") + "\t// contains unexported fields\n}"
	}
	c.add(docfile.Member{Name: t.Name, Kind: "type", Sig: sig, Doc: t.Doc, Result: t.Name})
	c.values(t.Consts, "const")
	c.values(t.Vars, "var")
	c.funcs(t.Funcs, "")
	c.funcs(t.Methods, t.Name)
	if it, ok := spec.Type.(*ast.InterfaceType); ok {
		c.interfaceMethods(t.Name, it)
	}
	if st, ok := spec.Type.(*ast.StructType); ok {
		for _, f := range st.Fields.List {
			doc := docText(f)
			typ := c.print(f.Type)
			names := f.Names
			if len(names) == 0 { // embedded: the field is named after its type
				name := strings.TrimPrefix(typ, "*")
				if i := strings.LastIndex(name, "."); i >= 0 {
					name = name[i+1:]
				}
				names = []*ast.Ident{ast.NewIdent(name)}
			}
			for _, n := range names {
				if !n.IsExported() {
					continue
				}
				c.add(docfile.Member{Name: t.Name + "." + n.Name, Kind: "field",
					Sig: n.Name + " " + typ, Doc: doc, Result: typ})
			}
		}
	}
}

// interfaceMethods adds the methods an interface type declares (embedded
// interfaces are not expanded).
func (c *collector) interfaceMethods(typ string, it *ast.InterfaceType) {
	for _, f := range it.Methods.List {
		ft, ok := f.Type.(*ast.FuncType)
		if !ok {
			continue
		}
		for _, n := range f.Names {
			if !n.IsExported() {
				continue
			}
			m := docfile.Member{Name: typ + "." + n.Name, Kind: "method",
				Sig: "func (" + typ + ") " + n.Name + strings.TrimPrefix(c.print(ft), "func"), Doc: docText(f)}
			if ft.Results != nil && len(ft.Results.List) > 0 {
				m.Result = c.print(ft.Results.List[0].Type)
			}
			c.add(m)
		}
	}
}

func docText(f *ast.Field) string {
	if f.Doc != nil {
		return f.Doc.Text()
	}
	if f.Comment != nil {
		return f.Comment.Text()
	}
	return ""
}

func findSpec(t *doc.Type) *ast.TypeSpec {
	for _, s := range t.Decl.Specs {
		if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.Name == t.Name {
			return ts
		}
	}
	return nil
}

// stripSpec copies a type spec without comments, and without the
// unexported fields of a struct (go/doc already filtered them and left a
// marker the printer would show as a comment).
func stripSpec(ts *ast.TypeSpec) *ast.TypeSpec {
	out := *ts
	out.Doc, out.Comment = nil, nil
	if st, ok := ts.Type.(*ast.StructType); ok {
		fields := &ast.FieldList{}
		for _, f := range st.Fields.List {
			g := *f
			g.Doc, g.Comment = nil, nil
			fields.List = append(fields.List, &g)
		}
		out.Type = &ast.StructType{Fields: fields}
	}
	return &out
}
