package kernel

import (
	"context"
	"encoding/json"
	"sync"

	"github.com/gokernel/gokernel/kernel/wire"
)

// stdinBroker matches input_reply messages to the Input call waiting for
// them. One input_request is outstanding at a time.
type stdinBroker struct {
	ask1    sync.Mutex // one prompt at a time
	mu      sync.Mutex
	waiting map[string]chan string
}

// ask sends input_request on stdin, addressed with the shell request's
// identities, and waits for the reply or the end of ctx.
func (b *stdinBroker) ask(ctx context.Context, r *request, prompt string, password bool) (string, error) {
	b.ask1.Lock()
	defer b.ask1.Unlock()
	if err := ctx.Err(); err != nil {
		return "", err
	}
	ch := make(chan string, 1)
	frames, id, err := r.k.encode(wire.Stdin, r.msg.Identities, "input_request", r.msg.RawHeader,
		map[string]any{"prompt": prompt, "password": password})
	if err != nil {
		return "", err
	}
	b.mu.Lock()
	b.waiting[id] = ch
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		delete(b.waiting, id)
		b.mu.Unlock()
	}()
	if err := r.k.t.Send(wire.Stdin, frames); err != nil {
		return "", err
	}
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// deliver hands an input_reply to its waiter: the one whose input_request
// is its parent, or the only one waiting when the parent is unknown.
func (b *stdinBroker) deliver(parentID, value string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	ch, ok := b.waiting[parentID]
	if !ok && len(b.waiting) == 1 {
		for _, c := range b.waiting {
			ch, ok = c, true
		}
	}
	if !ok {
		return false
	}
	select {
	case ch <- value:
		return true
	default:
		return false
	}
}

func (k *Kernel) stdinLoop(ctx context.Context) {
	for ctx.Err() == nil {
		m, err := k.recv(ctx, wire.Stdin)
		if err != nil {
			return
		}
		if m.Header.MsgType != "input_reply" {
			k.log.Printf("kernel: ignoring %s on stdin", m.Header.MsgType)
			continue
		}
		var parent struct {
			MsgID string `json:"msg_id"`
		}
		_ = json.Unmarshal(m.ParentHeader, &parent)
		if !k.stdin.deliver(parent.MsgID, parseFields(m.Content).str("value", "")) {
			k.log.Printf("kernel: input_reply %s answers no pending input_request", m.Header.MsgID)
		}
	}
}
