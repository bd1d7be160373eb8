package kernel_test

import (
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/kerneltest"
	"github.com/gokernel/gokernel/kernel/wire"
)

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
