package interp

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel"
)

// interruptAfter runs code and cancels its context after d; it returns the
// result and how long Execute took after the cancel.
func interruptAfter(t testing.TB, s *Session, code string, d time.Duration) (*recorder, kernel.ExecuteResult, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var cancelled time.Time
	timer := time.AfterFunc(d, func() { cancelled = time.Now(); cancel() })
	defer timer.Stop()
	rec := &recorder{}
	res := execCtx(ctx, s, code, rec)
	if cancelled.IsZero() {
		t.Fatalf("%q ended before the interrupt: %v", code, res.Error)
	}
	return rec, res, time.Since(cancelled)
}

// value returns the text/plain of expr evaluated in a new cell.
func value(t testing.TB, s *Session, expr string) string {
	t.Helper()
	return plain(mustRun(t, s, expr))
}

// frozen checks that the global counter does not move anymore.
func frozen(t *testing.T, s *Session, counter string) {
	t.Helper()
	a := value(t, s, counter)
	time.Sleep(150 * time.Millisecond)
	mustRun(t, s, "1") // another Execute must not revive anything
	time.Sleep(50 * time.Millisecond)
	if b := value(t, s, counter); a != b {
		t.Errorf("%s still moves after the interrupt: %s then %s", counter, a, b)
	}
}

func TestInterrupt(t *testing.T) {
	s := sess(t)
	mustRun(t, s, "import \"sync\"\nkeep := \"state\"\nintN := 0")
	tests := []struct {
		name, code string
	}{
		{"loop", "for { intN++ }"},
		{"loop calling funcs", "func bump() { intN++ }\nfor { bump() }"},
		{"select", "select {}"},
		{"channel", "ich := make(chan int)\n<-ich"},
		{"time.Sleep", "time.Sleep(time.Hour)\nintN = -1"},
		{"time.After", "<-time.After(time.Hour)\nintN = -1"},
		{"WaitGroup", "var iwg sync.WaitGroup\niwg.Add(1)\niwg.Wait()\nintN = -1"},
		{"goroutines", "import \"sync/atomic\"\nvar intG int64\nfor i := 0; i < 3; i++ {\n\tgo func() { for { atomic.AddInt64(&intG, 1) } }()\n}\nselect {}"},
		{"compiled cooperating", "import \"gokernel.test/compiled\"\ncompiled.Coop(time.Hour)\nintN = -1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "goroutines" {
				skipRaceWithGoroutines(t)
			}
			_, res, took := interruptAfter(t, s, tt.code, 100*time.Millisecond)
			if res.Error == nil || res.Error.Name != ErrInterrupted {
				t.Fatalf("got %v, want Interrupted", res.Error)
			}
			if took > time.Second {
				t.Errorf("Execute returned %v after the interrupt", took)
			}
			frozen(t, s, "intN")
			if tt.name == "goroutines" {
				frozen(t, s, "atomic.LoadInt64(&intG)")
			}
			if v := value(t, s, "intN"); v == "-1" {
				t.Errorf("code after the interrupted call ran")
			}
			if v := value(t, s, "keep"); v != "state" {
				t.Errorf("state lost: keep = %q", v)
			}
		})
	}
}

// TestInterruptBackgroundLoops checks that interrupting a cell also stops
// the goroutines earlier cells left running, sleeping or busy.
func TestInterruptBackgroundLoops(t *testing.T) {
	skipRaceWithGoroutines(t)
	s := sess(t)
	mustRun(t, s, "bgA, bgB := 0, 0\ngo func() { for { bgA++; time.Sleep(time.Millisecond) } }()\ngo func() { for { bgB++ } }()")
	time.Sleep(50 * time.Millisecond)
	if value(t, s, "bgA") == "0" {
		t.Fatal("background loop not running")
	}
	_, res, _ := interruptAfter(t, s, "select {}", 50*time.Millisecond)
	if res.Error == nil {
		t.Fatal("no error")
	}
	frozen(t, s, "bgA")
	frozen(t, s, "bgB")
}

// TestInterruptNoRevival interrupts a loop many times at random moments
// and checks that no interrupted loop comes back with the next cells.
func TestInterruptNoRevival(t *testing.T) {
	s := sess(t)
	mustRun(t, s, "revN, revDone := 0, 0")
	for i := 0; i < 10; i++ {
		d := time.Duration(5+i*7) * time.Millisecond
		_, res, _ := interruptAfter(t, s, "for j := 0; j < 1e12; j++ { revN++ }\nrevDone++", d)
		if res.Error == nil {
			t.Fatal("no error")
		}
	}
	frozen(t, s, "revN")
	if v := value(t, s, "revDone"); v != "0" {
		t.Errorf("code after an interrupted loop ran %s times", v)
	}
}

// TestInterruptCompiledStillStopping interrupts a compiled call that does
// not poll: Execute replies after the grace, the next cell waits for the
// call to return, and the rest of the interrupted cell never runs.
func TestInterruptCompiledStillStopping(t *testing.T) {
	s := sess(t)
	mustRun(t, s, "import \"gokernel.test/compiled\"\nstuckAfter := 0")
	_, res, took := interruptAfter(t, s, "compiled.Busy(1500 * time.Millisecond)\nstuckAfter = 1", 100*time.Millisecond)
	if res.Error == nil || !strings.Contains(res.Error.Value, "still running") {
		t.Fatalf("got %v, want a still-stopping error", res.Error)
	}
	if took > s.opts.Grace+500*time.Millisecond {
		t.Errorf("reply took %v after the interrupt", took)
	}
	start := time.Now()
	rec := mustRun(t, s, "stuckAfter")
	if plain(rec) != "0" {
		t.Errorf("stuckAfter = %s: the interrupted cell went on", plain(rec))
	}
	if !strings.Contains(rec.text("stderr"), "waiting for the interrupted cell") {
		t.Errorf("no notice while waiting: %q", rec.text("stderr"))
	}
	if w := time.Since(start); w < 300*time.Millisecond {
		t.Errorf("the next cell waited only %v", w)
	}
}
