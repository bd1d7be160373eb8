package kernel_test

import (
	"context"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/wire"
)

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

func TestRunEndsWhenTransportCloses(t *testing.T) {
	h := start(t, kernel.Options{})
	h.tr.Close()
	select {
	case err := <-h.done:
		if err != kernel.ErrTransportClosed {
			t.Errorf("Run = %v, want ErrTransportClosed", err)
		}
		h.done <- err
	case <-time.After(timeout):
		t.Fatal("Run did not return after the transport closed")
	}
	if got := h.f.shutdowns; len(got) != 1 {
		t.Errorf("interpreter Shutdown calls %v", got)
	}
}
