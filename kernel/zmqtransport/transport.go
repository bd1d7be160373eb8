package zmqtransport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/gokernel/gokernel/kernel/wire"
)

// Options configures Open. The zero value works.
type Options struct {
	// Log receives diagnostics; nil discards them.
	Log *log.Logger
	// Timeout bounds every socket send (default 5 s).
	Timeout time.Duration
}

// ErrClosed is returned by Recv once the transport is closed.
var ErrClosed = errors.New("zmqtransport: closed")

// Transport is the five sockets of one kernel. It implements
// kernel.Transport.
type Transport struct {
	ctx    context.Context
	cancel context.CancelFunc
	log    *log.Logger

	socks [5]zmq4.Socket // indexed by wire.Channel
	send  [5]sync.Mutex
	in    [3]chan [][]byte // Shell, Control, Stdin

	probe      zmq4.Socket
	probeTopic string
	probeCh    chan struct{}

	wg        sync.WaitGroup
	closeOnce sync.Once
}

// Open binds the sockets described by ci and starts the receivers and the
// heartbeat. Close releases them.
func Open(ctx context.Context, ci wire.ConnectionInfo, opts Options) (*Transport, error) {
	if opts.Log == nil {
		opts.Log = log.New(io.Discard, "", 0)
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 5 * time.Second
	}
	tctx, cancel := context.WithCancel(ctx)
	t := &Transport{ctx: tctx, cancel: cancel, log: opts.Log, probeCh: make(chan struct{}, 1)}
	zo := []zmq4.Option{zmq4.WithTimeout(opts.Timeout), zmq4.WithLogger(opts.Log)}
	t.socks[wire.Shell] = zmq4.NewRouter(tctx, zo...)
	t.socks[wire.Control] = zmq4.NewRouter(tctx, zo...)
	t.socks[wire.Stdin] = zmq4.NewRouter(tctx, zo...)
	t.socks[wire.IOPub] = zmq4.NewPub(tctx, zo...)
	t.socks[wire.Heartbeat] = zmq4.NewRep(tctx, zo...)
	for ch, s := range t.socks {
		ep := ci.Endpoint(wire.Channel(ch))
		if err := s.Listen(framedEndpoint(ep)); err != nil {
			t.Close()
			return nil, fmt.Errorf("zmqtransport: binding %v on %s: %w", wire.Channel(ch), ep, err)
		}
	}
	if err := t.startProbe(ci, zo); err != nil {
		t.Close()
		return nil, err
	}
	for ch := range t.in {
		t.in[ch] = make(chan [][]byte, 256)
		t.wg.Add(1)
		go t.receive(wire.Channel(ch))
	}
	t.wg.Add(1)
	go t.heartbeat()
	return t, nil
}

// startProbe connects the private SUB socket PublishLast listens with, and
// waits (up to a second) until the PUB socket knows its subscription.
func (t *Transport) startProbe(ci wire.ConnectionInfo, zo []zmq4.Option) error {
	t.probeTopic = "gokernel.drain." + wire.NewID()
	t.probe = zmq4.NewSub(t.ctx, zo...)
	if err := t.probe.Dial(framedEndpoint(ci.Endpoint(wire.IOPub))); err != nil {
		return fmt.Errorf("zmqtransport: connecting the iopub probe: %w", err)
	}
	if err := t.probe.SetOption(zmq4.OptionSubscribe, t.probeTopic); err != nil {
		return fmt.Errorf("zmqtransport: subscribing the iopub probe: %w", err)
	}
	if tp, ok := t.socks[wire.IOPub].(zmq4.Topics); ok {
		for deadline := time.Now().Add(time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
			if hasTopic(tp.Topics(), t.probeTopic) {
				break
			}
		}
	}
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		for {
			if _, err := t.probe.Recv(); err != nil {
				return
			}
			select {
			case t.probeCh <- struct{}{}:
			default:
			}
		}
	}()
	return nil
}

func hasTopic(ts []string, topic string) bool {
	for _, x := range ts {
		if x == topic {
			return true
		}
	}
	return false
}

// receive feeds the messages of one ROUTER socket into its channel.
func (t *Transport) receive(ch wire.Channel) {
	defer t.wg.Done()
	var lastLog time.Time
	for {
		msg, err := t.socks[ch].Recv()
		if t.ctx.Err() != nil {
			return
		}
		if err != nil {
			if time.Since(lastLog) > time.Second {
				t.log.Printf("zmqtransport: receiving on %v: %v", ch, err)
				lastLog = time.Now()
			}
			time.Sleep(10 * time.Millisecond)
			continue
		}
		select {
		case t.in[ch] <- msg.Frames:
		case <-t.ctx.Done():
			return
		}
	}
}

// heartbeat echoes every ping until the transport closes.
func (t *Transport) heartbeat() {
	defer t.wg.Done()
	hb := t.socks[wire.Heartbeat]
	var lastLog time.Time
	logf := func(format string, args ...any) {
		if time.Since(lastLog) > time.Second {
			t.log.Printf(format, args...)
			lastLog = time.Now()
		}
	}
	for {
		msg, err := hb.Recv()
		if t.ctx.Err() != nil {
			return
		}
		if err != nil {
			logf("zmqtransport: heartbeat receive: %v", err)
			time.Sleep(10 * time.Millisecond)
			continue
		}
		if len(msg.Frames) > 1 {
			err = hb.SendMulti(msg)
		} else {
			err = hb.Send(msg)
		}
		if err != nil {
			logf("zmqtransport: heartbeat echo: %v", err)
		}
	}
}

// Recv implements kernel.Transport.
func (t *Transport) Recv(ctx context.Context, ch wire.Channel) ([][]byte, error) {
	if ch < wire.Shell || ch > wire.Stdin {
		return nil, fmt.Errorf("zmqtransport: cannot receive on %v", ch)
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
	case <-t.ctx.Done():
		return nil, ErrClosed
	}
}

// Send implements kernel.Transport.
func (t *Transport) Send(ch wire.Channel, frames [][]byte) error {
	if ch < wire.Shell || ch > wire.IOPub {
		return fmt.Errorf("zmqtransport: cannot send on %v", ch)
	}
	t.send[ch].Lock()
	defer t.send[ch].Unlock()
	return t.socks[ch].SendMulti(zmq4.NewMsgFrom(frames...))
}

// PublishLast implements kernel.Transport: it publishes frames under the
// probe's topic and waits until the probe receives them.
func (t *Transport) PublishLast(ctx context.Context, frames [][]byte) error {
	if len(frames) == 0 {
		return errors.New("zmqtransport: empty message")
	}
	out := append([][]byte{[]byte(t.probeTopic)}, frames[1:]...)
	select {
	case <-t.probeCh:
	default:
	}
	if err := t.Send(wire.IOPub, out); err != nil {
		return err
	}
	select {
	case <-t.probeCh:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close closes every socket and waits for the goroutines.
func (t *Transport) Close() error {
	var err error
	t.closeOnce.Do(func() {
		t.cancel()
		for _, s := range t.socks {
			if s != nil {
				if e := s.Close(); e != nil && err == nil {
					err = e
				}
			}
		}
		if t.probe != nil {
			t.probe.Close()
		}
		t.wg.Wait()
	})
	return err
}
