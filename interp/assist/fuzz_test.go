package assist

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// FuzzAssist checks that no input, valid or not, makes the three requests
// panic, and that completion positions stay inside the code.
func FuzzAssist(f *testing.F) {
	for _, seed := range []string{
		"mat.NewD", "é := 1; é", `s := "😀"; m.`, "for {", "func (", "x := []int{1,", ")", "`raw",
		"/* c", "a.b.c(d[1]).e.", "type T struct{ X int }\nvar t T\nt.", "import m \"fmt\"\nm.P",
		"net.Layers[0].", "\xff\xfe", "func f() { g := func(){}; g.",
	} {
		f.Add(seed, len(seed))
	}
	s := newFakeScope()
	f.Fuzz(func(t *testing.T, code string, pos int) {
		n := utf8.RuneCountInString(code)
		if pos < 0 || pos > n {
			pos = n
		}
		matches, start, end := Complete(s, code, pos)
		if matches == nil || start < 0 || start > end || end != pos {
			t.Fatalf("Complete(%q, %d) = %v, %d, %d", code, pos, matches, start, end)
		}
		if !slices.IsSorted(matches) {
			t.Fatalf("unsorted %v", matches)
		}
		if text, found := Inspect(s, code, pos, 1); found != (text != "") {
			t.Fatalf("Inspect(%q) found=%v text=%q", code, found, text)
		}
		switch st, _ := IsComplete(code); st {
		case "complete", "incomplete", "invalid":
		default:
			t.Fatalf("IsComplete(%q) = %q", code, st)
		}
	})
}
