package kernel_test

import (
	"context"
	"log"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/kerneltest"
	"github.com/gokernel/gokernel/kernel/wire"
)

const (
	key     = "test-key"
	timeout = 5 * time.Second
)

type harness struct {
	t    *testing.T
	tr   *kerneltest.Transport
	c    *kerneltest.Client
	f    *fake
	k    *kernel.Kernel
	done chan error
	stop context.CancelFunc
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func start(t *testing.T, opts kernel.Options) *harness {
	t.Helper()
	tr := kerneltest.NewTransport()
	s, _ := wire.NewSigner("hmac-sha256", key)
	f := newFake()
	if opts.Log == nil {
		opts.Log = log.New(testWriter{t}, "", 0)
	}
	k := kernel.NewKernel(tr, s, f, opts)
	ctx, cancel := context.WithCancel(context.Background())
	h := &harness{t: t, tr: tr, c: kerneltest.NewClient(tr, key), f: f, k: k, done: make(chan error, 1), stop: cancel}
	go func() { h.done <- k.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-h.done:
		case <-time.After(timeout):
			t.Error("Run did not return after cancel")
		}
		tr.Close()
	})
	return h
}

// exec sends an execute_request and returns its msg_id.
func (h *harness) exec(code string, extra map[string]any) string {
	c := map[string]any{"code": code, "silent": false, "store_history": true, "allow_stdin": false, "stop_on_error": true, "user_expressions": map[string]any{}}
	for k, v := range extra {
		c[k] = v
	}
	return h.c.Send(wire.Shell, "execute_request", c)
}

func (h *harness) iopub(id string) []*kerneltest.Msg {
	h.t.Helper()
	ms, err := h.c.UntilIdle(id, timeout)
	if err != nil {
		h.t.Fatal(err)
	}
	return ms
}

func (h *harness) reply(ch wire.Channel, id string) *kerneltest.Msg {
	h.t.Helper()
	m, err := h.c.Reply(ch, id, timeout)
	if err != nil {
		h.t.Fatal(err)
	}
	return m
}

func wantTypes(t *testing.T, ms []*kerneltest.Msg, want ...string) {
	t.Helper()
	if got := kerneltest.Types(ms); !reflect.DeepEqual(got, want) {
		t.Fatalf("iopub sequence\n got %q\nwant %q", got, want)
	}
}

func num(v any) int {
	f, _ := v.(float64)
	return int(f)
}

