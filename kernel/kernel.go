package kernel

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"runtime/debug"
	"sync"
	"time"

	"github.com/gokernel/gokernel/kernel/wire"
)

// Options tunes a Kernel. The zero value works.
type Options struct {
	// Log receives diagnostics. It must not write to os.Stdout or
	// os.Stderr, whose file descriptors the interpreter captures. Nil
	// discards them.
	Log *log.Logger
	// StreamFlushInterval is how long stream text may wait before it is
	// published (default 50 ms).
	StreamFlushInterval time.Duration
	// StreamFlushBytes is how much stream text is held before it is
	// published at once (default 64 KiB).
	StreamFlushBytes int
	// ShutdownTimeout bounds how long a shutdown waits for the running cell
	// to stop and for IOPub to drain (default 2 s).
	ShutdownTimeout time.Duration
	// ParentPollInterval is how often Serve checks that the process that
	// started it (JPY_PARENT_PID) is alive (default 1 s; negative disables).
	ParentPollInterval time.Duration
}

func (o Options) withDefaults() Options {
	if o.Log == nil {
		o.Log = log.New(io.Discard, "", 0)
	}
	if o.StreamFlushInterval <= 0 {
		o.StreamFlushInterval = 50 * time.Millisecond
	}
	if o.StreamFlushBytes <= 0 {
		o.StreamFlushBytes = 64 << 10
	}
	if o.ShutdownTimeout <= 0 {
		o.ShutdownTimeout = 2 * time.Second
	}
	if o.ParentPollInterval == 0 {
		o.ParentPollInterval = time.Second
	}
	return o
}

// Kernel answers Jupyter requests arriving on a Transport with an
// Interpreter. Build it with NewKernel and start it with Run.
type Kernel struct {
	t       Transport
	signer  *wire.Signer
	in      Interpreter
	opts    Options
	log     *log.Logger
	session string

	// Shell state: touched only by the shell goroutine.
	counter  int
	aborting bool            // true while the requests in queued are handled
	queued   []*wire.Message // shell requests that were waiting when a cell failed
	history  history

	runMu     sync.Mutex
	cancelRun context.CancelFunc
	stopping  bool // set once Run is ending: cells are cancelled at once

	stdin stdinBroker
	info  Info // asked once, before any cell runs

	shutdownOnce sync.Once
	shutdownCh   chan struct{}
	shutdownReq  *request
	restart      bool
}

// NewKernel returns a Kernel that reads and writes t, checks and signs
// messages with signer and runs cells with in.
func NewKernel(t Transport, signer *wire.Signer, in Interpreter, opts Options) *Kernel {
	opts = opts.withDefaults()
	return &Kernel{
		t:          t,
		signer:     signer,
		in:         in,
		opts:       opts,
		log:        opts.Log,
		session:    wire.NewID(),
		shutdownCh: make(chan struct{}),
		stdin:      stdinBroker{waiting: make(map[string]chan string)},
	}
}

// Session returns the kernel's session id, new for every Kernel.
func (k *Kernel) Session() string { return k.session }

// Interrupt cancels the context of the running cell, if any.
func (k *Kernel) Interrupt() {
	k.runMu.Lock()
	defer k.runMu.Unlock()
	if k.cancelRun != nil {
		k.cancelRun()
	}
}

func (k *Kernel) setRunning(cancel context.CancelFunc) {
	k.runMu.Lock()
	defer k.runMu.Unlock()
	k.cancelRun = cancel
	if cancel != nil && k.stopping {
		cancel()
	}
}

// stop cancels the running cell and any cell that starts later.
func (k *Kernel) stop() {
	k.runMu.Lock()
	defer k.runMu.Unlock()
	k.stopping = true
	if k.cancelRun != nil {
		k.cancelRun()
	}
}

// ErrTransportClosed is returned by Run when the transport stops
// delivering shell messages before a shutdown was asked for.
var ErrTransportClosed = errors.New("kernel: transport closed")

