package interp

import (
	"testing"
)

// TestNestedDeclarationsKeepGlobals checks that a variable declared in a
// nested block of a cell's top level is a new variable, as in Go, and not
// the global of the same name (yaegi binds it to the global; renameShadows
// gives it a fresh name), and that messages show the name as written.
func TestNestedDeclarationsKeepGlobals(t *testing.T) {
	s := sess(t)
	mustRun(t, s, "shI := 100")
	for _, code := range []string{
		"for j := 0; j < 3; j++ {\n\tshI := j\n\t_ = shI\n}",
		"for shI := 0; shI < 3; shI++ {\n}",
		"if shI := 7; shI > 0 {\n}",
		"{\n\tshI := 8\n\t_ = shI\n}",
		"{\n\tvar shI = 9\n\t_ = shI\n}",
		"switch shI := 12; shI {\n}",
		"for shI := range 3 {\n\t_ = shI\n}",
		"for shI := range []int{4, 5} {\n\t_ = shI\n}",
	} {
		mustRun(t, s, code)
		if got := plain(mustRun(t, s, "shI")); got != "100" {
			t.Errorf("after %q the global shI is %s, want 100", code, got)
		}
	}
	// Every iteration's variable is its own.
	if got := plain(mustRun(t, s, "var shF []func() int\nfor j := 0; j < 3; j++ {\n\tshI := j\n\tshF = append(shF, func() int { return shI })\n}\nshF[0]() + shF[1]() + shF[2]()")); got != "3" {
		t.Errorf("closures over a nested shI sum to %s, want 3", got)
	}
	// A loop variable named like the global, captured by closures: one
	// per iteration (loopvar.go) and not the global (shadow.go) together.
	if got := plain(mustRun(t, s, "var shG []func() int\nfor shI := 0; shI < 3; shI++ {\n\tshG = append(shG, func() int { return shI })\n}\nshG[0]()*100 + shG[1]()*10 + shG[2]() + shI")); got != "112" {
		t.Errorf("closures over a loop variable named like a global: %s, want 112 (0, 1, 2 and the global 100)", got)
	}
	// A variable of the same cell's top level is kept too.
	if got := plain(mustRun(t, s, "shJ := 5\nfor j := 0; j < 2; j++ {\n\tshJ := j * 10\n\t_ = shJ\n}\nshJ")); got != "5" {
		t.Errorf("shJ = %s, want 5", got)
	}
	// Assignments (no :=) in nested blocks still reach the global.
	if got := plain(mustRun(t, s, "for j := 0; j < 3; j++ {\n\tshI = j\n}\nshI")); got != "2" {
		t.Errorf("assigned global shI = %s, want 2", got)
	}
	// A struct field named like the variable keeps its name in a literal.
	mustRun(t, s, "type shPoint struct{ shI, Y int }")
	if got := plain(mustRun(t, s, "var shP shPoint\n{\n\tshI := 3\n\tshP = shPoint{shI: shI, Y: 1}\n}\nshP.shI + shP.Y")); got != "4" {
		t.Errorf("struct literal with a field named like a nested variable: %s, want 4", got)
	}
	// Messages name the variable as the cell wrote it.
	if got := humanize("undefined: shI_gkL12 and shI_gkL3x"); got != "undefined: shI and shI_gkL3x" {
		t.Errorf("humanize = %q", got)
	}
}
