package interp

import (
	"strings"
	"testing"
	"time"
)

func TestPanicTraceback(t *testing.T) {
	s := sess(t)
	mustRun(t, s, "func explode(n int) int {\n\tvar a []int\n\treturn a[n]\n}")
	_, res := runCell(t, s, "x := 1\nexplode(x)")
	if res.Error == nil || res.Error.Name != ErrPanic {
		t.Fatalf("got %v, want a panic", res.Error)
	}
	tb := strings.Join(res.Error.Traceback, "\n")
	// yaegi places the panic of an index expression loosely (at the
	// declaration of a): require the function and the cell lines.
	for _, want := range []string{"cell[", "in explode", "line 2, column 1: in cell", "explode(x)"} {
		if !strings.Contains(tb, want) {
			t.Errorf("traceback lacks %q:\n%s", want, tb)
		}
	}
	// The session lives on and keeps its state.
	if got := plain(mustRun(t, s, "x + 1")); got != "2" {
		t.Errorf("after the panic x + 1 = %q", got)
	}
	_, res = runCell(t, s, "panic(\"my message\")")
	if res.Error == nil || res.Error.Value != "my message" {
		t.Errorf("got %v", res.Error)
	}
	// A compiled panic keeps its message.
	_, res = runCell(t, s, "a := mat.NewDense(2, 3, nil)\nvar b mat.Dense\nb.Mul(a, a)")
	if res.Error == nil || !strings.Contains(res.Error.Value, "dimension mismatch") {
		t.Errorf("got %v", res.Error)
	}
	// recover in a cell works.
	rec := mustRun(t, s, "func safe() (err error) {\n\tdefer func() {\n\t\tif r := recover(); r != nil { err = fmt.Errorf(\"recovered: %v\", r) }\n\t}()\n\tpanic(\"inner\")\n}\nsafe()")
	if got := plain(rec); got != "recovered: inner" {
		t.Errorf("got %q", got)
	}
}

// TestCompilePanic checks that yaegi panicking while it compiles fails the
// cell instead of the process.
func TestCompilePanic(t *testing.T) {
	s := sess(t)
	for _, code := range []string{"min(1)"} {
		_, res := runCell(t, s, code)
		if res.Error == nil {
			t.Errorf("%q: no error", code)
		}
	}
	if got := plain(mustRun(t, s, "40 + 2")); got != "42" {
		t.Errorf("after compile panics: %q", got)
	}
}

// TestGoroutinePanic checks that a goroutine panicking during its cell
// fails the cell, and that the process lives.
func TestGoroutinePanic(t *testing.T) {
	skipRaceWithGoroutines(t)
	s := sess(t)
	start := time.Now()
	_, res := runCell(t, s, "func crash(k int) { var m map[string]int; m[\"a\"] = k }\nch := make(chan int)\ngo crash(1)\n<-ch")
	if res.Error == nil || res.Error.Name != ErrPanic || !strings.Contains(res.Error.Value, "goroutine started at cell[") {
		t.Fatalf("got %v, want a goroutine panic", res.Error)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("the cell took %v to fail", time.Since(start))
	}
	if !strings.Contains(strings.Join(res.Error.Traceback, "\n"), "in crash") {
		t.Errorf("traceback: %q", res.Error.Traceback)
	}
	// go with a func literal, in a loop, with a WaitGroup.
	rec, res := runCell(t, s, "import \"sync\"\nvar gw sync.WaitGroup\nfor i := 0; i < 3; i++ {\n\tgw.Add(1)\n\tgo func(k int) {\n\t\tdefer gw.Done()\n\t\tif k == 2 { panic(fmt.Sprint(\"worker \", k)) }\n\t}(i)\n}\ngw.Wait()")
	// The deferred Done runs before the recovering wrapper, so Wait may
	// return first: the panic is then reported on stderr (a late panic).
	if res.Error == nil {
		deadline := time.Now().Add(2 * time.Second)
		for !strings.Contains(rec.text("stderr"), "worker 2") && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
	}
	if (res.Error == nil || !strings.Contains(res.Error.Value, "worker 2")) && !strings.Contains(rec.text("stderr"), "worker 2") {
		t.Errorf("got %v and stderr %q", res.Error, rec.text("stderr"))
	}
	// A goroutine panicking after its cell is reported on the latest stderr.
	mustRun(t, s, "lateP := make(chan bool)\ngo func() { <-lateP; panic(\"late boom\") }()")
	rec = mustRun(t, s, "lateP <- true\ntime.Sleep(100 * time.Millisecond)")
	deadline := time.Now().Add(2 * time.Second)
	for !strings.Contains(rec.text("stderr"), "late boom") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(rec.text("stderr"), "late boom") {
		t.Errorf("late panic not reported: stderr %q", rec.text("stderr"))
	}
	if got := plain(mustRun(t, s, "1")); got != "1" {
		t.Errorf("session broken: %q", got)
	}
}

// TestGoArgumentsEvaluatedAtGo checks the rewrite of go statements keeps
// Go's semantics: arguments are evaluated when the go statement runs.
func TestGoArgumentsEvaluatedAtGo(t *testing.T) {
	skipRaceWithGoroutines(t)
	s := sess(t)
	rec := mustRun(t, s, `func put(c chan int, v int) { c <- v }
gac := make(chan int, 3)
for i := 0; i < 3; i++ {
	go put(gac, i*10)
}
sum := 0
for i := 0; i < 3; i++ {
	sum += <-gac
}
sum`)
	if got := plain(rec); got != "30" {
		t.Errorf("sum = %q, want 30", got)
	}
}

func TestUnsupportedCode(t *testing.T) {
	s := sess(t)
	_, res := runCell(t, s, "x := 1\ndefer fmt.Println(x)")
	if res.Error == nil || !strings.Contains(res.Error.Value, "defer at the top level") || !strings.Contains(res.Error.Value, ":2:1") {
		t.Errorf("top-level defer: %v", res.Error)
	}
	_, res = runCell(t, s, "import \"github.com/nobody/nothing\"")
	if res.Error == nil || !strings.Contains(res.Error.Value, "is not available") {
		t.Errorf("unknown import: %v", res.Error)
	}
	// A defer inside a function is fine.
	rec := mustRun(t, s, "func deferred() (s string) { defer func() { s += \"!\" }(); return \"ok\" }\ndeferred()")
	if plain(rec) != "ok!" {
		t.Errorf("got %q", plain(rec))
	}
}

// TestPanicNamesStatement checks that a panic in top-level code names the
// statement that ran, not the first one of the cell (all yaegi knows).
func TestPanicNamesStatement(t *testing.T) {
	s := sess(t)
	_, res := runCell(t, s, "var emptySlice []int\nidx := 3\n_ = emptySlice[idx]")
	if res.Error == nil {
		t.Fatal("no panic")
	}
	tb := strings.Join(res.Error.Traceback, "\n")
	if !strings.Contains(tb, "line 3, column 1: in cell") || !strings.Contains(tb, "_ = emptySlice[idx]") {
		t.Errorf("traceback does not name line 3:\n%s", tb)
	}
	mustRun(t, s, "func explode2(n int) int {\n\tvar a []int\n\treturn a[n]\n}")
	_, res = runCell(t, s, "a := 1\nfor i := 0; i < 3; i++ {\n\ta++\n}\nexplode2(a)")
	tb = strings.Join(res.Error.Traceback, "\n")
	if res.Error == nil || !strings.Contains(tb, "line 5, column 1: in cell") {
		t.Errorf("traceback:\n%s", tb)
	}
}
