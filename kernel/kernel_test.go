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
	// Much later than Options.AbortWindow (5 ms), executes run again.
	time.Sleep(300 * time.Millisecond)
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

func TestStreamBatching(t *testing.T) {
	// The timer is set out of reach so that the count depends only on the
	// size limit, not on how fast this machine runs 50,000 calls.
	h := start(t, kernel.Options{StreamFlushInterval: time.Hour})
	const n = 50000
	id := h.exec("spam:50000", nil)
	ms := h.iopub(id)
	var text strings.Builder
	streams := 0
	for _, m := range ms {
		if m.Type() == "stream" {
			streams++
			text.WriteString(m.Content["text"].(string))
		}
	}
	var want strings.Builder
	for i := range n {
		want.WriteString("line " + itoa(i) + "\n")
	}
	if text.String() != want.String() {
		t.Fatalf("stream text differs: got %d bytes, want %d", text.Len(), want.Len())
	}
	// 588,890 bytes at 64 KiB per message: 8 full messages and the rest.
	if max := want.Len()/(64<<10) + 1; streams > max {
		t.Errorf("%d stream messages for %d writes, want at most %d", streams, n, max)
	}
	t.Logf("%d writes -> %d stream messages", n, streams)
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

func TestStreamTimerFlushesDuringCell(t *testing.T) {
	h := start(t, kernel.Options{StreamFlushInterval: 10 * time.Millisecond})
	id := h.exec("print:early\nblock", nil)
	<-h.f.started
	_, err := h.c.Wait(wire.IOPub, timeout, func(ms []*kerneltest.Msg) bool {
		for _, m := range ms {
			if m.Type() == "stream" && m.Parent.MsgID == id {
				return true
			}
		}
		return false
	})
	if err != nil {
		t.Errorf("stream not flushed while the cell runs: %v", err)
	}
	h.f.release <- struct{}{}
	h.iopub(id)
}

func TestStreamKeepsUTF8Whole(t *testing.T) {
	h := start(t, kernel.Options{StreamFlushBytes: 4})
	// "héé" is 5 bytes; a 4-byte flush would cut the second é.
	id := h.exec("print:héé\nprint:ü", nil)
	var got string
	for _, m := range h.iopub(id) {
		if m.Type() == "stream" {
			got += m.Content["text"].(string)
		}
	}
	if got != "hééü" {
		t.Errorf("stream text %q", got)
	}
}

func TestFlushBeforeDisplayAndResult(t *testing.T) {
	h := start(t, kernel.Options{})
	id := h.exec("print:a\ndisplay:d1\nprint:b\nupdate:d1\nprint:c\nclear\nprint:d\nresult:r\nprint:e", nil)
	ms := h.iopub(id)
	wantTypes(t, ms, "status:busy", "execute_input", "stream", "display_data", "stream", "update_display_data",
		"stream", "clear_output", "stream", "execute_result", "stream", "status:idle")
	tr := ms[3].Content["transient"].(map[string]any)
	if tr["display_id"] != "d1" || ms[5].Content["transient"].(map[string]any)["display_id"] != "d1" {
		t.Errorf("display ids %v %v", ms[3], ms[5])
	}
	if ms[7].Content["wait"] != true {
		t.Errorf("clear_output %v", ms[7])
	}
	if _, ok := ms[3].Content["metadata"].(map[string]any); !ok {
		t.Errorf("display_data metadata %v", ms[3].Content["metadata"])
	}
}

func TestStdin(t *testing.T) {
	h := start(t, kernel.Options{})
	id := h.exec("input:Name? ", map[string]any{"allow_stdin": true})
	req, err := h.c.Reply(wire.Stdin, id, timeout)
	if err != nil {
		t.Fatal(err)
	}
	if req.Type() != "input_request" || req.Content["prompt"] != "Name? " || req.Content["password"] != false {
		t.Errorf("input_request %v", req)
	}
	if string(req.Identities[0]) != string(h.c.Identity) {
		t.Errorf("input_request identity %q", req.Identities[0])
	}
	h.c.Answer(req, "Ada")
	ms := h.iopub(id)
	wantTypes(t, ms, "status:busy", "execute_input", "stream", "status:idle")
	if ms[2].Content["text"] != "got Ada" {
		t.Errorf("stream %v", ms[2])
	}

	id = h.exec("input:x", nil)
	ms = h.iopub(id)
	if ms[2].Content["text"] != "input error: "+kernel.ErrStdinNotAllowed.Error() {
		t.Errorf("input without allow_stdin: %v", ms[2])
	}
	if all, _ := h.c.All(wire.Stdin); len(all) != 1 {
		t.Errorf("%d stdin messages, want 1", len(all))
	}
}

func TestInterruptCancelsCell(t *testing.T) {
	h := start(t, kernel.Options{})
	id := h.exec("block", nil)
	<-h.f.started
	intr := h.c.Send(wire.Control, "interrupt_request", map[string]any{})
	if r := h.reply(wire.Control, intr); r.Type() != "interrupt_reply" || r.Content["status"] != "ok" {
		t.Errorf("interrupt reply %v", r)
	}
	if r := h.reply(wire.Shell, id); r.Content["ename"] != "Interrupted" {
		t.Errorf("cell reply %v", r)
	}
}

func TestInterruptCancelsInput(t *testing.T) {
	h := start(t, kernel.Options{})
	id := h.exec("input:wait", map[string]any{"allow_stdin": true})
	if _, err := h.c.Reply(wire.Stdin, id, timeout); err != nil {
		t.Fatal(err)
	}
	// Kernel.Interrupt is what SIGINT calls.
	h.k.Interrupt()
	if r := h.reply(wire.Shell, id); r.Content["ename"] != "Interrupted" {
		t.Errorf("reply %v", r)
	}
}

func TestControlAnsweredWhileCellRuns(t *testing.T) {
	h := start(t, kernel.Options{})
	id := h.exec("block", nil)
	<-h.f.started
	info := h.c.Send(wire.Control, "kernel_info_request", map[string]any{})
	h.reply(wire.Control, info)
	h.f.release <- struct{}{}
	h.reply(wire.Shell, id)
}

func TestShutdown(t *testing.T) {
	for _, ch := range []wire.Channel{wire.Shell, wire.Control} {
		for _, restart := range []bool{false, true} {
			h := start(t, kernel.Options{})
			id := h.c.Send(ch, "shutdown_request", map[string]any{"restart": restart})
			r := h.reply(ch, id)
			if r.Type() != "shutdown_reply" || r.Content["restart"] != restart || r.Content["status"] != "ok" {
				t.Errorf("%v reply %v", ch, r)
			}
			wantTypes(t, h.iopub(id), "status:busy", "status:idle")
			select {
			case err := <-h.done:
				if err != nil {
					t.Errorf("Run returned %v", err)
				}
				h.done <- nil
			case <-time.After(timeout):
				t.Fatal("Run did not return after shutdown_request")
			}
			if h.tr.Last() == nil {
				t.Error("shutdown did not drain iopub")
			}
			all, _ := h.c.All(wire.IOPub)
			if last := all[len(all)-1]; last.Type() != "shutdown_reply" || last.Parent.MsgID != id {
				t.Errorf("last iopub message %v", last)
			}
			if got := h.f.shutdowns; len(got) != 1 || got[0] != restart {
				t.Errorf("interpreter Shutdown calls %v", got)
			}
		}
	}
}

func TestShutdownOnControlStopsRunningCell(t *testing.T) {
	h := start(t, kernel.Options{})
	id := h.exec("block", nil)
	<-h.f.started
	sd := h.c.Send(wire.Control, "shutdown_request", map[string]any{"restart": false})
	h.reply(wire.Control, sd)
	select {
	case err := <-h.done:
		h.done <- err
	case <-time.After(timeout):
		t.Fatal("Run did not return")
	}
	if r := h.reply(wire.Shell, id); r.Content["ename"] != "Interrupted" {
		t.Errorf("cell reply %v", r)
	}
}

func TestRunReturnsCtxErr(t *testing.T) {
	h := start(t, kernel.Options{})
	h.stop()
	select {
	case err := <-h.done:
		if err != context.Canceled {
			t.Errorf("Run = %v, want context.Canceled", err)
		}
		h.done <- err
	case <-time.After(timeout):
		t.Fatal("Run did not return")
	}
}
