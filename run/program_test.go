package run

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestPrepareProgram(t *testing.T) {
	src := "// Doc.\npackage main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(1)\n}\n"
	p := PrepareProgram(src)
	if p.Package != "main" || !p.HasMain {
		t.Errorf("PrepareProgram = %+v", p)
	}
	want := "// Doc.\n            \n\nimport \"fmt\"\n\nfunc " + MainName + "() {\n\tfmt.Println(1)\n}\n"
	if p.Code != want {
		t.Errorf("Code = %q, want %q", p.Code, want)
	}

	cases := []struct {
		src     string
		pkg     string
		hasMain bool
	}{
		{"x := 1\nfmt.Println(x)\n", "", false},
		{"package tools\n\nfunc main() {}\n", "tools", true},
		{"package main\n\nfunc main(args []string) {}\n", "main", false},
		{"package main\n\nfunc (T) main() {}\n", "main", false},
		{"package main\n\nfunc helper() {}\n", "main", false},
		{"package main\n\nx := 1\n", "main", false}, // not a valid file: no main found, still a program
	}
	for _, c := range cases {
		p := PrepareProgram(c.src)
		if p.Package != c.pkg || p.HasMain != c.hasMain {
			t.Errorf("PrepareProgram(%q) = %+v, want package %q main %v", c.src, p, c.pkg, c.hasMain)
		}
		if p.Package == "" && p.Code != c.src {
			t.Errorf("non-program changed: %q", p.Code)
		}
	}
}

func TestScriptProgramCallsMain(t *testing.T) {
	src := "package main\n\nfunc main() {\n\tprint x\n}\n"
	f := newFake()
	var out bytes.Buffer
	if err := Script(context.Background(), f, "p.go", src, Options{Stdout: &out, Split: true}); err != nil {
		t.Fatal(err)
	}
	if len(f.codes) != 2 || strings.Contains(f.codes[0], "package") || f.codes[1] != MainName+"()\n" {
		t.Fatalf("cells = %q, want the declarations without the package clause, then main()", f.codes)
	}
	if out.String() != "x\nmain called\n" {
		t.Errorf("stdout = %q", out.String())
	}
	out.Reset()

	f = newFake()
	src = "package main\n\nprint declarations\n"
	if err := Script(context.Background(), f, "p.go", src, Options{Stdout: &out}); err != nil {
		t.Fatal(err)
	}
	if len(f.codes) != 1 {
		t.Errorf("a program without main ran %d cells, want 1", len(f.codes))
	}
}
