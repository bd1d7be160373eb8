package interp

import "testing"

func TestSmoke(t *testing.T) {
	s := sess(t)
	rec := mustRun(t, s, "x := 40\nfmt.Println(\"hi\")\nx + 2")
	if got := plain(rec); got != "42" {
		t.Errorf("result = %q, want 42", got)
	}
	if got := rec.text("stdout"); got != "hi\n" {
		t.Errorf("stdout = %q", got)
	}
}
