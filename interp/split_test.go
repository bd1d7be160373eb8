package interp

import (
	"strings"
	"testing"
)

func TestSplitCell(t *testing.T) {
	tests := []struct {
		code string
		want []string // "kind:text" per run
	}{
		{"1 + 1", []string{"stmt:1 + 1"}},
		{"import \"fmt\"\nfmt.Println(1)", []string{"import:import \"fmt\"", "stmt:fmt.Println(1)"}},
		{"var x = 1; x++", []string{"decl:var x = 1", "stmt:x++"}},
		{"func f() {}\nf()\nfunc g() {}", []string{"decl:func f() {}", "stmt:f()", "decl:func g() {}"}},
		{"func (p P) M() {}", []string{"decl:func (p P) M() {}"}},
		{"func(x int) int { return x }(3)", []string{"stmt:func(x int) int { return x }(3)"}},
		{"func() {\n\tfmt.Println(1)\n}()\nx := 2", []string{"stmt:func() {\n\tfmt.Println(1)\n}()\nx := 2"}},
		{"type T struct {\n\tA int\n}\nconst K = 1\nt := T{K}", []string{"decl:type T struct {\n\tA int\n}\nconst K = 1", "stmt:t := T{K}"}},
		{"s := \"import x; func f\" // comment\ny := `a\nb`", []string{"stmt:s := \"import x; func f\" // comment\ny := `a\nb`"}},
		{"import (\n\t\"os\"\n)\nimport \"math\"\nvar a = math.Pi", []string{"import:import (\n\t\"os\"\n)\nimport \"math\"", "decl:var a = math.Pi"}},
		{"// only a comment\n", nil},
		{"x := 1 // trailing\n\n// between\nfunc f() {}", []string{"stmt:x := 1", "decl:// trailing\n\n// between\nfunc f() {}"}},
		{"// Doc of f.\nfunc f() {}", []string{"decl:// Doc of f.\nfunc f() {}"}},
	}
	for _, tt := range tests {
		runs, err := splitCell(tt.code)
		if err != nil {
			t.Errorf("splitCell(%q): %v", tt.code, err.msg)
			continue
		}
		var got []string
		for _, r := range runs {
			got = append(got, r.kind.String()+":"+tt.code[r.start:r.end])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("splitCell(%q):\n got  %q\n want %q", tt.code, got, tt.want)
		}
	}
}

func TestSplitCellPositions(t *testing.T) {
	code := "import \"fmt\"\n\n  x := 1\nfunc f() {}"
	runs, err := splitCell(code)
	if err != nil {
		t.Fatal(err.msg)
	}
	want := [][2]int{{1, 1}, {3, 3}, {4, 1}}
	if len(runs) != len(want) {
		t.Fatalf("got %d runs, want %d", len(runs), len(want))
	}
	for i, r := range runs {
		if r.line != want[i][0] || r.col != want[i][1] {
			t.Errorf("run %d at %d:%d, want %d:%d", i, r.line, r.col, want[i][0], want[i][1])
		}
	}
}

func TestSplitCellSyntaxError(t *testing.T) {
	_, err := splitCell("x := 1\ny := \"open")
	if err == nil || err.line != 2 || err.col != 6 {
		t.Fatalf("got %+v, want an error at 2:6", err)
	}
}

// TestErrorPositions checks that compile and syntax errors point at the
// cell's own line and column, whatever run they are in.
func TestErrorPositions(t *testing.T) {
	s := sess(t)
	tests := []struct {
		code, name, pos string
	}{
		{"y := undefinedThing + 1", ErrCompile, ":1:1"}, // yaegi: "constant definition loop"
		{"import \"fmt\"\nvar a = 1\n\nfmt.Println(nope)", ErrCompile, ":4:13"},
		{"func f() int {\n\treturn \"s\"\n}", ErrCompile, ":2:9"},
		{"x := 1\n\tx := (2", ErrSyntax, ":2:9"},
		{"var q int = \"s\"", ErrCompile, ":1:13"},
	}
	for _, tt := range tests {
		_, res := runCell(t, s, tt.code)
		if res.Error == nil {
			t.Errorf("%q: no error", tt.code)
			continue
		}
		if res.Error.Name != tt.name || !strings.Contains(res.Error.Value, "]"+tt.pos+":") {
			t.Errorf("%q: got %s: %s, want %s at %s", tt.code, res.Error.Name, res.Error.Value, tt.name, tt.pos)
		}
		tb := strings.Join(res.Error.Traceback, "\n")
		if !strings.Contains(tb, "line "+strings.Split(tt.pos, ":")[1]+",") || !strings.Contains(tb, "^") {
			t.Errorf("%q: traceback does not show the line:\n%s", tt.code, tb)
		}
	}
}
