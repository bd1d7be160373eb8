// Command gendocs collects the documentation of a fixed list of packages for
// interp/assist, which embeds it: at run time the kernel has no sources, yet
// inspect_request should show signatures and doc comments.
//
// Usage (from interp/assist, through go generate):
//
//	go run ./internal/gendocs -list docpackages.txt -o docs.json.gz
//
// It finds each package's directory with `go list -f {{.Dir}}` (module cache
// or GOROOT), selects the files of the current build context with go/build,
// parses them with go/parser and reads them with go/doc. The output is gzip
// JSON in the format of the docfile package.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/build"
	"go/doc"
	"go/parser"
	"go/token"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gokernel/gokernel/interp/assist/internal/docfile"
)

func main() {
	list := flag.String("list", "docpackages.txt", "file with one import path per line (# comments)")
	out := flag.String("o", "docs.json.gz", "output file (gzip JSON)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("gendocs: ")

	paths, err := readList(*list)
	if err != nil {
		log.Fatal(err)
	}
	dirs, err := packageDirs(paths)
	if err != nil {
		log.Fatal(err)
	}
	var f docfile.File
	for _, p := range paths {
		pkg, err := collect(p, dirs[p])
		if err != nil {
			log.Fatalf("%s: %v", p, err)
		}
		f.Packages = append(f.Packages, pkg)
	}
	data, err := encode(&f)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		log.Fatal(err)
	}
	n := 0
	for _, p := range f.Packages {
		n += len(p.Members)
	}
	log.Printf("%d packages, %d members, %d bytes", len(f.Packages), n, len(data))
}

func readList(name string) ([]string, error) {
	fh, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	var paths []string
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if i := strings.Index(line, "#"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		if line != "" {
			paths = append(paths, line)
		}
	}
	return paths, sc.Err()
}

// packageDirs asks the go command where each package lives.
func packageDirs(paths []string) (map[string]string, error) {
	args := append([]string{"list", "-f", "{{.ImportPath}}\t{{.Dir}}"}, paths...)
	cmd := exec.Command("go", args...)
	cmd.Stderr = os.Stderr
	outb, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %w", err)
	}
	dirs := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(outb)), "\n") {
		path, dir, ok := strings.Cut(line, "\t")
		if ok {
			dirs[path] = dir
		}
	}
	for _, p := range paths {
		if dirs[p] == "" {
			return nil, fmt.Errorf("go list found no directory for %s", p)
		}
	}
	return dirs, nil
}

func collect(path, dir string) (docfile.Package, error) {
	bp, err := build.Default.ImportDir(dir, 0)
	if err != nil {
		return docfile.Package{}, err
	}
	fset := token.NewFileSet()
	var files = bp.GoFiles
	files = append(files, bp.CgoFiles...)
	sort.Strings(files)
	var asts = make([]*ast.File, 0, len(files))
	for _, name := range files {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
		if err != nil {
			return docfile.Package{}, err
		}
		asts = append(asts, f)
	}
	var mode doc.Mode
	if path == "builtin" {
		mode = doc.AllDecls
	}
	dp, err := doc.NewFromFiles(fset, asts, path, mode)
	if err != nil {
		return docfile.Package{}, err
	}
	pkg := docfile.Package{Path: path, Name: dp.Name, Doc: trimDoc(dp.Doc, maxPackageDoc)}
	c := collector{fset: fset, pkg: &pkg}
	c.values(dp.Consts, "const")
	c.values(dp.Vars, "var")
	c.funcs(dp.Funcs, "")
	for _, t := range dp.Types {
		c.typ(t)
	}
	sort.Slice(pkg.Members, func(i, j int) bool { return pkg.Members[i].Name < pkg.Members[j].Name })
	return pkg, nil
}

// maxPackageDoc bounds a package comment (fmt's and mat's are long).
const maxPackageDoc = 6000

func trimDoc(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndex(s[:n], "\n\n")
	if cut < n/2 {
		cut = n
	}
	return s[:cut] + "\n\n[...]"
}

func encode(f *docfile.File) ([]byte, error) {
	raw, err := json.Marshal(f)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(raw); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
