package kerneltest

import (
	"context"
	"errors"
	"sync"

	"github.com/gokernel/gokernel/kernel/wire"
)

// ErrClosed is returned by Recv once the Transport is closed.
var ErrClosed = errors.New("kerneltest: transport closed")

// Transport is an in-memory kernel.Transport. Deliver puts client messages
// in; Sent and Wait read what the kernel wrote.
type Transport struct {
	in     [3]chan [][]byte
	closed chan struct{}
	once   sync.Once

	mu      sync.Mutex
	sent    [4][][][]byte
	changed chan struct{}
	last    [][]byte
}

// NewTransport returns an empty Transport.
func NewTransport() *Transport {
	t := &Transport{closed: make(chan struct{}), changed: make(chan struct{})}
	for i := range t.in {
		t.in[i] = make(chan [][]byte, 1024)
	}
	return t
}

// Recv implements kernel.Transport.
func (t *Transport) Recv(ctx context.Context, ch wire.Channel) ([][]byte, error) {
	if ch > wire.Stdin {
		return nil, errors.New("kerneltest: cannot receive on " + ch.String())
	}
	select {
	case f := <-t.in[ch]:
		return f, nil
	default:
	}
	select {
	case f := <-t.in[ch]:
		return f, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-t.closed:
		return nil, ErrClosed
	}
}

// Send implements kernel.Transport.
func (t *Transport) Send(ch wire.Channel, frames [][]byte) error {
	if ch > wire.IOPub {
		return errors.New("kerneltest: cannot send on " + ch.String())
	}
	cp := make([][]byte, len(frames))
	for i, f := range frames {
		cp[i] = append([]byte(nil), f...)
	}
	t.mu.Lock()
	t.sent[ch] = append(t.sent[ch], cp)
	close(t.changed)
	t.changed = make(chan struct{})
	t.mu.Unlock()
	return nil
}

// PublishLast implements kernel.Transport: the message is recorded on
// IOPub like any other and also kept as Last.
func (t *Transport) PublishLast(_ context.Context, frames [][]byte) error {
	if err := t.Send(wire.IOPub, frames); err != nil {
		return err
	}
	t.mu.Lock()
	t.last = frames
	t.mu.Unlock()
	return nil
}

// Last returns the frames given to PublishLast, nil if it was not called.
func (t *Transport) Last() [][]byte {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.last
}

// Deliver queues frames as if a client had sent them on ch (Shell, Control
// or Stdin).
func (t *Transport) Deliver(ch wire.Channel, frames [][]byte) {
	t.in[ch] <- frames
}

// Pending returns how many delivered messages on ch the kernel has not
// taken yet.
func (t *Transport) Pending(ch wire.Channel) int { return len(t.in[ch]) }

// Sent returns the messages the kernel wrote on ch so far, from index
// from on, and a channel closed at the next write.
func (t *Transport) Sent(ch wire.Channel, from int) ([][][]byte, <-chan struct{}) {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := t.sent[ch]
	if from > len(s) {
		from = len(s)
	}
	return s[from:len(s):len(s)], t.changed
}

// Close makes every pending and later Recv fail.
func (t *Transport) Close() {
	t.once.Do(func() { close(t.closed) })
}
