package kernel_test

import (
	"encoding/json"
	"log"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/kerneltest"
	"github.com/gokernel/gokernel/kernel/wire"
)

func TestCompleteCursorInCodePoints(t *testing.T) {
	h := start(t, kernel.Options{})
	h.f.complete = kernel.Completion{CursorStart: 2, CursorEnd: 99}
	id := h.c.Send(wire.Shell, "complete_request", map[string]any{"code": "hé.x"})
	r := h.reply(wire.Shell, id)
	wantTypes(t, h.iopub(id), "status:busy", "status:idle")
	if m, ok := r.Content["matches"].([]any); !ok || len(m) != 0 {
		t.Errorf("matches %v, want []", r.Content["matches"])
	}
	if h.f.lastPos != 4 {
		t.Errorf("default cursor %d, want 4 code points", h.f.lastPos)
	}
	if num(r.Content["cursor_start"]) != 2 || num(r.Content["cursor_end"]) != 4 || r.Content["metadata"] == nil {
		t.Errorf("reply %v", r)
	}
	h.f.complete = kernel.Completion{Matches: []string{"Println", "Printf"}, CursorStart: 3, CursorEnd: 4}
	id = h.c.Send(wire.Shell, "complete_request", map[string]any{"code": "hé.x", "cursor_pos": 3})
	r = h.reply(wire.Shell, id)
	if h.f.lastPos != 3 || !reflect.DeepEqual(r.Content["matches"], []any{"Println", "Printf"}) {
		t.Errorf("cursor %d reply %v", h.f.lastPos, r)
	}
	id = h.c.Send(wire.Shell, "complete_request", map[string]any{"code": "ab", "cursor_pos": -7})
	h.reply(wire.Shell, id)
	if h.f.lastPos != 0 {
		t.Errorf("negative cursor gave %d", h.f.lastPos)
	}
}

func TestInspect(t *testing.T) {
	h := start(t, kernel.Options{})
	id := h.c.Send(wire.Shell, "inspect_request", map[string]any{"code": "known", "cursor_pos": 2, "detail_level": 1})
	r := h.reply(wire.Shell, id)
	if r.Content["status"] != "ok" || r.Content["found"] != true || r.Content["data"].(map[string]any)["text/plain"] != "doc at 2 level 1" {
		t.Errorf("found reply %v", r)
	}
	id = h.c.Send(wire.Shell, "inspect_request", map[string]any{"code": "zzz"})
	r = h.reply(wire.Shell, id)
	if r.Content["found"] != false || r.Content["data"] == nil || r.Content["metadata"] == nil {
		t.Errorf("not found reply %v", r)
	}
}

func TestIsComplete(t *testing.T) {
	h := start(t, kernel.Options{})
	for code, want := range map[string]map[string]any{
		"x := 1": {"status": "complete"},
		"if x {": {"status": "incomplete", "indent": "\t"},
		"}}":     {"status": "invalid"},
		"?":      {"status": "unknown"},
	} {
		id := h.c.Send(wire.Shell, "is_complete_request", map[string]any{"code": code})
		r := h.reply(wire.Shell, id)
		if !reflect.DeepEqual(r.Content, want) {
			t.Errorf("%q: %v, want %v", code, r.Content, want)
		}
	}
}

func TestCommInfoAndUnknownComm(t *testing.T) {
	h := start(t, kernel.Options{})
	id := h.c.Send(wire.Shell, "comm_info_request", map[string]any{"target_name": "x"})
	if r := h.reply(wire.Shell, id); r.Content["status"] != "ok" || !reflect.DeepEqual(r.Content["comms"], map[string]any{}) {
		t.Errorf("comm_info %v", r)
	}
	id = h.c.Send(wire.Shell, "comm_open", map[string]any{"comm_id": "c1", "target_name": "jupyter.widget", "data": map[string]any{}})
	ms := h.iopub(id)
	wantTypes(t, ms, "status:busy", "comm_close", "status:idle")
	if ms[1].Content["comm_id"] != "c1" {
		t.Errorf("comm_close %v", ms[1])
	}
	for _, typ := range []string{"comm_msg", "comm_close", "no_such_request"} {
		id = h.c.Send(wire.Shell, typ, map[string]any{"comm_id": "c1"})
		wantTypes(t, h.iopub(id), "status:busy", "status:idle")
	}
	id = h.c.Send(wire.Control, "debug_request", map[string]any{})
	wantTypes(t, h.iopub(id), "status:busy", "status:idle")
	shell, _ := h.c.All(wire.Shell)
	control, _ := h.c.All(wire.Control)
	if len(shell) != 1 || len(control) != 0 {
		t.Errorf("unexpected replies: %v %v", shell, control)
	}
}

