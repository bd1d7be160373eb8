package interp

import (
	"fmt"
	"go/ast"
	"go/token"
	"reflect"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

// rtName is the name under which cells see the session's compiled helpers
// (gkrt.go). Names starting with _gk are reserved for the session.
const rtName = "_gkrt"

// rewriteGo replaces every go statement under n by one whose goroutine
// recovers a panic and reports it (GoPanic) instead of killing the process.
// A func literal gets a deferred recover as its first statement, which keeps
// the semantics exactly. Any other call has its receiver and arguments
// evaluated into fresh variables first, as the go statement would, and the
// goroutine calls them from a recovering func literal. Both are wrapped in a
// block that first notes the running cell (_gkrt.Cell()).
func rewriteGo(fset *token.FileSet, n ast.Node, imports map[string]string, seq *int) {
	astutil.Apply(n, nil, func(c *astutil.Cursor) bool {
		g, ok := c.Node().(*ast.GoStmt)
		if !ok {
			return true
		}
		pos := fset.Position(g.Pos())
		where := fmt.Sprintf("%s line %d", strings.TrimSuffix(pos.Filename, "/_.go"), pos.Line)
		*seq++
		prefix := fmt.Sprintf("_gkg%d_", *seq)
		// The cell running the go statement, to tell a panic of its own
		// goroutines from that of an earlier cell's.
		names := []string{prefix + "c"}
		vals := []ast.Expr{synthExpr(rtName+".Cell()", g.Pos())}
		def := synthStmt(fmt.Sprintf(`defer func() { if _gkr := recover(); _gkr != nil { %s.GoPanic(_gkr, %q, %s) } }()`, rtName, where, prefix+"c"), g.Pos())
		var goStmt *ast.GoStmt
		if lit, ok := g.Call.Fun.(*ast.FuncLit); ok {
			lit.Body.List = append([]ast.Stmt{def}, lit.Body.List...)
			goStmt = g
		} else {
			call := &ast.CallExpr{Fun: g.Call.Fun, Lparen: g.Call.Lparen, Ellipsis: g.Call.Ellipsis, Rparen: g.Call.Rparen}
			if sel, ok := g.Call.Fun.(*ast.SelectorExpr); ok {
				id, isIdent := sel.X.(*ast.Ident)
				if !isIdent || imports[id.Name] == "" {
					names = append(names, prefix+"r")
					vals = append(vals, sel.X)
					call.Fun = &ast.SelectorExpr{X: &ast.Ident{NamePos: sel.X.Pos(), Name: prefix + "r"}, Sel: sel.Sel}
				}
			}
			for i, a := range g.Call.Args {
				if _, lit := a.(*ast.BasicLit); lit {
					call.Args = append(call.Args, a)
					continue
				}
				name := prefix + strconv.Itoa(i)
				names = append(names, name)
				vals = append(vals, a)
				call.Args = append(call.Args, &ast.Ident{NamePos: a.Pos(), Name: name})
			}
			lit := synthExpr("func() {}", g.Pos()).(*ast.FuncLit)
			lit.Body.List = []ast.Stmt{def, &ast.ExprStmt{X: call}}
			goStmt = &ast.GoStmt{Go: g.Go, Call: &ast.CallExpr{Fun: lit, Lparen: g.Pos(), Rparen: g.Pos()}}
		}
		var lhs []ast.Expr
		for _, nm := range names {
			lhs = append(lhs, &ast.Ident{NamePos: g.Pos(), Name: nm})
		}
		assign := &ast.AssignStmt{Lhs: lhs, TokPos: g.Pos(), Tok: token.DEFINE, Rhs: vals}
		c.Replace(&ast.BlockStmt{Lbrace: g.Pos(), List: []ast.Stmt{assign, goStmt}, Rbrace: g.End()})
		return true
	})
}

// quietCalls are calls whose results a cell never shows: printing and
// scanning return (n, err) that nobody wants to see.
var quietCalls = map[string]bool{
	"fmt.Print": true, "fmt.Printf": true, "fmt.Println": true,
	"fmt.Fprint": true, "fmt.Fprintf": true, "fmt.Fprintln": true,
	"fmt.Scan": true, "fmt.Scanf": true, "fmt.Scanln": true,
	"fmt.Sscan": true, "fmt.Sscanf": true, "fmt.Sscanln": true,
	"fmt.Fscan": true, "fmt.Fscanf": true, "fmt.Fscanln": true,
}

// quietMethods are method names whose results are not shown either.
var quietMethods = map[string]bool{
	"Write": true, "WriteString": true, "WriteByte": true, "WriteRune": true,
	"WriteTo": true, "ReadFrom": true, "Printf": true, "Println": true, "Print": true,
}

// showable reports whether the value of the expression statement e may be
// shown as the cell's result. Calls to printing functions are not; every
// other expression is tried, and the session drops it if it has no value.
func showable(e ast.Expr, imports map[string]string) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return true
	}
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		switch f.Name {
		case "print", "println", "panic", "close", "delete", "copy", "clear":
			return false
		}
	case *ast.SelectorExpr:
		if id, ok := f.X.(*ast.Ident); ok {
			if path, ok := imports[id.Name]; ok {
				if path == "log" {
					return false
				}
				return !quietCalls[path+"."+f.Sel.Name]
			}
		}
		return !quietMethods[f.Sel.Name]
	}
	return true
}

