package interp

import (
	"strings"
	"testing"
)

// newSession starts a session of its own for a test that needs a fresh
// package scope; it closes with the test.
func newSession(t *testing.T) *Session {
	t.Helper()
	sess(t) // the shared session exists first and gets the hooks back
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestCellMainNeverRunsByItself checks that a func main declared in a cell
// is an ordinary function: it runs only when called, never after later
// cells (yaegi would run it after every program it compiles).
func TestCellMainNeverRunsByItself(t *testing.T) {
	s := newSession(t)
	steps := []struct{ code, out, result string }{
		{`func main() { fmt.Println("main ran") }`, "", ""},
		{"x := 1", "", ""},
		{"x + 1", "", "2"},
		{"main()", "main ran\n", ""},
		{"func callMainTwice() { main(); main() }\ncallMainTwice()", "main ran\nmain ran\n", ""},
		// Declared again and called in the same cell: it runs once.
		{"func main() { fmt.Println(\"new main\") }\nmain()", "new main\n", ""},
		{"y := 2", "", ""},
		// Names called main that are not the package-level main.
		{"type mainHolder struct{ main int }\nmh := mainHolder{main: 3}\nmh.main", "", "3"},
		{"func plusOne(main int) int { return main + 1 }\nplusOne(4)", "", "5"},
		{"type mainRecv struct{}\nfunc (mainRecv) main() string { return \"method\" }\nmainRecv{}.main()", "", "method"},
		{"func labelled() int {\n\tn := 0\nmain:\n\tfor {\n\t\tn++\n\t\tif n == 3 {\n\t\t\tbreak main\n\t\t}\n\t}\n\treturn n\n}\nlabelled()", "", "3"},
		{"func localMain() int { main := 7; return main }\nlocalMain()", "", "7"},
		{"z := 3", "", ""},
	}
	for _, st := range steps {
		rec := mustRun(t, s, st.code)
		if got := rec.text("stdout"); got != st.out {
			t.Errorf("%q: stdout %q, want %q", st.code, got, st.out)
		}
		if got := plain(rec); got != st.result {
			t.Errorf("%q: result %q, want %q", st.code, got, st.result)
		}
	}
}

// TestCellMainAsVariable checks a package-level main that is a variable.
func TestCellMainAsVariable(t *testing.T) {
	s := newSession(t)
	// Before any main: main.X names a global of package main, as in yaegi.
	mustRun(t, s, "var pkgLevel = 42")
	if got := plain(mustRun(t, s, "main.pkgLevel")); got != "42" {
		t.Errorf("main.pkgLevel = %q, want 42", got)
	}
	mustRun(t, s, "main := func() { fmt.Println(\"var main ran\") }")
	for _, code := range []string{"a := 1", "var b = 2"} {
		rec := mustRun(t, s, code)
		if got := rec.text("stdout"); got != "" {
			t.Errorf("%q: stdout %q, want none", code, got)
		}
	}
	if got := mustRun(t, s, "main()").text("stdout"); got != "var main ran\n" {
		t.Errorf("main() printed %q", got)
	}
	// A user expression sees the same main, and does not run it.
	rec := &recorder{}
	res := s.Execute(t.Context(), kernelRequest("c := 3", map[string]string{"m": "main != nil"}), rec)
	m, _ := res.UserExpressions["m"].(map[string]any)
	if res.Error != nil || m["status"] != "ok" || m["data"].(map[string]any)["text/plain"] != "true" {
		t.Errorf("user expression main != nil: %v %v", res.Error, m)
	}
	if got := rec.text("stdout"); got != "" {
		t.Errorf("stdout %q, want none", got)
	}
}

// TestCellMainNamesShown checks that errors, tracebacks, completion and
// inspection name main as the user wrote it.
func TestCellMainNamesShown(t *testing.T) {
	s := newSession(t)
	_, res := runCell(t, s, "main()")
	if res.Error == nil || !strings.Contains(res.Error.Value, "undefined: main") {
		t.Errorf("main() before any main: %v", res.Error)
	}
	mustRun(t, s, "// main prints a greeting.\nfunc main() { var a []int; _ = a[3] }")
	_, res = runCell(t, s, "main()")
	if res.Error == nil || res.Error.Name != ErrPanic {
		t.Fatalf("main() = %v, want a panic", res.Error)
	}
	tb := strings.Join(res.Error.Traceback, "\n")
	if !strings.Contains(tb, "in main\n") || !strings.Contains(tb, "in cell") {
		t.Errorf("traceback does not name main and the cell:\n%s", tb)
	}
	_, res = runCell(t, s, "main(1)")
	if res.Error == nil {
		t.Fatal("main(1) compiled")
	}
	all := res.Error.Value + strings.Join(res.Error.Traceback, "\n")
	for _, e := range []string{all, tb} {
		if strings.Contains(e, mainAlias) {
			t.Errorf("the user sees %s: %s", mainAlias, e)
		}
	}
	comp := s.Complete("mai", 3)
	var found bool
	for _, m := range comp.Matches {
		found = found || m == "main"
		if strings.HasPrefix(m, "_") {
			t.Errorf("completion offers %q", m)
		}
	}
	if !found {
		t.Errorf("completion of mai = %v, want main", comp.Matches)
	}
	ins := s.Inspect("main", 4, 0)
	text, _ := ins.Data["text/plain"].(string)
	if !ins.Found || !strings.Contains(text, "func()") || !strings.Contains(text, "prints a greeting") || strings.Contains(text, mainAlias) {
		t.Errorf("inspect main: found=%v %q", ins.Found, text)
	}
}