func TestMalformedContentUsesDefaults(t *testing.T) {
	h := start(t, kernel.Options{})
	id := h.c.Send(wire.Shell, "execute_request", map[string]any{"code": 5, "silent": "yes", "store_history": nil, "user_expressions": []int{1}})
	r := h.reply(wire.Shell, id)
	if r.Content["status"] != "ok" || num(r.Content["execution_count"]) != 1 {
		t.Errorf("reply %v", r)
	}
	for _, typ := range []string{"complete_request", "inspect_request", "is_complete_request", "history_request", "kernel_info_request"} {
		id := h.c.Send(wire.Shell, typ, map[string]any{"code": []int{1}, "cursor_pos": "x", "detail_level": 1.5, "n": "ten", "hist_access_type": 3})
		if r := h.reply(wire.Shell, id); r.Content["status"] == nil {
			t.Errorf("%s reply %v", typ, r)
		}
	}
	// A content that is not an object is a malformed message: dropped.
	hdr, _ := json.Marshal(wire.NewHeader("kernel_info_request", "s", "u"))
	h.tr.Deliver(wire.Shell, [][]byte{[]byte("x"), []byte(wire.Delimiter),
		[]byte(h.c.Signer.Sign(hdr, []byte("{}"), []byte("{}"), []byte("[1]"))), hdr, []byte("{}"), []byte("{}"), []byte("[1]")})
	ok := h.c.Send(wire.Shell, "kernel_info_request", nil)
	h.reply(wire.Shell, ok)
	if all, _ := h.c.All(wire.Shell); len(all) != 7 {
		t.Errorf("%d replies, want 7", len(all))
	}
}

func TestForgedAndMalformedDropped(t *testing.T) {
	h := start(t, kernel.Options{})
	forged, forgedID := h.c.Frames("execute_request", map[string]any{"code": "result:ok"})
	forged[len(forged)-1] = []byte(`{"code":"result:pwned"}`)
	h.tr.Deliver(wire.Shell, forged)
	unsigned, unsignedID := h.c.Frames("execute_request", map[string]any{"code": "result:unsigned"})
	unsigned[2] = nil
	h.tr.Deliver(wire.Shell, unsigned)
	h.tr.Deliver(wire.Shell, [][]byte{[]byte("id"), []byte("no delimiter")})
	h.tr.Deliver(wire.Control, [][]byte{[]byte("<IDS|MSG>"), []byte("sig")})
	h.tr.Deliver(wire.Stdin, nil)
	replay, replayID := h.c.Frames("execute_request", map[string]any{"code": "result:once"})
	h.tr.Deliver(wire.Shell, replay)
	h.tr.Deliver(wire.Shell, replay)
	good := h.exec("result:good", nil)
	h.reply(wire.Shell, good)
	all, _ := h.c.All(wire.Shell)
	if len(all) != 2 || all[0].Parent.MsgID != replayID {
		t.Fatalf("replies %v", all)
	}
	iop, _ := h.c.All(wire.IOPub)
	for _, m := range iop {
		if m.Parent.MsgID == forgedID || m.Parent.MsgID == unsignedID {
			t.Errorf("forged message was handled: %v", m)
		}
	}
	if n := len(h.f.requests()); n != 2 {
		t.Errorf("interpreter ran %d cells, want 2", n)
	}
}

func TestParentHeaderKeptVerbatim(t *testing.T) {
	h := start(t, kernel.Options{})
	hdr := `{"msg_id":"p-1","session":"s","username":"u","date":"2026-01-01T00:00:00.000000Z","msg_type":"execute_request","version":"5.3","subshell_id":"sub-7"}`
	content := `{"code":"print:x"}`
	frames := [][]byte{[]byte("me"), []byte(wire.Delimiter), []byte(h.c.Signer.Sign([]byte(hdr), []byte("{}"), []byte("{}"), []byte(content))),
		[]byte(hdr), []byte("{}"), []byte("{}"), []byte(content)}
	h.tr.Deliver(wire.Shell, frames)
	r := h.reply(wire.Shell, "p-1")
	if string(r.ParentRaw) != hdr {
		t.Errorf("parent_header %s, want %s", r.ParentRaw, hdr)
	}
	if string(r.Identities[0]) != "me" {
		t.Errorf("identity %q", r.Identities[0])
	}
	for _, m := range h.iopub("p-1") {
		if string(m.ParentRaw) != hdr {
			t.Errorf("%v parent %s", m, m.ParentRaw)
		}
	}
}

