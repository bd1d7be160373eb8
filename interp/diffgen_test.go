package interp

import (
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// This file turns a differential-test program (testdata/diff/NAME.cells)
// into one ordinary Go program whose output is the expected output of the
// cells. The rules a program follows, checked by goProgram where it can:
//
//  1. Cells are separated by a line that is exactly "// cell". An optional
//     first line "// known: <reason>" marks a known difference (diff_test.go).
//  2. A cell is either all declarations (import, type, func, method, const,
//     var: it parses as the body of a Go file) or all statements (it parses
//     as the body of a function). A mixed cell is an error.
//  3. Imports of every cell are hoisted into one import block; the other
//     declarations of a declaration cell go to package level, in cell order.
//     Statement cells are concatenated, in order, into the body of main, so
//     their variables are locals of main. A program imports every package it
//     uses (the session preloads some; Go does not) and uses every import
//     and every local it declares (Go rejects unused ones). Imports of gonum
//     and of the gokernel library resolve to the repository's versions
//     (libraryGoMod).
//  4. Functions declared in declaration cells see only package-level names:
//     a function that needs a statement cell's variable takes it as a
//     parameter, or is a func literal in a statement cell.
//  5. A statement cell that declares (:=, var, const, type) a name an earlier
//     statement cell declared at its top level (a notebook redeclaration)
//     opens a block "{" that is closed at the end of main, so the new name
//     shadows the old one for all later cells, as in the session.
//  6. A name is declared either at package level (declaration cells) or at
//     main's top level (statement cells), never both: in the session both
//     are the same global, in Go a local would shadow the package name. An
//     initializer of a package-level var must not read a statement cell's
//     variable (Go initializes package vars before main runs).
//  7. Output is deterministic, and the program exits normally (a panic must
//     be recovered inside the program).

// cellSep is the line that separates cells.
const cellSep = "// cell"

// knownPrefix starts the optional first line of a program that marks a
// known difference between the session and Go.
const knownPrefix = "// known:"

// diffProgram is a parsed NAME.cells file.
type diffProgram struct {
	known string   // reason from "// known: reason", or ""
	cells []string // the cells' source, in order
}

// parseDiffProgram splits src into cells.
func parseDiffProgram(src string) diffProgram {
	var p diffProgram
	lines := strings.Split(strings.TrimRight(src, "\n"), "\n")
	if len(lines) > 0 && strings.HasPrefix(lines[0], knownPrefix) {
		p.known = strings.TrimSpace(strings.TrimPrefix(lines[0], knownPrefix))
		lines = lines[1:]
	}
	var cur []string
	flush := func() {
		c := strings.TrimSpace(strings.Join(cur, "\n"))
		if c != "" {
			p.cells = append(p.cells, c+"\n")
		}
		cur = cur[:0]
	}
	for _, l := range lines {
		if strings.TrimSpace(l) == cellSep {
			flush()
			continue
		}
		cur = append(cur, l)
	}
	flush()
	return p
}

// topNames returns the names a statement list declares at its own level.
func topNames(stmts []ast.Stmt) []string {
	var names []string
	add := func(id *ast.Ident) {
		if id != nil && id.Name != "_" {
			names = append(names, id.Name)
		}
	}
	for _, st := range stmts {
		switch st := st.(type) {
		case *ast.AssignStmt:
			if st.Tok == token.DEFINE {
				for _, e := range st.Lhs {
					if id, ok := e.(*ast.Ident); ok {
						add(id)
					}
				}
			}
		case *ast.DeclStmt:
			names = append(names, genDeclNames(st.Decl.(*ast.GenDecl))...)
		}
	}
	return names
}

// genDeclNames returns the names a const, var or type declaration declares.
func genDeclNames(d *ast.GenDecl) []string {
	var names []string
	for _, sp := range d.Specs {
		switch sp := sp.(type) {
		case *ast.ValueSpec:
			for _, id := range sp.Names {
				if id.Name != "_" {
					names = append(names, id.Name)
				}
			}
		case *ast.TypeSpec:
			names = append(names, sp.Name.Name)
		}
	}
	return names
}

// goProgram builds the Go program equivalent to p, following the rules at
// the top of this file.
func goProgram(p diffProgram) (string, error) {
	var (
		imports  []string
		seenImp  = map[string]bool{}
		decls    bytes.Buffer
		body     bytes.Buffer
		blocks   int
		pkgNames = map[string]int{} // name -> cell that declared it
		locals   = map[string]int{}
	)
	for i, cell := range p.cells {
		n := i + 1
		fset := token.NewFileSet()
		const filePrefix = "package p\n"
		if f, err := parser.ParseFile(fset, "", filePrefix+cell, 0); err == nil {
			for _, imp := range f.Imports {
				spec := imp.Path.Value
				if imp.Name != nil {
					spec = imp.Name.Name + " " + spec
				}
				if !seenImp[spec] {
					seenImp[spec] = true
					imports = append(imports, spec)
				}
			}
			for _, d := range f.Decls {
				var names []string
				switch d := d.(type) {
				case *ast.GenDecl:
					if d.Tok == token.IMPORT {
						continue
					}
					names = genDeclNames(d)
					if d.Tok == token.VAR {
						if err := checkInit(d, locals); err != nil {
							return "", fmt.Errorf("cell %d: %v", n, err)
						}
					}
				case *ast.FuncDecl:
					if d.Recv == nil {
						names = []string{d.Name.Name}
					}
				}
				for _, name := range names {
					if c, ok := locals[name]; ok {
						return "", fmt.Errorf("cell %d: %s is a statement-cell variable of cell %d (rule 6)", n, name, c)
					}
					pkgNames[name] = n
				}
				start := fset.Position(d.Pos()).Offset - len(filePrefix)
				end := fset.Position(d.End()).Offset - len(filePrefix)
				fmt.Fprintf(&decls, "// cell %d\n%s\n\n", n, cell[start:end])
			}
			continue
		}
		const funcPrefix = "package p\nfunc _() {\n"
		f, err := parser.ParseFile(fset, "", funcPrefix+cell+"\n}\n", 0)
		if err != nil {
			return "", fmt.Errorf("cell %d is neither all declarations nor all statements (rule 2): %v", n, err)
		}
		stmts := f.Decls[0].(*ast.FuncDecl).Body.List
		names := topNames(stmts)
		opened := false
		for _, name := range names {
			if c, ok := pkgNames[name]; ok {
				return "", fmt.Errorf("cell %d: %s is declared at package level in cell %d (rule 6)", n, name, c)
			}
			if _, ok := locals[name]; ok && !opened {
				opened = true
				blocks++
				body.WriteString("{ // a later cell redeclares\n")
			}
		}
		for _, name := range names {
			locals[name] = n
		}
		fmt.Fprintf(&body, "// cell %d\n%s\n", n, cell)
	}
	var out bytes.Buffer
	out.WriteString("// Code generated from a gokernel differential-test program. DO NOT EDIT.\n\npackage main\n\n")
	if len(imports) > 0 {
		out.WriteString("import (\n")
		for _, imp := range imports {
			fmt.Fprintf(&out, "\t%s\n", imp)
		}
		out.WriteString(")\n\n")
	}
	out.Write(decls.Bytes())
	out.WriteString("func main() {\n")
	out.Write(body.Bytes())
	out.WriteString(strings.Repeat("}\n", blocks))
	out.WriteString("}\n")
	return out.String(), nil
}

// checkInit fails when a package-level var initializer reads a statement
// cell's variable (rule 6).
func checkInit(d *ast.GenDecl, locals map[string]int) error {
	var err error
	for _, sp := range d.Specs {
		vs := sp.(*ast.ValueSpec)
		for _, v := range vs.Values {
			ast.Inspect(v, func(nd ast.Node) bool {
				if id, ok := nd.(*ast.Ident); ok && err == nil {
					if c, ok := locals[id.Name]; ok {
						err = fmt.Errorf("var initializer reads %s, a variable of statement cell %d (rule 6)", id.Name, c)
					}
				}
				return true
			})
		}
	}
	return err
}

// runGoProgram compiles and runs src with the go command in a fresh module
// (language version of the toolchain's go.mod here) and returns its stdout.
func runGoProgram(ctx context.Context, src string) (string, error) {
	dir, err := os.MkdirTemp("", "gokernel-diff-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	gomod := "module difftest\n\ngo " + goLangVersion() + "\n"
	if importsModules(src) {
		gomod, err = libraryGoMod(dir)
		if err != nil {
			return "", err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "run", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=", "GO111MODULE=on", "GOPROXY=off")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go run: %v\n%s", err, stderr.String())
	}
	return stdout.String(), nil
}

// goLangVersion returns the go version of the gokernel module's go.mod, so
// the expected output follows the same language rules (per-iteration loop
// variables, range over int) the project targets.
func goLangVersion() string {
	data, err := os.ReadFile(filepath.Join("..", "go.mod"))
	if err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			if v, ok := strings.CutPrefix(strings.TrimSpace(l), "go "); ok {
				if _, err := strconv.ParseFloat(strings.Join(strings.SplitN(v, ".", 3)[:2], "."), 64); err == nil {
					return v
				}
			}
		}
	}
	return "1.22"
}

