package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLibraryImportable checks that every package of the preloaded library
// can be imported from a cell, that is, that its yaegi symbol table is
// compiled into the binary (interp/symbols).
func TestLibraryImportable(t *testing.T) {
	bin := kernelBinary(t)
	dirs, err := os.ReadDir(filepath.Join(moduleRoot(t), "stdlib"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if !d.IsDir() || d.Name() == "internal" || strings.HasPrefix(d.Name(), ".") {
			continue
		}
		pkg := "github.com/gokernel/gokernel/stdlib/" + d.Name()
		t.Run(d.Name(), func(t *testing.T) {
			dir := t.TempDir()
			script := filepath.Join(dir, "import.go")
			// A plain import: the session accepts a blank import of an
			// unavailable package silently.
			src := "import \"" + pkg + "\"\n\nfmt.Println(\"imported\")\n"
			if err := os.WriteFile(script, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := runLogged(t, time.Minute, nil, dir, bin, "run", "--split", script); err != nil {
				t.Errorf("a cell cannot import %s (is it in interp/symbols?): %v", pkg, err)
			}
		})
	}
}
