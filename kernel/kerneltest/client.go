package kerneltest

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/gokernel/gokernel/kernel/wire"
)

// Msg is one decoded message the kernel sent.
type Msg struct {
	Channel    wire.Channel
	Identities [][]byte // the routing identities, or the topic on IOPub
	Header     wire.Header
	Parent     wire.Header
	ParentRaw  json.RawMessage
	Metadata   map[string]any
	Content    map[string]any
}

// Type returns the msg_type.
func (m *Msg) Type() string { return m.Header.MsgType }

// State returns content.execution_state of a status message, "" otherwise.
func (m *Msg) State() string {
	s, _ := m.Content["execution_state"].(string)
	return s
}

// String summarizes the message for test failures.
func (m *Msg) String() string {
	c, _ := json.Marshal(m.Content)
	if len(c) > 120 {
		c = append(c[:117], "..."...)
	}
	return fmt.Sprintf("%v %s (parent %s) %s", m.Channel, m.Header.MsgType, m.Parent.MsgID, c)
}

// Client talks to a kernel through a Transport as a Jupyter client would,
// with one identity for shell, control and stdin.
type Client struct {
	T        *Transport
	Signer   *wire.Signer
	Session  string
	Identity []byte

	mu       sync.Mutex
	read     [4]int
	msgs     [4][]*Msg
	byParent [4]map[string][]*Msg
}

// NewClient returns a Client of t signing with key (hmac-sha256).
func NewClient(t *Transport, key string) *Client {
	s, err := wire.NewSigner("hmac-sha256", key)
	if err != nil {
		panic(err)
	}
	return &Client{T: t, Signer: s, Session: wire.NewID(), Identity: []byte("client-" + wire.NewID()[:8])}
}

// Frames builds a signed request of msgType with content and returns its
// frames and msg_id, for tests that tamper with them before Deliver.
func (c *Client) Frames(msgType string, content any) ([][]byte, string) {
	b, err := json.Marshal(content)
	if err != nil {
		panic(err)
	}
	m := &wire.Message{
		Identities: [][]byte{c.Identity},
		Header:     wire.NewHeader(msgType, c.Session, "test"),
		Content:    b,
	}
	frames, err := wire.Encode(m, c.Signer)
	if err != nil {
		panic(err)
	}
	return frames, m.Header.MsgID
}

// Send delivers a request on ch and returns its msg_id.
func (c *Client) Send(ch wire.Channel, msgType string, content any) string {
	f, id := c.Frames(msgType, content)
	c.T.Deliver(ch, f)
	return id
}

// Answer sends an input_reply with value on stdin, as a child of the
// input_request req.
func (c *Client) Answer(req *Msg, value string) {
	b, _ := json.Marshal(map[string]any{"value": value})
	m := &wire.Message{
		Identities:   [][]byte{c.Identity},
		Header:       wire.NewHeader("input_reply", c.Session, "test"),
		ParentHeader: req.ParentRawOf(),
		Content:      b,
	}
	f, err := wire.Encode(m, c.Signer)
	if err != nil {
		panic(err)
	}
	c.T.Deliver(wire.Stdin, f)
}

// ParentRawOf returns m's own header as JSON, to use as a parent header.
func (m *Msg) ParentRawOf() json.RawMessage {
	b, _ := json.Marshal(m.Header)
	return b
}

// sync decodes the messages written on ch since the last call.
func (c *Client) sync(ch wire.Channel) (<-chan struct{}, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	frames, changed := c.T.Sent(ch, c.read[ch])
	for _, f := range frames {
		c.read[ch]++
		m, err := wire.Decode(f, c.Signer)
		if err != nil {
			return changed, fmt.Errorf("kerneltest: kernel sent a bad message on %v: %w (%q)", ch, err, f)
		}
		out := &Msg{Channel: ch, Identities: m.Identities, Header: m.Header, ParentRaw: m.ParentHeader}
		if err := json.Unmarshal(m.ParentHeader, &out.Parent); err != nil {
			return changed, err
		}
		if err := json.Unmarshal(m.Metadata, &out.Metadata); err != nil {
			return changed, err
		}
		if err := json.Unmarshal(m.Content, &out.Content); err != nil {
			return changed, err
		}
		c.msgs[ch] = append(c.msgs[ch], out)
		if c.byParent[ch] == nil {
			c.byParent[ch] = map[string][]*Msg{}
		}
		c.byParent[ch][out.Parent.MsgID] = append(c.byParent[ch][out.Parent.MsgID], out)
	}
	return changed, nil
}

// All returns every message the kernel sent on ch so far.
func (c *Client) All(ch wire.Channel) ([]*Msg, error) {
	_, err := c.sync(ch)
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]*Msg(nil), c.msgs[ch]...), err
}

// Wait returns the messages on ch once done reports true for them, or an
// error after timeout listing what arrived.
func (c *Client) Wait(ch wire.Channel, timeout time.Duration, done func([]*Msg) bool) ([]*Msg, error) {
	return c.wait(ch, timeout, func() ([]*Msg, bool) {
		msgs := append([]*Msg(nil), c.msgs[ch]...)
		return msgs, done(msgs)
	})
}

// wait polls check (called with c.mu held) after each write on ch.
func (c *Client) wait(ch wire.Channel, timeout time.Duration, check func() ([]*Msg, bool)) ([]*Msg, error) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		changed, err := c.sync(ch)
		if err != nil {
			return nil, err
		}
		c.mu.Lock()
		msgs, ok := check()
		c.mu.Unlock()
		if ok {
			return msgs, nil
		}
		select {
		case <-changed:
		case <-deadline.C:
			var b strings.Builder
			all, _ := c.All(ch)
			for _, m := range all {
				b.WriteString("\n  " + m.String())
			}
			return msgs, fmt.Errorf("kerneltest: timeout after %v on %v; got:%s", timeout, ch, b.String())
		}
	}
}

// Reply waits for the first message on ch whose parent is msgID.
func (c *Client) Reply(ch wire.Channel, msgID string, timeout time.Duration) (*Msg, error) {
	ms, err := c.wait(ch, timeout, func() ([]*Msg, bool) {
		ms := c.byParent[ch][msgID]
		return ms, len(ms) > 0
	})
	if err != nil {
		return nil, err
	}
	return ms[0], nil
}

// UntilIdle waits for the IOPub status idle whose parent is msgID and
// returns the IOPub messages with that parent, in order, busy and idle
// included.
func (c *Client) UntilIdle(msgID string, timeout time.Duration) ([]*Msg, error) {
	return c.wait(wire.IOPub, timeout, func() ([]*Msg, bool) {
		ms := c.byParent[wire.IOPub][msgID]
		for i, m := range ms {
			if m.Type() == "status" && m.State() == "idle" {
				return append([]*Msg(nil), ms[:i+1]...), true
			}
		}
		return append([]*Msg(nil), ms...), false
	})
}

// Types lists the message types of ms, with the state of status messages
// ("status:busy"), for comparing sequences in tests.
func Types(ms []*Msg) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Type()
		if m.Type() == "status" {
			out[i] += ":" + m.State()
		}
	}
	return out
}
