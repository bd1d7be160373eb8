package interp

import (
	"go/ast"
	"go/token"
	"regexp"
	"strings"

	"github.com/gokernel/gokernel/kernel"
)

// A cell may declare func main, and call it like any other function; it
// never runs by itself. yaegi would run it: once package main has a global
// named main, every program it compiles afterwards calls main after its
// init functions. So the interpreter never sees the name main: every
// identifier of a run that stands for the package-level main (its
// declaration as a func, var, const or type, a top-level `main :=`, and the
// references to it) is renamed to mainAlias before compiling. Locals,
// parameters, fields, methods, labels and selected names called main keep
// their name. The session maps mainAlias back to main wherever a user sees
// names: errors and tracebacks, completion, inspection.

// mainAlias is the name of the package-level main in the interpreter.
const mainAlias = "_gkmain"

// renameMain renames the identifiers of node, a run parsed by parseRun
// (with file, its whole file), that stand for the package-level main. A
// reference that go/parser could not resolve in the run names the
// package-level main; main.X, which yaegi reads as a member of package
// main, is renamed only when a cell declares main (known, or the run
// itself).
func renameMain(node ast.Node, file *ast.File, known bool) {
	var wrapper *ast.FuncDecl // the func main wrapping a statement run
	pkgDecls := map[any]bool{}
	switch n := node.(type) {
	case *ast.File:
		for _, d := range n.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.Name == "main" {
					pkgDecls[d] = true
				}
			case *ast.GenDecl:
				addSpecs(pkgDecls, d)
			}
		}
	case *ast.BlockStmt:
		if len(file.Decls) > 0 {
			wrapper, _ = file.Decls[len(file.Decls)-1].(*ast.FuncDecl)
		}
		for _, st := range n.List {
			switch st := st.(type) {
			case *ast.AssignStmt:
				if st.Tok == token.DEFINE {
					for _, l := range st.Lhs {
						if id, ok := l.(*ast.Ident); ok && id.Name == "main" {
							pkgDecls[st] = true
						}
					}
				}
			case *ast.DeclStmt:
				if gd, ok := st.Decl.(*ast.GenDecl); ok {
					addSpecs(pkgDecls, gd)
				}
			}
		}
	}
	declared := known || len(pkgDecls) > 0
	// pkgRef reports whether id stands for the package-level main.
	pkgRef := func(id *ast.Ident) bool {
		if id.Obj == nil || id.Obj.Decl == wrapper {
			return true
		}
		return pkgDecls[id.Obj.Decl]
	}
	// Identifiers called main that are not references to an object, found
	// on their parent node, which ast.Inspect visits first.
	skip := map[*ast.Ident]bool{}
	keep := func(e ast.Expr) {
		if id, ok := e.(*ast.Ident); ok && id.Name == "main" {
			skip[id] = true
		}
	}
	ast.Inspect(node, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.File:
			keep(n.Name) // package main
		case *ast.SelectorExpr:
			keep(n.Sel)
			if !declared {
				keep(n.X) // the package main
			}
		case *ast.FuncDecl:
			if n.Recv != nil {
				keep(n.Name)
			}
		case *ast.Field:
			for _, id := range n.Names {
				keep(id)
			}
		case *ast.CompositeLit:
			for _, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					keep(kv.Key)
				}
			}
		case *ast.ImportSpec:
			if n.Name != nil {
				keep(n.Name)
			}
		case *ast.LabeledStmt:
			keep(n.Label)
		case *ast.BranchStmt:
			if n.Label != nil {
				keep(n.Label)
			}
		case *ast.Ident:
			if n.Name == "main" && !skip[n] && pkgRef(n) {
				n.Name = mainAlias
			}
		}
		return true
	})
}

// addSpecs adds to m the specs of gd that declare main.
func addSpecs(m map[any]bool, gd *ast.GenDecl) {
	for _, sp := range gd.Specs {
		switch sp := sp.(type) {
		case *ast.ValueSpec:
			for _, id := range sp.Names {
				if id.Name == "main" {
					m[sp] = true
				}
			}
		case *ast.TypeSpec:
			if sp.Name.Name == "main" {
				m[sp] = true
			}
		}
	}
}

var mainAliasRE = regexp.MustCompile(`\b` + mainAlias + `\b`)

// unmaskMain replaces mainAlias by main in a text shown to the user.
func unmaskMain(s string) string {
	if !strings.Contains(s, mainAlias) {
		return s
	}
	return mainAliasRE.ReplaceAllString(s, "main")
}

// unmaskError replaces mainAlias by main in the message and traceback of e.
func unmaskError(e *kernel.Error) *kernel.Error {
	if e == nil {
		return nil
	}
	e.Value = unmaskMain(e.Value)
	for i, l := range e.Traceback {
		e.Traceback[i] = unmaskMain(l)
	}
	return e
}

// knowsMain reports whether a cell has declared the package-level main.
func (b *book) knowsMain() bool {
	b.mu.RLock()
	defer b.mu.RUnlock()
	_, ok := b.decls[mainAlias]
	return ok
}