// importsModules reports whether the program src imports a package outside
// the standard library (gonum, the gokernel library): its first path
// element has a dot.
func importsModules(src string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.ImportsOnly)
	if err != nil {
		return false
	}
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		if first, _, _ := strings.Cut(p, "/"); strings.Contains(first, ".") {
			return true
		}
	}
	return false
}

// libraryGoMod returns a go.mod for a program that imports gonum or the
// gokernel library, and copies the repository's go.sum into dir: the
// repository's own requirements (so gonum and every other module has the
// version the session's symbols were built from), plus the gokernel module
// itself, replaced by this working tree. Everything comes from the module
// cache (GOPROXY=off).
func libraryGoMod(dir string) (string, error) {
	root, err := filepath.Abs("..")
	if err != nil {
		return "", err
	}
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", err
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
		return "", err
	}
	var b strings.Builder
	for _, l := range strings.Split(string(data), "\n") {
		switch t := strings.TrimSpace(l); {
		case strings.HasPrefix(t, "module "):
			l = "module difftest"
		case strings.HasPrefix(t, "tool ") || strings.HasPrefix(t, "toolchain "):
			continue
		}
		b.WriteString(l + "\n")
	}
	fmt.Fprintf(&b, "\nrequire github.com/gokernel/gokernel v0.0.0\n\nreplace github.com/gokernel/gokernel => %s\n", root)
	return b.String(), nil
}
