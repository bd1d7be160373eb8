package interp

import (
	"strings"
	"testing"
)

// TestYaegiLogStaysOut checks that the lines yaegi writes to the standard
// logger before an internal panic ("2026/11/27 15:44:07 nil type") do not
// reach the cell's output: only the cell's error says what failed.
func TestYaegiLogStaysOut(t *testing.T) {
	s := sess(t)
	// A range over a func: yaegi logs "nil type" and panics while compiling.
	rec, res := runCell(t, s, "seq := func(yield func(int) bool) { yield(1) }\nfor v := range seq { fmt.Print(v) }")
	if res.Error == nil || res.Error.Name != ErrInternal || !strings.Contains(res.Error.Value, "nil type") {
		t.Fatalf("error = %v, want an InternalError about nil type", res.Error)
	}
	if got := rec.text("stderr") + rec.text("stdout"); got != "" {
		t.Errorf("cell output = %q, want none", got)
	}
	// A range over an int: yaegi logs and panics on the first compile, the
	// session rewrites the loop and the cell succeeds, silently.
	rec = mustRun(t, s, "rangeSum := 0\nfor k := range 4 { rangeSum += k }\nrangeSum")
	if got := plain(rec); got != "6" {
		t.Errorf("range over int = %q, want 6", got)
	}
	if got := rec.text("stderr"); got != "" {
		t.Errorf("stderr = %q, want none", got)
	}
}

// TestUserLogReachesStderr checks that a cell's own log lines, through
// yaegi's logger and through the standard one, still reach its stderr,
// also right after a cell that made yaegi log internally.
func TestUserLogReachesStderr(t *testing.T) {
	s := sess(t)
	runCell(t, s, "badSeq := func(yield func(int) bool) {}\nfor v := range badSeq { _ = v }")
	rec := mustRun(t, s, `import "log"
log.Println("cell line one")
log.Printf("cell line %d", 2)
log.Default().Println("standard logger line")
func logInFunc() { log.Print("from a func") }
logInFunc()`)
	errText := rec.text("stderr")
	for _, want := range []string{"cell line one\n", "cell line 2\n", "standard logger line\n", "from a func\n"} {
		if !strings.Contains(errText, want) {
			t.Errorf("stderr %q lacks %q", errText, want)
		}
	}
}

// TestGoroutineLogReachesStderr checks that a goroutine of a cell is not
// taken for the compiler: its log line stays.
func TestGoroutineLogReachesStderr(t *testing.T) {
	skipRaceWithGoroutines(t)
	s := sess(t)
	rec := mustRun(t, s, `import "log"
logDone := make(chan bool)
go func() { log.Default().Println("goroutine line"); logDone <- true }()
<-logDone`)
	if !strings.Contains(rec.text("stderr"), "goroutine line\n") {
		t.Errorf("stderr %q lacks the goroutine's line", rec.text("stderr"))
	}
}
