package interp

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"regexp"
	"strconv"
)

// cellFile is the file name cell n has in positions. Its base name is "_.go"
// for every cell because yaegi scopes imports by the base name of the file:
// a package imported by one cell stays visible in the next ones.
func cellFile(n int) string { return fmt.Sprintf("cell[%d]/_.go", n) }

// cellPos matches a position printed by yaegi or go/parser for a cell file.
var cellPos = regexp.MustCompile(`cell\[(-?\d+)\]/_\.go:(\d+):(\d+)`)

// humanize rewrites the cell positions in msg from "cell[3]/_.go:4:7" to
// "cell[3]:4:7".
func humanize(msg string) string {
	return shadowSuffix.ReplaceAllString(cellPos.ReplaceAllString(msg, "cell[$1]:$2:$3"), "")
}

// parseRun parses one run of cell n and returns the node to compile: an
// *ast.File for imports and declarations, the body of the wrapper function
// for statements (yaegi compiles a statement block at the global scope, so
// its := variables become globals). The source gets a /*line*/ directive so
// that every position names the cell and its own line and column.
func parseRun(fset *token.FileSet, n int, code string, r run) (ast.Node, *ast.File, error) {
	name := cellFile(n)
	dir := "/*line " + name + ":" + strconv.Itoa(r.line) + ":" + strconv.Itoa(r.col) + "*/"
	text := code[r.start:r.end]
	var src string
	if r.kind == runStmt {
		src = "package main; func main() {\n" + dir + text + "\n}"
	} else {
		src = "package main;\n" + dir + text + "\n"
	}
	// The file name has no directory: the directive's relative name is
	// joined to it.
	f, err := parser.ParseFile(fset, "_.go", src, parser.ParseComments|parser.DeclarationErrors)
	if err != nil {
		return nil, nil, err
	}
	if r.kind == runStmt {
		fd, ok := f.Decls[len(f.Decls)-1].(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			return nil, nil, fmt.Errorf("%s:%d:%d: cannot parse statements", name, r.line, r.col)
		}
		return fd.Body, f, nil
	}
	return f, f, nil
}

// synthStmt parses src, a statement, with a private file set and moves
// every position of the result to p, so that synthesized code reports the
// position of the cell code it stands for.
func synthStmt(src string, p token.Pos) ast.Stmt {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p; func _() {"+src+"\n}", parser.SkipObjectResolution)
	if err != nil {
		panic("interp: bad synthesized code: " + err.Error())
	}
	s := f.Decls[0].(*ast.FuncDecl).Body.List[0]
	setPos(reflect.ValueOf(s), p)
	return s
}

// synthExpr is synthStmt for an expression.
func synthExpr(src string, p token.Pos) ast.Expr {
	e, err := parser.ParseExprFrom(token.NewFileSet(), "", src, parser.SkipObjectResolution)
	if err != nil {
		panic("interp: bad synthesized code: " + err.Error())
	}
	setPos(reflect.ValueOf(e), p)
	return e
}

var posType = reflect.TypeOf(token.NoPos)

// setPos sets every valid token.Pos reachable from v to p.
func setPos(v reflect.Value, p token.Pos) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			setPos(v.Elem(), p)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			if f.Type() == posType {
				// A zero position means "absent" (an Ellipsis, say): keep it.
				if f.CanSet() && f.Int() != 0 {
					f.SetInt(int64(p))
				}
				continue
			}
			if f.CanSet() {
				setPos(f, p)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			setPos(v.Index(i), p)
		}
	}
}