// ErrShutdownTimeout is logged when the running cell does not stop within
// Options.ShutdownTimeout of a shutdown.
var ErrShutdownTimeout = errors.New("kernel: cell did not stop before shutdown")

// Run publishes status "starting" and serves requests until a
// shutdown_request (it then returns nil), until ctx ends (it returns
// ctx.Err()) or until the transport closes (ErrTransportClosed). Shell
// requests are handled one at a time in order; control and stdin have
// goroutines of their own. On the way out Run cancels the running cell,
// waits up to Options.ShutdownTimeout for it, calls the interpreter's
// Shutdown, and after a shutdown_request publishes a last IOPub message
// with Transport.PublishLast. Run does not close t. Call Run once.
func (k *Kernel) Run(ctx context.Context) error {
	k.info = k.in.Info()
	k.publish(nil, "status", map[string]any{"execution_state": "starting"})

	// Cells do not run under loopCtx: k.stop cancels them explicitly, so
	// that the cell running at a shutdown still gets its reply and idle.
	loopCtx, stopLoops := context.WithCancel(ctx)
	defer stopLoops()
	shellDone, othersDone := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(shellDone)
		k.shellLoop(loopCtx)
	}()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); k.controlLoop(loopCtx) }()
	go func() { defer wg.Done(); k.stdinLoop(loopCtx) }()
	go func() { wg.Wait(); close(othersDone) }()

	var err error
	select {
	case <-ctx.Done():
		err = ctx.Err()
	case <-k.shutdownCh:
	case <-shellDone:
		err = ErrTransportClosed
	}
	stopLoops()
	k.stop()
	stopped := true
	deadline := time.After(k.opts.ShutdownTimeout)
	for _, done := range []chan struct{}{shellDone, othersDone} {
		if !stopped {
			break
		}
		select {
		case <-done:
		case <-deadline:
			stopped = false
		}
	}
	if !stopped {
		k.log.Printf("kernel: %v", ErrShutdownTimeout)
	}
	if stopped {
		k.in.Shutdown(k.restart)
	}
	if err == nil && k.shutdownReq != nil {
		r := k.shutdownReq
		frames, _, ferr := k.encode(wire.IOPub, nil, "shutdown_reply", r.msg.RawHeader,
			map[string]any{"status": "ok", "restart": k.restart})
		if ferr == nil {
			dctx, cancel := context.WithTimeout(context.Background(), k.opts.ShutdownTimeout)
			if perr := k.t.PublishLast(dctx, frames); perr != nil {
				k.log.Printf("kernel: draining iopub: %v", perr)
			}
			cancel()
		}
	}
	return err
}

func (k *Kernel) beginShutdown(r *request, restart bool) {
	k.shutdownOnce.Do(func() {
		k.shutdownReq = r
		k.restart = restart
		close(k.shutdownCh)
	})
}

// recv returns the next well-formed, correctly signed message on ch,
// logging and dropping the others.
func (k *Kernel) recv(ctx context.Context, ch wire.Channel) (*wire.Message, error) {
	for {
		frames, err := k.t.Recv(ctx, ch)
		if err != nil {
			return nil, err
		}
		m, err := wire.Decode(frames, k.signer)
		if err != nil {
			k.log.Printf("kernel: dropping message on %v: %v", ch, err)
			continue
		}
		return m, nil
	}
}

func (k *Kernel) shellLoop(ctx context.Context) {
	for ctx.Err() == nil {
		var m *wire.Message
		if len(k.queued) > 0 {
			m, k.queued = k.queued[0], k.queued[1:]
			k.aborting = true
		} else {
			k.aborting = false
			var err error
			if m, err = k.recv(ctx, wire.Shell); err != nil {
				return
			}
		}
		k.dispatch(wire.Shell, m, k.shellHandler(m.Header.MsgType))
	}
	k.aborting = false
}

