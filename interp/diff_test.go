package interp

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// updateDiff regenerates testdata/diff/NAME.out by compiling each program
// as real Go (diffgen_test.go): go test ./interp -run TestDiff -update
var updateDiff = flag.Bool("update", false, "regenerate testdata/diff/*.out with the go command")

// updateDiffMatch limits -update to the programs whose name it matches:
// go test ./interp -run TestDiff -update -diffmatch '^ae_'
var updateDiffMatch = flag.String("diffmatch", "", "with -update, regenerate only the programs whose name matches this regexp")

// diffCellTimeout bounds one cell, so that a cell the interpreter runs
// forever fails instead of hanging the test.
const diffCellTimeout = 5 * time.Second

// goStmt finds a go statement in a program.
var goStmt = regexp.MustCompile(`(?m)^\s*go\s`)

// diffDir holds the differential-test programs and their expected output.
const diffDir = "testdata/diff"

// TestDiff runs every program in testdata/diff cell by cell in a fresh
// session and compares the cells' stdout with what the same code prints
// when compiled by Go (NAME.out). A program whose first line is
// "// known: <reason>" is a known difference: the test then asserts that
// the output still differs, so that a fix in yaegi or in the session's
// rewrites is noticed (and the line removed).
func TestDiff(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(diffDir, "*.cells"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no programs in %s: %v", diffDir, err)
	}
	sort.Strings(files)
	if *updateDiff {
		updateDiffOutputs(t, files)
	}
	var known []string
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".cells")
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		prog := parseDiffProgram(string(src))
		want, err := os.ReadFile(strings.TrimSuffix(file, ".cells") + ".out")
		if err != nil {
			t.Errorf("%s: no expected output (run go test ./interp -run TestDiff -update): %v", name, err)
			continue
		}
		t.Run(name, func(t *testing.T) {
			if raceEnabled && goStmt.MatchString(string(src)) {
				// yaegi's own frames race between the goroutines of a cell
				// (and a shared loop variable is a real race); see
				// skipRaceWithGoroutines.
				t.Skip("goroutines in interpreted code race inside yaegi")
			}
			got := runDiffProgram(t, prog)
			switch {
			case prog.known == "" && got != string(want):
				t.Errorf("session output differs from Go's\n--- go\n%s--- session\n%s", want, got)
			case prog.known != "" && got == string(want):
				t.Errorf("known difference %q no longer shows: remove the // known line", prog.known)
			case prog.known != "":
				known = append(known, name)
				t.Logf("known difference: %s\n--- go\n%s--- session\n%s", prog.known, want, got)
			}
		})
	}
	if len(known) > 0 {
		t.Logf("%d known differences: %s", len(known), strings.Join(known, " "))
	}
}

// runDiffProgram runs the cells of prog in a fresh session and returns
// their stdout; a failed cell adds a line naming its error, which never
// matches Go's output.
func runDiffProgram(t *testing.T, prog diffProgram) string {
	t.Helper()
	s := newSession(t)
	var sb strings.Builder
	for i, cell := range prog.cells {
		rec := &recorder{}
		ctx, cancel := context.WithTimeout(context.Background(), diffCellTimeout)
		res := execCtx(ctx, s, cell, rec)
		cancel()
		sb.WriteString(rec.text("stdout"))
		if res.Error != nil {
			fmt.Fprintf(&sb, "<cell %d failed: %s: %s>\n", i+1, res.Error.Name, res.Error.Value)
		}
	}
	return sb.String()
}

// updateDiffOutputs writes NAME.out for every program, two at a time.
func updateDiffOutputs(t *testing.T, files []string) {
	t.Helper()
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	match, err := regexp.Compile(*updateDiffMatch)
	if err != nil {
		t.Fatalf("-diffmatch: %v", err)
	}
	for _, file := range files {
		if !match.MatchString(strings.TrimSuffix(filepath.Base(file), ".cells")) {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if err := updateDiffOutput(file); err != nil {
				t.Errorf("%s: %v", file, err)
			}
		}()
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
}

// updateDiffOutput compiles and runs one program and writes its output.
func updateDiffOutput(file string) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	gosrc, err := goProgram(parseDiffProgram(string(src)))
	if err != nil {
		return err
	}
	out, err := runGoProgram(context.Background(), gosrc)
	if err != nil {
		return fmt.Errorf("%v\nprogram:\n%s", err, gosrc)
	}
	return os.WriteFile(strings.TrimSuffix(file, ".cells")+".out", []byte(out), 0o644)
}

// TestDiffGoProgram checks the rules by which goProgram turns cells into
// one Go program (diffgen_test.go).
func TestDiffGoProgram(t *testing.T) {
	prog := parseDiffProgram("// known: why\nimport \"fmt\"\n// cell\ntype T int\n// cell\nx := 1\nfmt.Println(x)\n// cell\nx := \"s\"\nfmt.Println(x)\n")
	if prog.known != "why" || len(prog.cells) != 4 {
		t.Fatalf("parsed %q with %d cells", prog.known, len(prog.cells))
	}
	src, err := goProgram(prog)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"import (\n\t\"fmt\"\n)", "// cell 2\ntype T int\n", "func main() {\n// cell 3\nx := 1\n", "{ // a later cell redeclares\n// cell 4\nx := \"s\"\n", "}\n}\n"} {
		if !strings.Contains(src, want) {
			t.Errorf("program lacks %q:\n%s", want, src)
		}
	}
	for src, want := range map[string]bool{
		"package main\n\nimport (\n\t\"fmt\"\n\t\"math/rand/v2\"\n)\n":           false,
		"package main\n\nimport (\n\t\"fmt\"\n\t\"gonum.org/v1/gonum/mat\"\n)\n": true,
		"package main\n\nimport \"github.com/gokernel/gokernel/stdlib/ae\"\n":    true,
	} {
		if got := importsModules(src); got != want {
			t.Errorf("importsModules(%q) = %v, want %v", src, got, want)
		}
	}
	for _, bad := range []struct{ name, src string }{
		{"mixed cell", "func f() {}\nf()\n"},
		{"local then package name", "x := 1\nfmt.Println(x)\n// cell\nvar x = 2\n"},
		{"package then local name", "var x = 2\n// cell\nx := 1\nfmt.Println(x)\n"},
		{"package var reads a local", "y := 1\nfmt.Println(y)\n// cell\nvar z = y + 1\n"},
	} {
		if _, err := goProgram(parseDiffProgram(bad.src)); err == nil {
			t.Errorf("%s: no error", bad.name)
		}
	}
}
