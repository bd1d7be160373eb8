package kerneltest

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/wire"
)

func kernelMessage(t *testing.T, key, msgType, parentID string) [][]byte {
	t.Helper()
	s, _ := wire.NewSigner("hmac-sha256", key)
	parent, _ := json.Marshal(map[string]string{"msg_id": parentID})
	f, err := wire.Encode(&wire.Message{Identities: [][]byte{[]byte("topic")}, Header: wire.NewHeader(msgType, "k", "kernel"), ParentHeader: parent}, s)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestClientRejectsBadlySignedKernelMessages(t *testing.T) {
	tr := NewTransport()
	c := NewClient(tr, "right")
	tr.Send(wire.IOPub, kernelMessage(t, "right", "status", "p"))
	if ms, err := c.All(wire.IOPub); err != nil || len(ms) != 1 || ms[0].Parent.MsgID != "p" {
		t.Fatalf("good message: %v, %v", ms, err)
	}
	tr.Send(wire.IOPub, kernelMessage(t, "wrong", "status", "p"))
	if _, err := c.All(wire.IOPub); err == nil {
		t.Error("a message signed with the wrong key was accepted")
	}
}

func TestWaitTimesOutWithWhatArrived(t *testing.T) {
	tr := NewTransport()
	c := NewClient(tr, "")
	tr.Send(wire.Shell, kernelMessage(t, "", "kernel_info_reply", "a"))
	if _, err := c.Reply(wire.Shell, "b", 20*time.Millisecond); err == nil {
		t.Error("Reply to an unknown parent did not time out")
	}
	go func() {
		time.Sleep(10 * time.Millisecond)
		tr.Send(wire.Shell, kernelMessage(t, "", "execute_reply", "b"))
	}()
	m, err := c.Reply(wire.Shell, "b", 5*time.Second)
	if err != nil || m.Type() != "execute_reply" {
		t.Errorf("Reply = %v, %v", m, err)
	}
}

func TestTransportRecv(t *testing.T) {
	tr := NewTransport()
	tr.Deliver(wire.Control, [][]byte{[]byte("x")})
	done, cancel := context.WithCancel(context.Background())
	cancel()
	// A waiting message is returned even with an ended context.
	if f, err := tr.Recv(done, wire.Control); err != nil || string(f[0]) != "x" {
		t.Errorf("Recv = %q, %v", f, err)
	}
	if _, err := tr.Recv(done, wire.Control); err != context.Canceled {
		t.Errorf("empty Recv with ended ctx = %v", err)
	}
	tr.Close()
	if _, err := tr.Recv(context.Background(), wire.Shell); err != ErrClosed {
		t.Errorf("Recv after Close = %v", err)
	}
	if tr.Pending(wire.Control) != 0 {
		t.Error("Pending after Recv")
	}
}