// takeQueued moves the shell requests already waiting in the transport to
// k.queued, where the shell loop handles them with execute_requests
// aborted. It runs before the failed cell's reply is sent, so a request
// sent after that reply is never aborted.
func (k *Kernel) takeQueued() {
	now, cancel := context.WithCancel(context.Background())
	cancel()
	for {
		m, err := k.recv(now, wire.Shell)
		if err != nil {
			return
		}
		k.queued = append(k.queued, m)
	}
}

func (k *Kernel) controlLoop(ctx context.Context) {
	for ctx.Err() == nil {
		m, err := k.recv(ctx, wire.Control)
		if err != nil {
			return
		}
		k.dispatch(wire.Control, m, k.controlHandler(m.Header.MsgType))
	}
}

// dispatch brackets a request with busy and idle on every path, panics
// included, and starts a shutdown once the request's idle is out.
func (k *Kernel) dispatch(ch wire.Channel, m *wire.Message, h func(*request)) {
	r := &request{k: k, ch: ch, msg: m}
	k.publish(r, "status", map[string]any{"execution_state": "busy"})
	defer func() {
		if p := recover(); p != nil {
			k.log.Printf("kernel: panic handling %s: %v\n%s", m.Header.MsgType, p, debug.Stack())
		}
		k.publish(r, "status", map[string]any{"execution_state": "idle"})
		if r.shutdown {
			k.beginShutdown(r, r.restart)
		}
	}()
	if h == nil {
		k.log.Printf("kernel: ignoring %s on %v", m.Header.MsgType, ch)
		return
	}
	h(r)
}

// request is one incoming request and the channel it came in on.
type request struct {
	k   *Kernel
	ch  wire.Channel
	msg *wire.Message

	shutdown, restart bool
}

func (r *request) fields() fields { return parseFields(r.msg.Content) }

// reply answers the request on its own socket with its identities.
func (r *request) reply(content map[string]any) {
	t := r.msg.Header.MsgType
	if n := len(t) - len("_request"); n > 0 && t[n:] == "_request" {
		t = t[:n] + "_reply"
	} else {
		t += "_reply"
	}
	r.k.send(r.ch, r.msg.Identities, t, r.msg.RawHeader, content)
}

// publish sends a message on IOPub as a child of r (nil r: no parent).
func (k *Kernel) publish(r *request, msgType string, content any) {
	var parent json.RawMessage
	if r != nil {
		parent = r.msg.RawHeader
	}
	k.send(wire.IOPub, nil, msgType, parent, content)
}

func (k *Kernel) encode(ch wire.Channel, idents [][]byte, msgType string, parent json.RawMessage, content any) ([][]byte, string, error) {
	c, err := json.Marshal(content)
	if err != nil {
		k.log.Printf("kernel: encoding %s: %v", msgType, err)
		return nil, "", err
	}
	if ch == wire.IOPub {
		idents = [][]byte{[]byte("kernel." + k.session + "." + msgType)}
	}
	m := &wire.Message{
		Identities:   idents,
		Header:       wire.NewHeader(msgType, k.session, "kernel"),
		ParentHeader: parent,
		Content:      c,
	}
	frames, err := wire.Encode(m, k.signer)
	if err != nil {
		k.log.Printf("kernel: framing %s: %v", msgType, err)
	}
	return frames, m.Header.MsgID, err
}

// send frames and writes one message and returns its msg_id; failures are
// logged, never fatal.
func (k *Kernel) send(ch wire.Channel, idents [][]byte, msgType string, parent json.RawMessage, content any) string {
	frames, id, err := k.encode(ch, idents, msgType, parent, content)
	if err != nil {
		return ""
	}
	if err := k.t.Send(ch, frames); err != nil {
		k.log.Printf("kernel: sending %s on %v: %v", msgType, ch, err)
	}
	return id
}

// ProtocolVersion is the messaging protocol version the kernel claims.
const ProtocolVersion = wire.ProtocolVersion
