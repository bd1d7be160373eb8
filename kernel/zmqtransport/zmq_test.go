package zmqtransport_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/wire"
)

// blocker is a test Interpreter: "block" waits for release or
// cancellation, "print:T" streams T, anything else is echoed as a result.
type blocker struct{ release chan struct{} }

func (b blocker) Execute(ctx context.Context, req kernel.ExecuteRequest, out kernel.Emitter) kernel.ExecuteResult {
	switch {
	case req.Code == "block":
		select {
		case <-b.release:
		case <-ctx.Done():
			return kernel.ExecuteResult{Error: &kernel.Error{Name: "Interrupted", Value: "cancelled"}}
		}
	case strings.HasPrefix(req.Code, "print:"):
		out.Stream("stdout", strings.TrimPrefix(req.Code, "print:"))
	default:
		out.Result(kernel.MIMEBundle{"text/plain": req.Code}, nil)
	}
	return kernel.ExecuteResult{}
}
func (blocker) Complete(string, int) kernel.Completion     { return kernel.Completion{} }
func (blocker) Inspect(string, int, int) kernel.Inspection { return kernel.Inspection{} }
func (blocker) IsComplete(string) kernel.Completeness      { return kernel.Completeness{Status: "complete"} }
func (blocker) Info() kernel.Info                          { return kernel.Info{Implementation: "blocker"} }
func (blocker) Shutdown(bool)                              {}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func freePorts(t testing.TB, n int) []int {
	var ls []net.Listener
	var ports []int
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		l.Close()
	}
	return ports
}

// client is a Jupyter client made of zmq4 sockets, as jupyter_client
// connects them: DEALERs sharing one identity, a SUB and a REQ.
type client struct {
	t                     testing.TB
	signer                *wire.Signer
	session               string
	shell, control, stdin zmq4.Socket
	iopub, hb             zmq4.Socket
	msgs                  map[wire.Channel]chan *wire.Message
}

func dial(t testing.TB, ctx context.Context, ci wire.ConnectionInfo) *client {
	t.Helper()
	s, _ := wire.NewSigner(ci.SignatureScheme, ci.Key)
	id := zmq4.SocketIdentity("client-" + wire.NewID()[:8])
	opts := []zmq4.Option{zmq4.WithTimeout(2 * time.Second), zmq4.WithLogger(log.New(testWriter{t}, "zmq4 ", 0))}
	c := &client{t: t, signer: s, session: wire.NewID(),
		shell:   zmq4.NewDealer(ctx, append(opts, zmq4.WithID(id))...),
		control: zmq4.NewDealer(ctx, append(opts, zmq4.WithID(id))...),
		stdin:   zmq4.NewDealer(ctx, append(opts, zmq4.WithID(id))...),
		iopub:   zmq4.NewSub(ctx, opts...),
		hb:      zmq4.NewReq(ctx, opts...),
		msgs:    map[wire.Channel]chan *wire.Message{},
	}
	for ch, s := range map[wire.Channel]zmq4.Socket{wire.Shell: c.shell, wire.Control: c.control, wire.Stdin: c.stdin, wire.IOPub: c.iopub, wire.Heartbeat: c.hb} {
		if err := s.Dial(ci.Endpoint(ch)); err != nil {
			t.Fatalf("dial %v: %v", ch, err)
		}
		t.Cleanup(func() { s.Close() })
	}
	if err := c.iopub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		t.Fatal(err)
	}
	for ch, s := range map[wire.Channel]zmq4.Socket{wire.Shell: c.shell, wire.Control: c.control, wire.IOPub: c.iopub} {
		out := make(chan *wire.Message, 256)
		c.msgs[ch] = out
		go func() {
			for {
				m, err := s.Recv()
				if err != nil {
					return
				}
				dm, err := wire.Decode(m.Frames, c.signer)
				if err != nil {
					t.Errorf("client got a bad message on %v: %v", ch, err)
					continue
				}
				out <- dm
			}
		}()
	}
	return c
}

func (c *client) send(ch wire.Channel, msgType string, content any) string {
	b, _ := json.Marshal(content)
	m := &wire.Message{Header: wire.NewHeader(msgType, c.session, "test"), Content: b}
	frames, err := wire.Encode(m, c.signer)
	if err != nil {
		c.t.Fatal(err)
	}
	sock := map[wire.Channel]zmq4.Socket{wire.Shell: c.shell, wire.Control: c.control}[ch]
	if err := sock.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		c.t.Fatal(err)
	}
	return m.Header.MsgID
}

