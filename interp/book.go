package interp

import (
	"go/ast"
	"go/printer"
	"go/token"
	"path"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// book records what the cells declared, for import deduplication, result
// probing and completion. Its maps are written by the cell goroutine and
// read by completion and inspection, hence the lock.
type book struct {
	mu       sync.RWMutex
	pkgNames map[string]string    // import path -> package name, from the symbol tables
	imports  map[string]string    // name usable in cells -> import path
	decls    map[string]*declInfo // top-level names declared by cells
	methods  map[string][]declInfo
	fields   map[string][]declInfo // struct type name -> declared fields
	sources  map[int]string        // cell code by execution count
	goSeq    int
}

// declInfo is one declaration of a cell.
type declInfo struct {
	Name string
	Kind string // "var", "const", "func", "type", "method"
	Type string // the declared type or signature, when written
	Doc  string
	Recv string // receiver type name of a method
	Cell int
}

func (b *book) init() {
	b.pkgNames = map[string]string{}
	b.imports = map[string]string{}
	b.decls = map[string]*declInfo{}
	b.methods = map[string][]declInfo{}
	b.fields = map[string][]declInfo{}
	b.sources = map[int]string{}
}

// addPackages records the package names of a symbol table.
func (b *book) addPackages(t map[string]map[string]reflect.Value) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for k := range t {
		b.pkgNames[path.Dir(k)] = path.Base(k)
	}
}

// pkgName returns the package name of an import path.
func (b *book) pkgName(p string) string {
	b.mu.RLock()
	defer b.mu.RUnlock()
	if n, ok := b.pkgNames[p]; ok {
		return n
	}
	return path.Base(p)
}

// importsCopy returns a copy of the import table.
func (b *book) importsCopy() map[string]string {
	b.mu.RLock()
	defer b.mu.RUnlock()
	m := make(map[string]string, len(b.imports))
	for k, v := range b.imports {
		m[k] = v
	}
	return m
}

// importName returns the name an import spec binds.
func (b *book) importName(sp *ast.ImportSpec) (name, p string) {
	p, _ = strconv.Unquote(sp.Path.Value)
	if sp.Name != nil {
		return sp.Name.Name, p
	}
	return b.pkgName(p), p
}

// dropKnownImports removes from f the import specs already in effect, and
// returns the specs that remain.
func (b *book) dropKnownImports(f *ast.File) []*ast.ImportSpec {
	b.mu.RLock()
	defer b.mu.RUnlock()
	var kept []*ast.ImportSpec
	var decls []ast.Decl
	seen := map[string]string{}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			decls = append(decls, d)
			continue
		}
		var specs []ast.Spec
		for _, sp := range gd.Specs {
			is := sp.(*ast.ImportSpec)
			name, p := b.importNameLocked(is)
			if name == "_" {
				// A blank import of a compiled package does nothing (its
				// init has run). Any other path goes to yaegi, which fails
				// on it as on a plain import when it is not available.
				if _, ok := b.pkgNames[p]; ok || seen["_"+p] == p {
					continue
				}
				seen["_"+p] = p
			} else {
				if (b.imports[name] == p && name != ".") || seen[name] == p {
					continue
				}
				seen[name] = p
			}
			specs = append(specs, is)
			kept = append(kept, is)
		}
		if len(specs) > 0 {
			gd.Specs = specs
			decls = append(decls, gd)
		}
	}
	f.Decls = decls
	f.Imports = kept
	return kept
}

func (b *book) importNameLocked(sp *ast.ImportSpec) (string, string) {
	p, _ := strconv.Unquote(sp.Path.Value)
	if sp.Name != nil {
		return sp.Name.Name, p
	}
	if n, ok := b.pkgNames[p]; ok {
		return n, p
	}
	return path.Base(p), p
}

// addImports records imports made by a cell.
func (b *book) addImports(specs []*ast.ImportSpec) {
	for _, sp := range specs {
		name, p := b.importName(sp)
		if name == "_" {
			continue
		}
		b.mu.Lock()
		b.imports[name] = p
		b.mu.Unlock()
	}
}

