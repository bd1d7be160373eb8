package assist

import (
	"go/ast"
	"go/token"
	"path"
	"strconv"
)

// binding is what a cell says about a name it declares: its declared type,
// or the expression it was initialised from (index picks one result of a
// multi-value call), or neither.
type binding struct {
	kind  Kind
	typ   ast.Expr
	value ast.Expr
	index int
}

// cellInfo is what a light parse of the cell text before the cursor
// declares: nothing here has run yet.
type cellInfo struct {
	imports map[string]string
	names   map[string]binding
	types   map[string]*ast.TypeSpec
	funcs   map[string]*ast.FuncDecl
	methods map[string][]*ast.FuncDecl
}

// analyzeCell collects the declarations of code, cut where completion or
// inspection looks, with its open brackets closed.
func analyzeCell(code string) *cellInfo {
	toks := lex(code).toks
	p := parseCell(code+closers(toks), lex(code+closers(toks)).toks)
	ci := &cellInfo{
		imports: map[string]string{},
		names:   map[string]binding{},
		types:   map[string]*ast.TypeSpec{},
		funcs:   map[string]*ast.FuncDecl{},
		methods: map[string][]*ast.FuncDecl{},
	}
	for _, f := range []*ast.File{p.decls, p.body} {
		if f != nil {
			ci.file(f)
		}
	}
	return ci
}

func (ci *cellInfo) file(f *ast.File) {
	for _, im := range f.Imports {
		p, err := strconv.Unquote(im.Path.Value)
		if err != nil {
			continue
		}
		name := path.Base(p)
		if pd := loadDocs().pkg(p); pd != nil {
			name = pd.name
		}
		if im.Name != nil {
			name = im.Name.Name
		}
		if name != "_" && name != "." {
			ci.imports[name] = p
		}
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Name.Name == "_" && d.Recv == nil {
				break // the wrapper of the cell's statements
			}
			if d.Recv != nil && len(d.Recv.List) == 1 {
				tn := recvTypeName(d.Recv.List[0].Type)
				ci.methods[tn] = append(ci.methods[tn], d)
			} else {
				ci.funcs[d.Name.Name] = d
				ci.names[d.Name.Name] = binding{kind: KindFunc}
			}
		case *ast.GenDecl:
			ci.genDecl(d)
		}
	}
	ast.Inspect(f, ci.visit)
}

func recvTypeName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

func (ci *cellInfo) genDecl(d *ast.GenDecl) {
	for _, s := range d.Specs {
		switch s := s.(type) {
		case *ast.TypeSpec:
			ci.types[s.Name.Name] = s
			ci.names[s.Name.Name] = binding{kind: KindType}
		case *ast.ValueSpec:
			kind := KindVar
			if d.Tok == token.CONST {
				kind = KindConst
			}
			for i, n := range s.Names {
				b := binding{kind: kind, typ: s.Type}
				if len(s.Values) == len(s.Names) {
					b.value = s.Values[i]
				} else if len(s.Values) == 1 {
					b.value, b.index = s.Values[0], i
				}
				ci.bind(n, b)
			}
		}
	}
}

func (ci *cellInfo) bind(n *ast.Ident, b binding) {
	if n != nil && n.Name != "_" {
		ci.names[n.Name] = b
	}
}

// visit records names declared inside function bodies: := assignments,
// var declarations, range variables and parameters.
func (ci *cellInfo) visit(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.AssignStmt:
		if n.Tok != token.DEFINE {
			break
		}
		for i, l := range n.Lhs {
			id, _ := l.(*ast.Ident)
			b := binding{kind: KindVar}
			if len(n.Rhs) == len(n.Lhs) {
				b.value = n.Rhs[i]
			} else if len(n.Rhs) == 1 {
				b.value, b.index = n.Rhs[0], i
			}
			ci.bind(id, b)
		}
	case *ast.DeclStmt:
		if g, ok := n.Decl.(*ast.GenDecl); ok {
			ci.genDecl(g)
		}
		return false
	case *ast.RangeStmt:
		if n.Tok == token.DEFINE {
			for _, e := range []ast.Expr{n.Key, n.Value} {
				id, _ := e.(*ast.Ident)
				ci.bind(id, binding{kind: KindVar})
			}
		}
	case *ast.FuncType:
		for _, fl := range []*ast.FieldList{n.Params, n.Results} {
			if fl == nil {
				continue
			}
			for _, f := range fl.List {
				for _, id := range f.Names {
					ci.bind(id, binding{kind: KindVar, typ: f.Type})
				}
			}
		}
	case *ast.FuncDecl:
		if n.Recv != nil {
			for _, f := range n.Recv.List {
				for _, id := range f.Names {
					ci.bind(id, binding{kind: KindVar, typ: f.Type})
				}
			}
		}
	}
	return true
}