func (c *client) next(ch wire.Channel, d time.Duration) *wire.Message {
	select {
	case m := <-c.msgs[ch]:
		return m
	case <-time.After(d):
		return nil
	}
}

func parentID(m *wire.Message) string {
	var h wire.Header
	_ = json.Unmarshal(m.ParentHeader, &h)
	return h.MsgID
}

// untilIdle returns the msg_types published for parent id up to its idle.
func (c *client) untilIdle(id string) []string {
	c.t.Helper()
	var types []string
	deadline := time.After(10 * time.Second)
	for {
		select {
		case m := <-c.msgs[wire.IOPub]:
			if parentID(m) != id {
				continue
			}
			var st struct {
				State string `json:"execution_state"`
			}
			_ = json.Unmarshal(m.Content, &st)
			types = append(types, m.Header.MsgType+st.State)
			if st.State == "idle" {
				return types
			}
		case <-deadline:
			c.t.Fatalf("no idle for %s; got %v", id, types)
		}
	}
}

func (c *client) reply(ch wire.Channel, id string) *wire.Message {
	c.t.Helper()
	for {
		m := c.next(ch, 10*time.Second)
		if m == nil {
			c.t.Fatalf("no reply on %v to %s", ch, id)
		}
		if parentID(m) == id {
			return m
		}
	}
}

func TestServeTCP(t *testing.T) {
	p := freePorts(t, 5)
	testServe(t, wire.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: p[0], IOPubPort: p[1], StdinPort: p[2], ControlPort: p[3], HBPort: p[4]})
}

func TestServeIPC(t *testing.T) {
	testServe(t, wire.ConnectionInfo{Transport: "ipc", IP: filepath.Join(t.TempDir(), "k"), ShellPort: 1, IOPubPort: 2, StdinPort: 3, ControlPort: 4, HBPort: 5})
}

// serve starts Serve on ci with a blocker and returns a connected client
// that has had its kernel_info_reply on control.
func serve(t testing.TB, ci wire.ConnectionInfo) (*client, blocker, chan error, *wire.Message) {
	t.Helper()
	ci.SignatureScheme, ci.Key = "hmac-sha256", wire.NewID()
	b, _ := json.Marshal(ci)
	file := filepath.Join(t.TempDir(), "kernel-test.json")
	if err := os.WriteFile(file, b, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	in := blocker{release: make(chan struct{})}
	served := make(chan error, 1)
	go func() {
		served <- kernel.Serve(ctx, file, in, kernel.Options{Log: log.New(testWriter{t}, "", 0)})
	}()
	c := dial(t, ctx, ci)
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-served:
			served <- err
		case <-time.After(10 * time.Second):
			t.Error("Serve did not return after cancel")
		}
	})

	// As jupyter_client does: nudge with kernel_info (here on control)
	// until both its reply and some IOPub message have arrived.
	var info *wire.Message
	for i := 0; info == nil; i++ {
		if i == 50 {
			t.Fatal("kernel never answered kernel_info on control")
		}
		id := c.send(wire.Control, "kernel_info_request", map[string]any{})
		if m := c.next(wire.Control, 200*time.Millisecond); m != nil && parentID(m) == id && c.next(wire.IOPub, 200*time.Millisecond) != nil {
			info = m
		}
	}
	return c, in, served, info
}

