package interp

import (
	"context"
	"fmt"
	"reflect"
	"syscall"
	"time"

	"errors"
	"github.com/gokernel/gokernel/stdlib/session"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/gokernel/gokernel/kernel"
)

// The session captures fd 1 and 2; the test framework writes to dups of
// them so that its output stays visible.
func TestMain(m *testing.M) {
	origStdout, origStderr = os.Stdout, os.Stderr // keep them: a collected *os.File closes its fd
	if out, err := dupFile(1, "test-stdout"); err == nil {
		os.Stdout = out
	}
	if e, err := dupFile(2, "test-stderr"); err == nil {
		os.Stderr = e
	}
	code := m.Run()
	if shared != nil {
		shared.Close()
	}
	os.Exit(code)
}

var (
	origStdout, origStderr *os.File
	shared                 *Session
	sharedOnce             sync.Once
	counter                int
	counterMu              sync.Mutex
)

// sess returns the session shared by the tests.
func sess(t testing.TB) *Session {
	t.Helper()
	sharedOnce.Do(func() {
		s, err := New(Options{Symbols: []map[string]map[string]reflect.Value{testSymbols}})
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		shared = s
	})
	if shared == nil {
		t.Fatal("no session")
	}
	return shared
}

// event is one output of a cell.
type event struct {
	kind string // "stdout", "stderr", "display", "update", "clear", "result", "input"
	text string
	data kernel.MIMEBundle
	id   string
}

// recorder is a kernel.Emitter that records what a cell emits.
type recorder struct {
	mu     sync.Mutex
	events []event
	inputs []string // answers to Input, in order
	allow  bool
}

func (r *recorder) add(e event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if n := len(r.events); n > 0 && (e.kind == "stdout" || e.kind == "stderr") && r.events[n-1].kind == e.kind {
		r.events[n-1].text += e.text
		return
	}
	r.events = append(r.events, e)
}

func (r *recorder) Stream(name, text string) {
	if name == "stderr" && raceEnabled {
		// Race reports go to fd 2, which the session captures: show them.
		os.Stderr.WriteString(text)
	}
	r.add(event{kind: name, text: text})
}
func (r *recorder) Display(data, md kernel.MIMEBundle, id string) {
	r.add(event{kind: "display", data: data, id: id})
}
func (r *recorder) UpdateDisplay(data, md kernel.MIMEBundle, id string) {
	r.add(event{kind: "update", data: data, id: id})
}
func (r *recorder) ClearOutput(wait bool) { r.add(event{kind: "clear"}) }
func (r *recorder) Result(data, md kernel.MIMEBundle) {
	r.add(event{kind: "result", data: data})
}
func (r *recorder) Input(prompt string, password bool) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.allow {
		return "", errors.New("input not allowed")
	}
	if len(r.inputs) == 0 {
		return "", errors.New("no more input")
	}
	s := r.inputs[0]
	r.inputs = r.inputs[1:]
	r.events = append(r.events, event{kind: "input", text: s})
	return s, nil
}

// text returns everything written to stream name.
func (r *recorder) text(name string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var sb strings.Builder
	for _, e := range r.events {
		if e.kind == name {
			sb.WriteString(e.text)
		}
	}
	return sb.String()
}

// result returns the execute_result, or nil.
func (r *recorder) result() kernel.MIMEBundle {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, e := range r.events {
		if e.kind == "result" {
			return e.data
		}
	}
	return nil
}

func (r *recorder) kinds() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var k []string
	for _, e := range r.events {
		k = append(k, e.kind)
	}
	return k
}

func nextCount() int {
	counterMu.Lock()
	defer counterMu.Unlock()
	counter++
	return counter
}

// execCtx runs code as a new cell under ctx.
func execCtx(ctx context.Context, s *Session, code string, rec *recorder) kernel.ExecuteResult {
	return s.Execute(ctx, kernel.ExecuteRequest{Code: code, Count: nextCount(), StoreHistory: true, AllowStdin: rec.allow}, rec)
}

// runCell runs code as a new cell and returns what it emitted.
func runCell(t testing.TB, s *Session, code string) (*recorder, kernel.ExecuteResult) {
	t.Helper()
	rec := &recorder{}
	res := execCtx(context.Background(), s, code, rec)
	return rec, res
}

// mustRun runs code and fails the test if the cell fails.
func mustRun(t testing.TB, s *Session, code string) *recorder {
	t.Helper()
	rec, res := runCell(t, s, code)
	if res.Error != nil {
		t.Fatalf("cell %q failed: %s\n%s", code, res.Error, strings.Join(res.Error.Traceback, "\n"))
	}
	return rec
}

// plain returns the text/plain of the cell's result, or "" if none.
func plain(rec *recorder) string {
	if r := rec.result(); r != nil {
		s, _ := r["text/plain"].(string)
		return s
	}
	return ""
}

func kernelRequest(code string, ue map[string]string) kernel.ExecuteRequest {
	return kernel.ExecuteRequest{Code: code, Count: nextCount(), StoreHistory: true, UserExpressions: ue}
}

// testSymbols is a compiled package for cells, as library code would be:
// import "gokernel.test/compiled".
var testSymbols = map[string]map[string]reflect.Value{
	"gokernel.test/compiled/compiled": {
		// Print writes s to fd 1 from compiled code.
		"Print": reflect.ValueOf(func(s string) { syscall.Write(1, []byte(s)) }),
		// Busy spins for d without looking at any interrupt.
		"Busy": reflect.ValueOf(func(d time.Duration) int {
			n := 0
			for end := time.Now().Add(d); time.Now().Before(end); {
				n++
			}
			return n
		}),
		// Coop spins for d, polling session.Context like a library
		// training loop; it returns how long it ran.
		"Coop": reflect.ValueOf(func(d time.Duration) time.Duration {
			start := time.Now()
			ctx := session.Context()
			for time.Since(start) < d {
				if ctx.Err() != nil {
					break
				}
			}
			return time.Since(start)
		}),
		// Sprint is fmt.Sprint for the tests of any values.
		"Sprint": reflect.ValueOf(func(v any) string { return fmt.Sprint(v) }),
	},
}

// skipRaceWithGoroutines skips a test whose interpreted goroutines run
// while a later program executes: yaegi's Execute resizes the global frame
// without synchronisation while those goroutines read it, which the race
// detector reports inside yaegi (not in the session). The interrupt
// technique itself is checked under -race by the other tests:
//
//	go test -race -run 'TestInterrupt' ./interp
func skipRaceWithGoroutines(t *testing.T) {
	t.Helper()
	if raceEnabled {
		t.Skip("yaegi races on its global frame when goroutines span Executes")
	}
}

func kernelRequestSilent(code string) kernel.ExecuteRequest {
	return kernel.ExecuteRequest{Code: code, Count: nextCount(), Silent: true}
}