// splitTail removes the last statement of body when it is an expression
// statement that may be shown, and returns its expression.
func splitTail(body *ast.BlockStmt, imports map[string]string) ast.Expr {
	if len(body.List) == 0 {
		return nil
	}
	es, ok := body.List[len(body.List)-1].(*ast.ExprStmt)
	if !ok || !showable(es.X, imports) {
		return nil
	}
	body.List = body.List[:len(body.List)-1]
	return es.X
}

// redeclared is a global that a run declares again.
type redeclared struct {
	name string
	old  reflect.Value // the old storage, to release when not reused
}

// rewriteRedeclare turns `x := e` at the top of a statement run into
// `x = e` when every name on the left is already a global whose type the
// new value keeps (see sameTypeLikely): yaegi would otherwise allocate a new
// global and keep the old value alive forever. It returns the assignments it
// rewrote (to undo when the rewritten run does not compile) and every other
// redeclared global, whose old storage the session releases after compile.
func rewriteRedeclare(body *ast.BlockStmt, globals map[string]reflect.Value) (rewritten []*ast.AssignStmt, released []redeclared) {
	for _, st := range body.List {
		as, ok := st.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE {
			continue
		}
		all := true
		var olds []redeclared
		for i, l := range as.Lhs {
			id, ok := l.(*ast.Ident)
			if !ok {
				all = false
				break
			}
			if id.Name == "_" {
				continue
			}
			old, ok := globals[id.Name]
			if !ok || !old.IsValid() {
				all = false
				continue
			}
			olds = append(olds, redeclared{id.Name, old})
			if len(as.Rhs) == len(as.Lhs) && !sameTypeLikely(as.Rhs[i], old.Type()) {
				all = false
			}
		}
		if all && len(olds) > 0 {
			as.Tok = token.ASSIGN
			rewritten = append(rewritten, as)
			continue
		}
		released = append(released, olds...)
	}
	return rewritten, released
}

// declaredVars returns the names of the package-level variables that the
// var declarations of f declare, with their old storage in globals.
func declaredVars(f *ast.File, globals map[string]reflect.Value) []redeclared {
	var out []redeclared
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		for _, sp := range gd.Specs {
			for _, id := range sp.(*ast.ValueSpec).Names {
				if old, ok := globals[id.Name]; ok && old.IsValid() {
					out = append(out, redeclared{id.Name, old})
				}
			}
		}
	}
	return out
}

// sameTypeLikely reports whether assigning e to a variable of type t keeps
// the meaning of `x := e`. Interface-typed globals are never reused (the new
// value would keep the interface type); a constant expression made of
// literals must have t as its default type; anything else is tried, and a
// compile error sends the run back to its original form.
func sameTypeLikely(e ast.Expr, t reflect.Type) bool {
	if t.Kind() == reflect.Interface {
		return false
	}
	k, ok := constKind(e)
	if !ok {
		return true
	}
	switch k {
	case token.INT:
		return t == reflect.TypeOf(0)
	case token.FLOAT:
		return t == reflect.TypeOf(0.0)
	case token.IMAG:
		return t == reflect.TypeOf(0i)
	case token.CHAR:
		return t == reflect.TypeOf('a')
	case token.STRING:
		return t == reflect.TypeOf("")
	}
	return t.Kind() == reflect.Bool && t == reflect.TypeOf(true)
}

// constKind returns the default kind of an untyped constant expression
// built from literals, or false when e is not one.
func constKind(e ast.Expr) (token.Token, bool) {
	switch x := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		return x.Kind, true
	case *ast.Ident:
		if x.Name == "true" || x.Name == "false" {
			return token.ILLEGAL, true // bool
		}
	case *ast.UnaryExpr:
		if x.Op == token.NOT {
			if _, ok := constKind(x.X); ok {
				return token.ILLEGAL, true
			}
			return 0, false
		}
		return constKind(x.X)
	case *ast.BinaryExpr:
		a, ok1 := constKind(x.X)
		b, ok2 := constKind(x.Y)
		if !ok1 || !ok2 {
			return 0, false
		}
		switch x.Op {
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ, token.LAND, token.LOR:
			return token.ILLEGAL, true
		case token.SHL, token.SHR:
			return a, true
		}
		return higherKind(a, b), true
	}
	return 0, false
}

