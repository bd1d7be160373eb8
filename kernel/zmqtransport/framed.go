package zmqtransport

import (
	"bufio"
	"context"
	"net"
	"strings"
	"sync"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/transport"
)

// framedScheme is the zmq4 transport that carries the kernel's tcp
// sockets: plain TCP whose connections read through a buffer and write
// whole ZMTP messages at once (see framedConn).
const framedScheme = "gokernel-tcp"

var registerOnce sync.Once

// framedEndpoint returns ep with its tcp scheme replaced by framedScheme,
// registering that transport on first use; other endpoints are unchanged.
func framedEndpoint(ep string) string {
	if !strings.HasPrefix(ep, "tcp://") {
		return ep
	}
	registerOnce.Do(func() {
		// Only this function registers the name, once: it cannot be taken.
		_ = zmq4.RegisterTransport(framedScheme, framedTransport{transport.New("tcp")})
	})
	return framedScheme + "://" + strings.TrimPrefix(ep, "tcp://")
}

// framedTransport is zmq4's tcp transport with every connection wrapped
// in a framedConn.
type framedTransport struct{ tcp transport.Transport }

func (t framedTransport) Dial(ctx context.Context, d transport.Dialer, addr string) (net.Conn, error) {
	c, err := t.tcp.Dial(ctx, d, addr)
	if err != nil {
		return nil, err
	}
	return newFramedConn(c), nil
}

func (t framedTransport) Listen(ctx context.Context, addr string) (net.Listener, error) {
	l, err := t.tcp.Listen(ctx, addr)
	if err != nil {
		return nil, err
	}
	return framedListener{l}, nil
}

func (t framedTransport) Addr(ep string) (string, error) { return t.tcp.Addr(ep) }

type framedListener struct{ net.Listener }

func (l framedListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return newFramedConn(c), nil
}

// ZMTP 3 framing, as far as framedConn needs it.
const (
	greetingLen = 64
	flagMore    = 0x01
	flagLong    = 0x02
	flagCommand = 0x04
	// flushAt bounds what a framedConn holds back: a write that would
	// take it past this goes out at once, with what was held.
	flushAt = 64 << 10
)

// framedConn is a net.Conn for zmq4, which reads a frame header and a
// frame body with separate calls and writes each header and body with a
// separate call: a 7-frame Jupyter message costs 14 read and 14 write
// system calls, each write its own TCP segment. framedConn reads through a
// buffer and follows the ZMTP stream it is given (the 64-byte greeting,
// then frames) to hold writes back until a message or command is complete,
// then writes it with one call. The bytes on the wire are unchanged; a
// message is on the socket when the write of its last frame returns.
type framedConn struct {
	net.Conn
	r *bufio.Reader

	mu       sync.Mutex
	out      []byte
	greeting int     // greeting bytes still to pass
	hdr      [9]byte // the frame header being read
	hdrN     int     // bytes of hdr filled
	body     uint64  // body bytes still to pass
	inBody   bool
	last     bool // the current frame ends a message or is a command
}

func newFramedConn(c net.Conn) *framedConn {
	return &framedConn{Conn: c, r: bufio.NewReaderSize(c, 64<<10), greeting: greetingLen}
}

// Read implements net.Conn through the buffer.
func (c *framedConn) Read(p []byte) (int, error) { return c.r.Read(p) }

// Write implements net.Conn. It holds p back unless it completes the
// greeting, a command, or the last frame of a message. A large p is
// written as it is, after what was held, without being copied.
func (c *framedConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	boundary := c.scan(p)
	if len(c.out)+len(p) >= flushAt {
		if err := c.flushLocked(); err != nil {
			return 0, err
		}
		if err := writeAll(c.Conn, p); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	c.out = append(c.out, p...)
	if boundary {
		if err := c.flushLocked(); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// scan advances the framing state over p and reports whether p ends at a
// boundary where the held bytes must go out.
func (c *framedConn) scan(p []byte) bool {
	boundary := false
	for len(p) > 0 {
		boundary = false
		switch {
		case c.greeting > 0:
			n := min(c.greeting, len(p))
			c.greeting -= n
			p = p[n:]
			boundary = c.greeting == 0
		case c.inBody:
			n := uint64(len(p))
			if n > c.body {
				n = c.body
			}
			c.body -= n
			p = p[n:]
			if c.body == 0 {
				c.inBody = false
				boundary = c.last
			}
		default:
			c.hdr[c.hdrN] = p[0]
			c.hdrN++
			p = p[1:]
			need := 2
			if c.hdr[0]&flagLong != 0 {
				need = 9
			}
			if c.hdrN < need {
				continue
			}
			var size uint64
			for _, b := range c.hdr[1:need] {
				size = size<<8 | uint64(b)
			}
			c.hdrN = 0
			c.last = c.hdr[0]&flagMore == 0 || c.hdr[0]&flagCommand != 0
			c.body = size
			c.inBody = size > 0
			boundary = size == 0 && c.last
		}
	}
	return boundary
}

func (c *framedConn) flushLocked() error {
	b := c.out
	c.out = c.out[:0]
	return writeAll(c.Conn, b)
}

func writeAll(w net.Conn, b []byte) error {
	for len(b) > 0 {
		n, err := w.Write(b)
		if err != nil {
			return err
		}
		b = b[n:]
	}
	return nil
}
