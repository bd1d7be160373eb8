package run

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
)

// Program is a Go source file made ready for a notebook session, which
// takes statements and declarations but no package clause.
type Program struct {
	// Code is the source with its package clause blanked out; every other
	// byte keeps its line and column.
	Code string
	// Package is the name in the package clause, "" when there was none.
	Package string
	// HasMain reports a top-level func main() to call after the file's
	// declarations, as `go run` would. In Code it is renamed MainName, so
	// that an interpreter that runs a declared main by itself does not run
	// it early or twice; only that line's columns move.
	HasMain bool
}

// MainName is what a program's main function is called in Program.Code.
const MainName = "gokernelProgramMain"

// PrepareProgram turns a Go file into session input: a file that starts
// with a package clause is a program, whose clause is blanked and whose
// main function, if any, is to be called; any other source is left as is.
func PrepareProgram(src string) Program {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.PackageClauseOnly)
	if err != nil || f.Name == nil {
		return Program{Code: src}
	}
	start := fset.Position(f.Package).Offset
	end := fset.Position(f.Name.End()).Offset
	if start < 0 || end > len(src) || start >= end {
		return Program{Code: src}
	}
	p := Program{
		Code:    src[:start] + strings.Repeat(" ", end-start) + src[end:],
		Package: f.Name.Name,
	}
	// A file with syntax errors still yields its well-formed declarations;
	// the interpreter reports the errors.
	fset = token.NewFileSet()
	full, _ := parser.ParseFile(fset, "", src, parser.SkipObjectResolution)
	if full == nil {
		return p
	}
	for _, d := range full.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv != nil || fd.Name.Name != "main" || fd.Type.Params.NumFields() != 0 || fd.Type.Results.NumFields() != 0 {
			continue
		}
		off := fset.Position(fd.Name.Pos()).Offset
		if off < 0 || off+len("main") > len(p.Code) || p.Code[off:off+len("main")] != "main" {
			continue
		}
		p.Code = p.Code[:off] + MainName + p.Code[off+len("main"):]
		p.HasMain = true
		break
	}
	return p
}