func higherKind(a, b token.Token) token.Token {
	rank := map[token.Token]int{token.INT: 1, token.CHAR: 2, token.FLOAT: 3, token.IMAG: 4}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// unit is what the session compiles and executes at once: a file of
// imports or declarations, or a block of statements.
type unit struct {
	node      ast.Node
	imports   []*ast.ImportSpec // imports the unit makes
	rewritten []*ast.AssignStmt // := turned into =
	released  []redeclared      // old values to release after compile
	orig      *ast.File         // the declaration a converted block stands for
	blanks    []string          // globals standing for _, to release after the run
}

// declUnits cuts a declaration file into units. A var declaration whose
// names are all existing globals, keeping their types, becomes a block of
// assignments (var x = e → x = e; var x T → x = *new(T)), so that re-running
// it reuses the variables: yaegi would otherwise allocate new ones and keep
// the old values alive. typeOf returns the type a cell wrote for a global.
func declUnits(f *ast.File, globals map[string]reflect.Value, typeOf func(string) string) []unit {
	var units []unit
	var cur *ast.File
	flush := func() {
		if cur != nil {
			units = append(units, unit{node: cur, released: declaredVars(cur, globals)})
			cur = nil
		}
	}
	for _, d := range f.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.VAR {
			if block := varAssignments(gd, globals, typeOf); block != nil {
				flush()
				orig := &ast.File{Package: f.Package, Name: f.Name, Decls: []ast.Decl{gd}}
				units = append(units, unit{node: block, orig: orig})
				continue
			}
		}
		if cur == nil {
			cur = &ast.File{Package: f.Package, Name: f.Name}
		}
		cur.Decls = append(cur.Decls, d)
	}
	flush()
	return units
}

// varAssignments returns the assignments that stand for gd, or nil when
// gd declares a new name or may change a type.
func varAssignments(gd *ast.GenDecl, globals map[string]reflect.Value, typeOf func(string) string) *ast.BlockStmt {
	var list []ast.Stmt
	for _, sp := range gd.Specs {
		vs := sp.(*ast.ValueSpec)
		var lhs []ast.Expr
		for i, id := range vs.Names {
			old, ok := globals[id.Name]
			if !ok || !old.IsValid() || old.Type().Kind() == reflect.Interface {
				return nil
			}
			if vs.Type != nil {
				if typeOf(id.Name) != exprString(token.NewFileSet(), vs.Type) {
					return nil
				}
			} else if len(vs.Values) == len(vs.Names) && !sameTypeLikely(vs.Values[i], old.Type()) {
				return nil
			}
			lhs = append(lhs, id)
		}
		rhs := vs.Values
		if len(rhs) == 0 {
			if vs.Type == nil {
				return nil
			}
			for range vs.Names {
				rhs = append(rhs, &ast.StarExpr{Star: vs.Type.Pos(), X: &ast.CallExpr{
					Fun: &ast.Ident{NamePos: vs.Type.Pos(), Name: "new"}, Lparen: vs.Type.Pos(),
					Args: []ast.Expr{vs.Type}, Rparen: vs.Type.End()}})
			}
		}
		list = append(list, &ast.AssignStmt{Lhs: lhs, TokPos: vs.Pos(), Tok: token.ASSIGN, Rhs: rhs})
	}
	if len(list) == 0 {
		return nil
	}
	return &ast.BlockStmt{Lbrace: gd.Pos(), List: list, Rbrace: gd.End()}
}

// renameBlanks replaces the blank identifiers on the left of top-level :=
// statements by fresh names and returns them. yaegi makes `_` a real global
// there, with the type of that value, and a later `_ = v` of another type
// then panics. The session releases the fresh globals after the run.
func renameBlanks(body *ast.BlockStmt, seq *int) []string {
	var names []string
	for _, st := range body.List {
		as, ok := st.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE {
			continue
		}
		for i, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok && id.Name == "_" {
				*seq++
				name := "_gkBlank" + strconv.Itoa(*seq)
				as.Lhs[i] = &ast.Ident{NamePos: id.NamePos, Name: name}
				names = append(names, name)
			}
		}
	}
	return names
}

// markStatements puts _gkrt.At(line, col) before every statement of body,
// a top-level statement run: yaegi places a panic only at the first
// statement of its frame.
func markStatements(fset *token.FileSet, body *ast.BlockStmt) {
	list := make([]ast.Stmt, 0, 2*len(body.List))
	for _, st := range body.List {
		p := fset.Position(st.Pos())
		list = append(list, synthStmt(fmt.Sprintf("%s.At(%d, %d)", rtName, p.Line, p.Column), st.Pos()), st)
	}
	body.List = list
}