// recordDecls records the declarations of a compiled run.
func (b *book) recordDecls(fset *token.FileSet, n ast.Node, cellN int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	add := func(d declInfo) {
		d.Cell = cellN
		if d.Kind == "method" {
			ms := b.methods[d.Recv]
			for i := range ms {
				if ms[i].Name == d.Name {
					ms = append(ms[:i], ms[i+1:]...)
					break
				}
			}
			b.methods[d.Recv] = append(ms, d)
			return
		}
		dd := d
		b.decls[d.Name] = &dd
	}
	switch x := n.(type) {
	case *ast.File:
		for _, d := range x.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				info := declInfo{Name: d.Name.Name, Kind: "func", Type: exprString(fset, d.Type), Doc: d.Doc.Text()}
				if d.Recv != nil && len(d.Recv.List) > 0 {
					info.Kind = "method"
					info.Recv = recvName(d.Recv.List[0].Type)
				}
				add(info)
			case *ast.GenDecl:
				kind := d.Tok.String()
				for _, sp := range d.Specs {
					switch sp := sp.(type) {
					case *ast.ValueSpec:
						doc := sp.Doc.Text()
						if doc == "" {
							doc = d.Doc.Text()
						}
						for _, id := range sp.Names {
							add(declInfo{Name: id.Name, Kind: kind, Type: exprString(fset, sp.Type), Doc: doc})
						}
					case *ast.TypeSpec:
						doc := sp.Doc.Text()
						if doc == "" {
							doc = d.Doc.Text()
						}
						add(declInfo{Name: sp.Name.Name, Kind: "type", Type: exprString(fset, sp.Type), Doc: doc})
						b.recordFields(fset, sp)
					}
				}
			}
		}
	case *ast.BlockStmt:
		for _, st := range x.List {
			if as, ok := st.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
				for _, l := range as.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
						add(declInfo{Name: id.Name, Kind: "var"})
					}
				}
			}
		}
	}
}

// recordFields records the fields of a struct type declaration. b.mu is
// held.
func (b *book) recordFields(fset *token.FileSet, sp *ast.TypeSpec) {
	st, ok := sp.Type.(*ast.StructType)
	if !ok {
		delete(b.fields, sp.Name.Name)
		return
	}
	var fs []declInfo
	for _, f := range st.Fields.List {
		typ := exprString(fset, f.Type)
		doc := f.Doc.Text()
		if doc == "" {
			doc = f.Comment.Text()
		}
		if len(f.Names) == 0 {
			fs = append(fs, declInfo{Name: recvName(f.Type), Kind: "field", Type: typ, Doc: doc})
		}
		for _, id := range f.Names {
			fs = append(fs, declInfo{Name: id.Name, Kind: "field", Type: typ, Doc: doc})
		}
	}
	b.fields[sp.Name.Name] = fs
}

// methodNames returns the names of the methods cells declared.
func (b *book) methodNames() map[string]bool {
	b.mu.RLock()
	defer b.mu.RUnlock()
	m := map[string]bool{}
	for _, ms := range b.methods {
		for _, d := range ms {
			m[d.Name] = true
		}
	}
	return m
}

// setSource keeps the code of cell n for tracebacks.
func (b *book) setSource(n int, code string) {
	b.mu.Lock()
	b.sources[n] = code
	b.mu.Unlock()
}

// sourceLine returns line l (1-based) of cell n.
func (b *book) sourceLine(n, l int) (string, bool) {
	b.mu.RLock()
	code, ok := b.sources[n]
	b.mu.RUnlock()
	if !ok {
		return "", false
	}
	lines := strings.Split(code, "\n")
	if l < 1 || l > len(lines) {
		return "", false
	}
	return lines[l-1], true
}

// sortedDecls returns the recorded declarations, sorted by name.
func (b *book) sortedDecls() []declInfo {
	b.mu.RLock()
	defer b.mu.RUnlock()
	out := make([]declInfo, 0, len(b.decls))
	for _, d := range b.decls {
		out = append(out, *d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func recvName(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.StarExpr:
		return recvName(x.X)
	case *ast.Ident:
		return x.Name
	case *ast.IndexExpr:
		return recvName(x.X)
	case *ast.IndexListExpr:
		return recvName(x.X)
	}
	return ""
}

func exprString(fset *token.FileSet, e ast.Node) string {
	if e == nil || reflect.ValueOf(e).IsNil() {
		return ""
	}
	var sb strings.Builder
	_ = printer.Fprint(&sb, fset, e)
	return sb.String()
}

// declaredType returns the type written in the latest declaration of the
// global name, or "" if none was written.
func (b *book) declaredType(name string) string {
	b.mu.RLock()
	defer b.mu.RUnlock()
	if d, ok := b.decls[name]; ok && d.Kind == "var" {
		return d.Type
	}
	return ""
}

// redefinedTypes returns the types f declares again with another
// definition: yaegi keeps the first definition of a type.
func (b *book) redefinedTypes(fset *token.FileSet, f *ast.File) []string {
	b.mu.RLock()
	defer b.mu.RUnlock()
	var out []string
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, sp := range gd.Specs {
			ts := sp.(*ast.TypeSpec)
			if old, ok := b.decls[ts.Name.Name]; ok && old.Kind == "type" && old.Type != exprString(fset, ts.Type) {
				out = append(out, ts.Name.Name)
			}
		}
	}
	return out
}

// withSeq calls f with the sequence that numbers the session's fresh
// names, under the lock.
func (b *book) withSeq(f func(seq *int)) {
	b.mu.Lock()
	defer b.mu.Unlock()
	f(&b.goSeq)
}
