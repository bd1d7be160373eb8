package assist

import "testing"

func TestIsComplete(t *testing.T) {
	cases := []struct {
		code, status, indent string
	}{
		{"", "complete", ""},
		{"  \n\t", "complete", ""},
		{"x := 1", "complete", ""},
		{"func f() {}", "complete", ""},
		{"import \"fmt\"\nfmt.Println(1)", "complete", ""},
		{"import \"fmt\"\nfunc f() int { return 1 }\nx := f()\nfmt.Println(x)\ntype T struct{ A int }\nvar t T", "complete", ""},
		{"func (t T) M() int { return t.A }", "complete", ""},
		{"func() { println(1) }()", "complete", ""},
		{"if x > 1 {\n\tx = 2\n} else {\n\tx = 3\n}", "complete", ""},
		{"s := `a\nb`", "complete", ""},
		{"x := 1 // trailing comment", "complete", ""},
		{"for {", "incomplete", "    "},
		{"for i := 0; i < 3; i++ {\n\tif i > 1 {", "incomplete", "        "},
		{"x := 1 +", "incomplete", "    "},
		{"f(1,", "incomplete", "    "},
		{"x := []int{1, 2,\n", "incomplete", "    "},
		{"y := x.", "incomplete", "    "},
		{"x :=", "incomplete", "    "},
		{"x = a &&", "incomplete", "    "},
		{"s := `unterminated raw", "incomplete", ""},
		{"/* open comment", "incomplete", ""},
		{"if x > 1", "incomplete", ""},
		{")", "invalid", ""},
		{"x := (1))", "invalid", ""},
		{"x := \"open string", "invalid", ""},
		{"x y z", "invalid", ""},
		{"func f() {}\nfunc g() { return 1 2 }", "invalid", ""},
		{"x := 1\n#bad", "invalid", ""},
		{"package main\nx := 1", "complete", ""},
	}
	for _, c := range cases {
		status, indent := IsComplete(c.code)
		if status != c.status || indent != c.indent {
			t.Errorf("IsComplete(%q) = %q, %q; want %q, %q", c.code, status, indent, c.status, c.indent)
		}
	}
}