func TestHistory(t *testing.T) {
	h := start(t, kernel.Options{})
	for _, c := range []struct {
		code  string
		store bool
	}{{"print:a", true}, {"result:b1", true}, {"hidden", false}, {"result:b2", true}, {"result:b1", true}} {
		id := h.exec(c.code, map[string]any{"store_history": c.store})
		h.reply(wire.Shell, id)
	}
	hist := func(content map[string]any) string {
		t.Helper()
		id := h.c.Send(wire.Shell, "history_request", content)
		r := h.reply(wire.Shell, id)
		b, _ := json.Marshal(r.Content["history"])
		return string(b)
	}
	cases := []struct {
		req  map[string]any
		want string
	}{
		{map[string]any{"hist_access_type": "tail", "n": 2}, `[[0,3,"result:b2"],[0,4,"result:b1"]]`},
		{map[string]any{"hist_access_type": "tail", "n": 1, "output": true}, `[[0,4,["result:b1","b1"]]]`},
		{map[string]any{"hist_access_type": "range", "session": 0, "start": 1, "stop": 3}, `[[0,1,"print:a"],[0,2,"result:b1"]]`},
		{map[string]any{"hist_access_type": "range", "start": -2}, `[[0,3,"result:b2"],[0,4,"result:b1"]]`},
		{map[string]any{"hist_access_type": "range", "start": 1, "stop": 2, "output": true}, `[[0,1,["print:a",null]]]`},
		{map[string]any{"hist_access_type": "range", "session": -1}, `[]`},
		{map[string]any{"hist_access_type": "search", "pattern": "result:b?"}, `[[0,2,"result:b1"],[0,3,"result:b2"],[0,4,"result:b1"]]`},
		{map[string]any{"hist_access_type": "search", "pattern": "*b1", "unique": true}, `[[0,4,"result:b1"]]`},
		{map[string]any{"hist_access_type": "search", "pattern": "*", "n": 2}, `[[0,3,"result:b2"],[0,4,"result:b1"]]`},
		{map[string]any{"hist_access_type": "search", "pattern": "print*"}, `[[0,1,"print:a"]]`},
		{map[string]any{"hist_access_type": "search", "pattern": "hidden"}, `[]`},
	}
	for _, c := range cases {
		if got := hist(c.req); got != c.want {
			t.Errorf("%v:\n got %s\nwant %s", c.req, got, c.want)
		}
	}
}

func TestGlobPatterns(t *testing.T) {
	h := start(t, kernel.Options{})
	for _, code := range []string{"abc", "a*c", "xyz", "ÅbÇ", "aXbXc"} {
		id := h.exec(code, nil)
		h.reply(wire.Shell, id)
	}
	count := func(p string) int {
		id := h.c.Send(wire.Shell, "history_request", map[string]any{"hist_access_type": "search", "pattern": p})
		return len(h.reply(wire.Shell, id).Content["history"].([]any))
	}
	for p, want := range map[string]int{"a*c": 3, "a?c": 2, "?b?": 2, "*": 5, "ABC": 0, "a*b*c": 2, "**x**": 1, "": 0, "abc?": 0} {
		if got := count(p); got != want {
			t.Errorf("pattern %q matched %d, want %d", p, got, want)
		}
	}
}

func TestOutputAfterCellEndsKeepsParent(t *testing.T) {
	// Output from a goroutine that outlives its cell keeps the cell's
	// parent and is still published after the cell's idle.
	h := start(t, kernel.Options{StreamFlushInterval: 5 * time.Millisecond})
	id := h.exec("later:background", nil)
	wantTypes(t, h.iopub(id), "status:busy", "execute_input", "status:idle")
	h.f.release <- struct{}{}
	ms, err := h.c.Wait(wire.IOPub, timeout, func(ms []*kerneltest.Msg) bool {
		return ms[len(ms)-1].Type() == "stream"
	})
	if err != nil {
		t.Fatal(err)
	}
	if m := ms[len(ms)-1]; m.Parent.MsgID != id || m.Content["text"] != "background" {
		t.Errorf("late output %v", m)
	}
}

// lockedBuffer is a log destination tests can read.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestEveryRequestSurvivesWrongTypes(t *testing.T) {
	logs := &lockedBuffer{}
	h := start(t, kernel.Options{Log: log.New(logs, "", 0)})
	odd := []any{nil, true, -1e300, 1.5, "s", []any{1, "x"}, map[string]any{"k": []any{}}}
	fields := []string{"code", "cursor_pos", "detail_level", "silent", "store_history", "allow_stdin", "stop_on_error",
		"user_expressions", "hist_access_type", "n", "start", "stop", "session", "pattern", "unique", "output",
		"comm_id", "target_name", "data", "restart"}
	types := []string{"execute_request", "complete_request", "inspect_request", "is_complete_request", "history_request",
		"comm_info_request", "comm_open", "comm_msg", "comm_close", "kernel_info_request"}
	for i, v := range odd {
		content := map[string]any{}
		for _, f := range fields {
			content[f] = v
		}
		for _, typ := range types {
			id := h.c.Send(wire.Shell, typ, content)
			ms := h.iopub(id)
			if ms[0].State() != "busy" {
				t.Errorf("%s with %v: first message %v", typ, odd[i], ms[0])
			}
		}
	}
	// The kernel is still serving, and no handler panicked.
	id := h.exec("result:ok", nil)
	if r := h.reply(wire.Shell, id); r.Content["status"] != "ok" {
		t.Errorf("after odd requests: %v", r)
	}
	if strings.Contains(logs.String(), "panic") {
		t.Errorf("a handler panicked:\n%s", logs)
	}
}
