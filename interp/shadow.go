//lint:file-ignore SA1019 the parser's object resolution is the scope information renameShadows needs (it has no types: see fieldKeys)

package interp

import (
	"go/ast"
	"go/token"
	"reflect"
	"regexp"
	"strconv"
)

// renameShadows gives a fresh name to every variable that a statement run
// declares in a nested block (`{ x := 1 }`, `for i := 0; ...`, `if v := f();
// ...`, `var x = 2` in a block) under the name of a global or of a variable
// the run declares at its top level, and to every use of it. yaegi v0.16.1
// compiles a run at the global scope and binds such a declaration to the
// global of the same name, so `for i := 0; i < 3; i++ {}` in one cell set
// the `i` of an earlier cell to 3. Function literals are not affected and
// are left alone; range variables are renamed too, for the counting loops of
// rewriteRangeInt. The fresh name is the old one with the
// suffix _gkL<n>, which humanize strips from messages. It relies on the
// parser's object resolution (parseRun keeps it) to find the uses.
func renameShadows(body *ast.BlockStmt, globals map[string]reflect.Value, seq *int) {
	taken := map[string]bool{}
	for name := range globals {
		taken[name] = true
	}
	for _, st := range body.List {
		switch st := st.(type) {
		case *ast.AssignStmt:
			if st.Tok == token.DEFINE {
				for _, l := range st.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						taken[id.Name] = true
					}
				}
			}
		case *ast.DeclStmt:
			if gd, ok := st.Decl.(*ast.GenDecl); ok {
				for _, sp := range gd.Specs {
					if vs, ok := sp.(*ast.ValueSpec); ok {
						for _, nm := range vs.Names {
							taken[nm.Name] = true
						}
					}
				}
			}
		}
	}
	// The parser resolves a composite literal's key to a variable of that
	// name in scope even when the key is a struct field (T{x: 0}). Keys of
	// literals whose type is not written as a map, slice or array are taken
	// for field names and keep their name (a named map type's keys are the
	// one case this gets wrong).
	fieldKeys := map[*ast.Ident]bool{}
	ast.Inspect(body, func(x ast.Node) bool {
		if cl, ok := x.(*ast.CompositeLit); ok {
			switch cl.Type.(type) {
			case *ast.MapType, *ast.ArrayType:
				return true
			}
			for _, e := range cl.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok {
						fieldKeys[id] = true
					}
				}
			}
		}
		return true
	})
	renamed := map[*ast.Object]string{}
	declare := func(id *ast.Ident) {
		if id.Obj == nil || id.Name == "_" || !taken[id.Name] || renamed[id.Obj] != "" {
			return
		}
		*seq++
		renamed[id.Obj] = id.Name + "_gkL" + strconv.Itoa(*seq)
	}
	for _, st := range body.List {
		// The top-level statement's own declarations stay; everything
		// nested under it is looked at.
		var nested []ast.Node
		switch st := st.(type) {
		case *ast.AssignStmt:
			for _, r := range st.Rhs {
				nested = append(nested, r)
			}
		case *ast.DeclStmt:
			continue // its values are expressions: function literals are fine
		default:
			nested = append(nested, st)
		}
		var visit func(x ast.Node) bool
		visit = func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.FuncLit:
				return false
			case *ast.AssignStmt:
				if x.Tok == token.DEFINE {
					for _, l := range x.Lhs {
						if id, ok := l.(*ast.Ident); ok {
							declare(id)
						}
					}
				}
			case *ast.ValueSpec:
				for _, nm := range x.Names {
					declare(nm)
				}
			case *ast.RangeStmt:
				// Range variables are not affected, but rewriteRangeInt may
				// turn the key into a := in the loop's body.
				if x.Tok == token.DEFINE {
					for _, e := range []ast.Expr{x.Key, x.Value} {
						if id, ok := e.(*ast.Ident); ok {
							declare(id)
						}
					}
				}
			case *ast.TypeSwitchStmt:
				// The guard's variable (switch v := x.(type)) stays: the
				// parser declares it once per clause. The rest is visited.
				if x.Init != nil {
					ast.Inspect(x.Init, visit)
				}
				ast.Inspect(x.Body, visit)
				return false
			}
			return true
		}
		for _, n := range nested {
			ast.Inspect(n, visit)
		}
	}
	if len(renamed) == 0 {
		return
	}
	ast.Inspect(body, func(x ast.Node) bool {
		if id, ok := x.(*ast.Ident); ok && id.Obj != nil && !fieldKeys[id] {
			if name := renamed[id.Obj]; name != "" {
				id.Name = name
			}
		}
		return true
	})
}

// shadowSuffix matches the suffix renameShadows adds.
var shadowSuffix = regexp.MustCompile(`_gkL[0-9]+\b`)