func TestStartingAndHeaders(t *testing.T) {
	h := start(t, kernel.Options{})
	id := h.exec("print:x\nresult:1", nil)
	h.iopub(id)
	h.reply(wire.Shell, id)
	all, err := h.c.All(wire.IOPub)
	if err != nil {
		t.Fatal(err)
	}
	if all[0].Type() != "status" || all[0].State() != "starting" || all[0].Parent.MsgID != "" {
		t.Errorf("first iopub message %v, want status starting without parent", all[0])
	}
	shell, _ := h.c.All(wire.Shell)
	date := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$`)
	seen := map[string]bool{}
	for _, m := range append(all, shell...) {
		hd := m.Header
		if hd.Version != "5.3" || !date.MatchString(hd.Date) || hd.Session != h.k.Session() || hd.MsgID == "" || seen[hd.MsgID] {
			t.Errorf("bad header %+v", hd)
		}
		seen[hd.MsgID] = true
		if m.Metadata == nil || m.Content == nil {
			t.Errorf("%v: metadata or content not an object", m)
		}
		if m.Channel == wire.IOPub && !strings.HasPrefix(string(m.Identities[0]), "kernel.") {
			t.Errorf("iopub topic %q", m.Identities[0])
		}
	}
}

func TestKernelInfoOnShellAndControl(t *testing.T) {
	h := start(t, kernel.Options{})
	for _, ch := range []wire.Channel{wire.Shell, wire.Control} {
		id := h.c.Send(ch, "kernel_info_request", map[string]any{})
		r := h.reply(ch, id)
		wantTypes(t, h.iopub(id), "status:busy", "status:idle")
		if r.Type() != "kernel_info_reply" || r.Content["status"] != "ok" || r.Content["protocol_version"] != "5.3" {
			t.Errorf("%v reply %v", ch, r)
		}
		if string(r.Identities[0]) != string(h.c.Identity) {
			t.Errorf("reply identity %q, want %q", r.Identities[0], h.c.Identity)
		}
		li := r.Content["language_info"].(map[string]any)
		if li["name"] != "go" || li["file_extension"] != ".go" || li["mimetype"] != "text/x-go" {
			t.Errorf("language_info %v", li)
		}
		if links := r.Content["help_links"].([]any); len(links) != 1 {
			t.Errorf("help_links %v", links)
		}
	}
}

func TestExecuteOrderAndCounter(t *testing.T) {
	h := start(t, kernel.Options{})
	for n := 1; n <= 2; n++ {
		id := h.exec("print:hello\neprint:oops\nresult:42", nil)
		ms := h.iopub(id)
		wantTypes(t, ms, "status:busy", "execute_input", "stream", "stream", "execute_result", "status:idle")
		if ms[1].Content["code"] != "print:hello\neprint:oops\nresult:42" || num(ms[1].Content["execution_count"]) != n {
			t.Errorf("execute_input %v", ms[1])
		}
		if ms[2].Content["name"] != "stdout" || ms[2].Content["text"] != "hello" || ms[3].Content["name"] != "stderr" {
			t.Errorf("streams %v %v", ms[2], ms[3])
		}
		if num(ms[4].Content["execution_count"]) != n || ms[4].Content["data"].(map[string]any)["text/plain"] != "42" {
			t.Errorf("execute_result %v", ms[4])
		}
		r := h.reply(wire.Shell, id)
		if r.Type() != "execute_reply" || r.Content["status"] != "ok" || num(r.Content["execution_count"]) != n {
			t.Errorf("reply %v", r)
		}
		if _, ok := r.Content["payload"].([]any); !ok {
			t.Errorf("payload %v", r.Content["payload"])
		}
	}
	reqs := h.f.requests()
	if reqs[1].Count != 2 || !reqs[1].StoreHistory || reqs[1].Silent {
		t.Errorf("interpreter saw %+v", reqs[1])
	}
}

func TestExecuteError(t *testing.T) {
	h := start(t, kernel.Options{})
	id := h.exec("print:before\nfail:ValueError", nil)
	ms := h.iopub(id)
	wantTypes(t, ms, "status:busy", "execute_input", "stream", "error", "status:idle")
	if ms[3].Content["ename"] != "ValueError" || len(ms[3].Content["traceback"].([]any)) != 2 {
		t.Errorf("error %v", ms[3])
	}
	r := h.reply(wire.Shell, id)
	if r.Content["status"] != "error" || r.Content["ename"] != "ValueError" || r.Content["evalue"] != "it failed" || num(r.Content["execution_count"]) != 1 {
		t.Errorf("reply %v", r)
	}
	if tb, ok := r.Content["traceback"].([]any); !ok || len(tb) != 2 {
		t.Errorf("traceback %v", r.Content["traceback"])
	}
}

func TestInterpreterPanicIsAFailedCell(t *testing.T) {
	h := start(t, kernel.Options{})
	id := h.exec("panic", map[string]any{"stop_on_error": false})
	wantTypes(t, h.iopub(id), "status:busy", "execute_input", "error", "status:idle")
	if r := h.reply(wire.Shell, id); r.Content["ename"] != "InterpreterPanic" || r.Content["evalue"] != "boom" {
		t.Errorf("reply %v", r)
	}
	id = h.exec("result:alive", nil)
	if r := h.reply(wire.Shell, id); r.Content["status"] != "ok" {
		t.Errorf("kernel did not survive a panic: %v", r)
	}
}

func TestSilentAndStoreHistory(t *testing.T) {
	h := start(t, kernel.Options{})
	id := h.exec("result:1", nil) // count 1
	h.reply(wire.Shell, id)

	id = h.exec("print:x\ndisplay:d\nresult:2\nfail:E", map[string]any{"silent": true, "stop_on_error": false})
	wantTypes(t, h.iopub(id), "status:busy", "status:idle")
	r := h.reply(wire.Shell, id)
	if num(r.Content["execution_count"]) != 1 || r.Content["status"] != "error" {
		t.Errorf("silent reply %v", r)
	}

	id = h.exec("result:3", map[string]any{"store_history": false})
	ms := h.iopub(id)
	wantTypes(t, ms, "status:busy", "execute_input", "execute_result", "status:idle")
	if num(ms[1].Content["execution_count"]) != 1 {
		t.Errorf("execute_input %v", ms[1])
	}
	if r := h.reply(wire.Shell, id); num(r.Content["execution_count"]) != 1 {
		t.Errorf("store_history=false bumped the counter: %v", r)
	}
	id = h.exec("result:4", nil)
	if r := h.reply(wire.Shell, id); num(r.Content["execution_count"]) != 2 {
		t.Errorf("counter %v, want 2", r.Content["execution_count"])
	}
	reqs := h.f.requests()
	if !reqs[1].Silent || reqs[1].StoreHistory || reqs[2].StoreHistory {
		t.Errorf("interpreter saw %+v", reqs)
	}
}

func TestStopOnErrorAbortsQueuedExecutes(t *testing.T) {
	h := start(t, kernel.Options{})
	first := h.exec("block\nfail:Boom", nil)
	<-h.f.started
	second := h.exec("result:never", nil)
	info := h.c.Send(wire.Shell, "kernel_info_request", map[string]any{})
	third := h.exec("result:never", nil)
	h.f.release <- struct{}{}

	if r := h.reply(wire.Shell, first); r.Content["status"] != "error" {
		t.Fatalf("first %v", r)
	}
	for _, id := range []string{second, third} {
		r := h.reply(wire.Shell, id)
		if r.Type() != "execute_reply" || r.Content["status"] != "aborted" {
			t.Errorf("queued execute %v, want aborted", r)
		}
		wantTypes(t, h.iopub(id), "status:busy", "status:idle")
	}
	if r := h.reply(wire.Shell, info); r.Content["status"] != "ok" {
		t.Errorf("kernel_info was aborted: %v", r)
	}
	if n := len(h.f.requests()); n != 1 {
		t.Errorf("interpreter ran %d cells, want 1", n)
	}
	// A request sent after the replies runs again.
	later := h.exec("result:ran", nil)
	if r := h.reply(wire.Shell, later); r.Content["status"] != "ok" || num(r.Content["execution_count"]) != 2 {
		t.Errorf("execute after the abort window %v", r)
	}
}

func TestStopOnErrorFalseDoesNotAbort(t *testing.T) {
	h := start(t, kernel.Options{})
	first := h.exec("block\nfail:Boom", map[string]any{"stop_on_error": false})
	<-h.f.started
	second := h.exec("result:ran", nil)
	h.f.release <- struct{}{}
	h.reply(wire.Shell, first)
	if r := h.reply(wire.Shell, second); r.Content["status"] != "ok" {
		t.Errorf("second %v", r)
	}
}

func TestUserExpressionsPassThrough(t *testing.T) {
	h := start(t, kernel.Options{})
	id := h.exec("", map[string]any{"user_expressions": map[string]any{"a": "x+1", "bad": 7}})
	r := h.reply(wire.Shell, id)
	ue := r.Content["user_expressions"].(map[string]any)
	a, _ := ue["a"].(map[string]any)
	if len(ue) != 1 || a["status"] != "ok" || a["data"].(map[string]any)["text/plain"] != "<x+1>" {
		t.Errorf("user_expressions %v", ue)
	}
	if got := h.f.requests()[0].UserExpressions; !reflect.DeepEqual(got, map[string]string{"a": "x+1"}) {
		t.Errorf("interpreter saw %v", got)
	}
	id = h.exec("", nil)
	if r := h.reply(wire.Shell, id); r.Content["user_expressions"] == nil {
		t.Error("user_expressions is null")
	}
}
