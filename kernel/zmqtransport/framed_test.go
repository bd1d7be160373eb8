package zmqtransport

import (
	"bytes"
	"encoding/binary"
	"net"
	"testing"
)

// writeRecorder is a net.Conn that records each Write call.
type writeRecorder struct {
	net.Conn
	writes [][]byte
}

func (w *writeRecorder) Write(p []byte) (int, error) {
	w.writes = append(w.writes, append([]byte(nil), p...))
	return len(p), nil
}

// frameHeader returns the ZMTP header of a frame of n bytes.
func frameHeader(flags byte, n int) []byte {
	if n > 255 {
		h := make([]byte, 9)
		h[0] = flags | flagLong
		binary.BigEndian.PutUint64(h[1:], uint64(n))
		return h
	}
	return []byte{flags, byte(n)}
}

func TestFramedConnWritesWholeMessages(t *testing.T) {
	rec := &writeRecorder{}
	c := newFramedConn(rec)
	var all []byte
	write := func(p []byte) {
		t.Helper()
		if n, err := c.Write(p); n != len(p) || err != nil {
			t.Fatalf("Write(%d bytes) = %d, %v", len(p), n, err)
		}
		all = append(all, p...)
	}
	greeting := bytes.Repeat([]byte{0x7f}, greetingLen)
	write(greeting[:10])
	if len(rec.writes) != 0 {
		t.Fatalf("a partial greeting went out: %d writes", len(rec.writes))
	}
	write(greeting[10:])
	if len(rec.writes) != 1 || len(rec.writes[0]) != greetingLen {
		t.Fatalf("greeting: got writes %d, want one of %d bytes", len(rec.writes), greetingLen)
	}

	// A command (READY) goes out on its own.
	ready := []byte("\x05READY")
	write(frameHeader(flagCommand, len(ready)))
	write(ready)
	if len(rec.writes) != 2 {
		t.Fatalf("command: %d writes, want 2", len(rec.writes))
	}

	// A message of an identity, an empty delimiter frame, a long frame and
	// a short last frame: header and body written separately, out at once.
	long := bytes.Repeat([]byte("x"), 300)
	frames := [][]byte{[]byte("id"), nil, long, []byte("{}")}
	for i, f := range frames {
		flags := byte(flagMore)
		if i == len(frames)-1 {
			flags = 0
		}
		write(frameHeader(flags, len(f)))
		if len(f) > 0 {
			write(f)
		}
		if i < len(frames)-1 && len(rec.writes) != 2 {
			t.Fatalf("frame %d of %d went out early", i+1, len(frames))
		}
	}
	if len(rec.writes) != 3 {
		t.Fatalf("message: %d writes, want 3", len(rec.writes))
	}

	// A message whose last frame is empty ends with its header.
	write(frameHeader(flagMore, 1))
	write([]byte("a"))
	write(frameHeader(0, 0))
	if len(rec.writes) != 4 {
		t.Fatalf("message ending in an empty frame: %d writes, want 4", len(rec.writes))
	}
	if got := bytes.Join(rec.writes, nil); !bytes.Equal(got, all) {
		t.Fatalf("bytes on the wire differ from the bytes written")
	}
}

func TestFramedConnBoundsWhatItHolds(t *testing.T) {
	rec := &writeRecorder{}
	c := newFramedConn(rec)
	c.greeting = 0
	big := bytes.Repeat([]byte("y"), 3*flushAt)
	c.Write(frameHeader(flagMore, len(big)))
	c.Write(big)
	if len(rec.writes) == 0 {
		t.Fatalf("%d bytes held back, bound is %d", len(big), flushAt)
	}
	if len(c.out) != 0 || cap(c.out) >= len(big) {
		t.Fatalf("the large body was copied: holding %d, capacity %d", len(c.out), cap(c.out))
	}
	c.Write(frameHeader(0, 1))
	c.Write([]byte("z"))
	got := bytes.Join(rec.writes, nil)
	want := append(append(append(frameHeader(flagMore, len(big)), big...), frameHeader(0, 1)...), 'z')
	if !bytes.Equal(got, want) || len(c.out) != 0 {
		t.Fatalf("wrote %d bytes (want %d), holding %d", len(got), len(want), len(c.out))
	}
}

func TestFramedEndpoint(t *testing.T) {
	if got := framedEndpoint("tcp://127.0.0.1:5555"); got != framedScheme+"://127.0.0.1:5555" {
		t.Errorf("tcp endpoint: %q", got)
	}
	if got := framedEndpoint("ipc://kernel-1"); got != "ipc://kernel-1" {
		t.Errorf("ipc endpoint changed: %q", got)
	}
}
