package interp

import (
	"strings"
	"testing"
	"time"
)

// TestOutputOrder checks that the five writers of a cell reach the
// emitter in the order they wrote: interpreted fmt, os.Stdout, compiled
// code, the println builtin, and fmt again.
func TestOutputOrder(t *testing.T) {
	s := sess(t)
	rec := mustRun(t, s, `import "gokernel.test/compiled"
for i := 0; i < 3; i++ {
	fmt.Println(i, "interp fmt")
	fmt.Fprintln(os.Stdout, i, "os.Stdout")
	compiled.Print(fmt.Sprint(i, " compiled\n"))
	println(i, "println")
	os.Stdout.WriteString(fmt.Sprint(i, " WriteString\n"))
}`)
	var want strings.Builder
	for i := 0; i < 3; i++ {
		for _, w := range []string{"interp fmt", "os.Stdout", "compiled", "println", "WriteString"} {
			want.WriteString(string(rune('0'+i)) + " " + w + "\n")
		}
	}
	if got := rec.text("stdout"); got != want.String() {
		t.Errorf("stdout:\n%s\nwant:\n%s", got, want.String())
	}
}

func TestStderrWriters(t *testing.T) {
	s := sess(t)
	rec := mustRun(t, s, "import \"log\"\nlog.SetFlags(0)\nlog.Println(\"from log\")\nfmt.Fprintln(os.Stderr, \"from os.Stderr\")")
	if got := rec.text("stderr"); got != "from log\nfrom os.Stderr\n" {
		t.Errorf("stderr %q", got)
	}
	if rec.text("stdout") != "" {
		t.Errorf("stdout %q", rec.text("stdout"))
	}
}

func TestLargeOutput(t *testing.T) {
	s := sess(t)
	rec := mustRun(t, s, "line := strings.Repeat(\"x\", 99)\nfor i := 0; i < 5000; i++ { fmt.Println(line) }")
	if got := len(rec.text("stdout")); got != 5000*100 {
		t.Errorf("got %d bytes, want %d", got, 5000*100)
	}
}

// TestLateOutput checks that a goroutine printing after its cell ended
// writes to the latest cell's emitter.
func TestLateOutput(t *testing.T) {
	skipRaceWithGoroutines(t)
	s := sess(t)
	first := mustRun(t, s, "lateCh := make(chan bool)\ngo func() { <-lateCh; fmt.Println(\"late line\") }()")
	second := mustRun(t, s, "lateCh <- true\ntime.Sleep(50 * time.Millisecond)")
	deadline := time.Now().Add(2 * time.Second)
	for !strings.Contains(second.text("stdout"), "late line") && time.Now().Before(deadline) {
		s.sync()
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(second.text("stdout"), "late line") || first.text("stdout") != "" {
		t.Errorf("late output went to %q (first) and %q (second)", first.text("stdout"), second.text("stdout"))
	}
}
