package interp

import (
	"testing"
	"time"
)

// idleSentinel returns the sentinel the session keeps for the next cell.
func idleSentinel(s *Session) *sentinel {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.idle
}

// TestSentinelKeptUntilInterrupt checks that cells ending normally hand
// their parked sentinel to the next cell, that an interrupt still stops a
// cell running on a kept sentinel, and that the cell after it gets a new
// one.
func TestSentinelKeptUntilInterrupt(t *testing.T) {
	s := sess(t)
	mustRun(t, s, "sentKept := 1")
	first := idleSentinel(s)
	if first == nil {
		t.Fatal("no sentinel kept after a cell")
	}
	mustRun(t, s, "sentKept++")
	if got := idleSentinel(s); got != first {
		t.Fatal("the next cell did not reuse the kept sentinel")
	}
	select {
	case <-first.returned:
		t.Fatal("the kept sentinel is not parked")
	default:
	}

	_, res, _ := interruptAfter(t, s, "for { sentKept++ }", 30*time.Millisecond)
	if res.Error == nil || res.Error.Name != ErrInterrupted {
		t.Fatalf("interrupted cell: %+v", res.Error)
	}
	select {
	case <-first.returned:
	default:
		t.Fatal("the interrupt did not cancel the sentinel the cell ran on")
	}
	frozen(t, s, "sentKept")
	if got := value(t, s, "2 * 21"); got != "42" {
		t.Fatalf("cell after the interrupt: %q", got)
	}
	if next := idleSentinel(s); next == nil || next == first {
		t.Fatal("the cell after an interrupt did not start a new sentinel")
	}
}