func testServe(t *testing.T, ci wire.ConnectionInfo) {
	c, in, served, info := serve(t, ci)
	if info.Header.MsgType != "kernel_info_reply" || !strings.Contains(string(info.Content), `"protocol_version":"5.3"`) {
		t.Errorf("kernel_info_reply %s", info.Content)
	}

	// Heartbeat echoes while a cell blocks.
	blockID := c.send(wire.Shell, "execute_request", map[string]any{"code": "block"})
	time.Sleep(50 * time.Millisecond)
	for i := range 3 {
		ping := fmt.Sprintf("ping-%d", i)
		if err := c.hb.Send(zmq4.NewMsgString(ping)); err != nil {
			t.Fatal(err)
		}
		echo, err := c.hb.Recv()
		if err != nil || string(echo.Bytes()) != ping {
			t.Fatalf("heartbeat echo %q, %v", echo.Bytes(), err)
		}
	}
	close(in.release)
	if r := c.reply(wire.Shell, blockID); !strings.Contains(string(r.Content), `"status":"ok"`) {
		t.Errorf("blocked cell reply %s", r.Content)
	}

	// Execute round trip with its IOPub sequence.
	id := c.send(wire.Shell, "execute_request", map[string]any{"code": "print:hi"})
	if got, want := fmt.Sprint(c.untilIdle(id)), "[statusbusy execute_input stream statusidle]"; got != want {
		t.Errorf("iopub %s, want %s", got, want)
	}
	if r := c.reply(wire.Shell, id); !strings.Contains(string(r.Content), `"execution_count":2`) {
		t.Errorf("reply %s", r.Content)
	}

	// A forged message is ignored; the good one after it is answered.
	forged := &wire.Message{Header: wire.NewHeader("execute_request", c.session, "evil"), Content: []byte(`{"code":"print:pwned"}`)}
	other, _ := wire.NewSigner("hmac-sha256", "wrong key")
	frames, _ := wire.Encode(forged, other)
	if err := c.shell.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		t.Fatal(err)
	}
	good := c.send(wire.Shell, "kernel_info_request", map[string]any{})
	if r := c.next(wire.Shell, 10*time.Second); r == nil || parentID(r) != good {
		t.Fatalf("first shell reply after a forged message: %v", r)
	}

	// Shutdown on control: reply there, idle on IOPub, Serve returns nil.
	sd := c.send(wire.Control, "shutdown_request", map[string]any{"restart": true})
	if r := c.reply(wire.Control, sd); !strings.Contains(string(r.Content), `"restart":true`) {
		t.Errorf("shutdown_reply %s", r.Content)
	}
	if got := fmt.Sprint(c.untilIdle(sd)); got != "[statusbusy statusidle]" {
		t.Errorf("shutdown iopub %s", got)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve = %v", err)
		}
		served <- err
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after shutdown")
	}
}

func TestServeSignals(t *testing.T) {
	p := freePorts(t, 5)
	c, _, served, _ := serve(t, wire.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: p[0], IOPubPort: p[1], StdinPort: p[2], ControlPort: p[3], HBPort: p[4]})
	// SIGINT interrupts the running cell and leaves the kernel up.
	id := c.send(wire.Shell, "execute_request", map[string]any{"code": "block", "stop_on_error": false})
	time.Sleep(100 * time.Millisecond)
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if r := c.reply(wire.Shell, id); !strings.Contains(string(r.Content), `"ename":"Interrupted"`) {
		t.Errorf("interrupted cell reply %s", r.Content)
	}
	id = c.send(wire.Shell, "execute_request", map[string]any{"code": "still here"})
	if r := c.reply(wire.Shell, id); !strings.Contains(string(r.Content), `"status":"ok"`) {
		t.Errorf("after SIGINT %s", r.Content)
	}
	// SIGTERM is a clean exit.
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve after SIGTERM = %v", err)
		}
		served <- err
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after SIGTERM")
	}
}

// TestHeartbeatSoak connects and drops many REQ clients, as
// jupyter_client's HBChannel does after a missed beat, and checks that the
// heartbeat keeps answering.
func TestHeartbeatSoak(t *testing.T) {
	p := freePorts(t, 5)
	ci := wire.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: p[0], IOPubPort: p[1], StdinPort: p[2], ControlPort: p[3], HBPort: p[4]}
	c, _, _, _ := serve(t, ci)
	for i := range 30 {
		req := zmq4.NewReq(context.Background(), zmq4.WithTimeout(2*time.Second))
		if err := req.Dial(ci.Endpoint(wire.Heartbeat)); err != nil {
			t.Fatal(err)
		}
		if i%3 != 0 { // a third of the clients vanish without waiting
			ping := fmt.Sprintf("soak-%d", i)
			if err := req.Send(zmq4.NewMsgString(ping)); err != nil {
				t.Fatal(err)
			}
			if echo, err := req.Recv(); err != nil || string(echo.Bytes()) != ping {
				t.Fatalf("client %d: echo %q, %v", i, echo.Bytes(), err)
			}
		}
		req.Close()
	}
	if err := c.hb.Send(zmq4.NewMsgString("last")); err != nil {
		t.Fatal(err)
	}
	if echo, err := c.hb.Recv(); err != nil || string(echo.Bytes()) != "last" {
		t.Fatalf("heartbeat after soak: %q, %v", echo.Bytes(), err)
	}
}
