package zmqtransport_test

import (
	"context"
	"encoding/json"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/wire"
)

// scripted is the Interpreter the jupyter_client check drives. Each line of
// a cell is a command: print:T, result:T, fail:NAME, input:PROMPT, sleep
// (100 ms) or block (until interrupted).
type scripted struct{}

func (scripted) Execute(ctx context.Context, req kernel.ExecuteRequest, out kernel.Emitter) kernel.ExecuteResult {
	for _, line := range strings.Split(req.Code, "\n") {
		cmd, arg, _ := strings.Cut(line, ":")
		switch cmd {
		case "print":
			out.Stream("stdout", arg)
		case "result":
			out.Result(kernel.MIMEBundle{"text/plain": arg}, nil)
		case "fail":
			return kernel.ExecuteResult{Error: &kernel.Error{Name: arg, Value: "failed", Traceback: []string{arg + ": failed"}}}
		case "input":
			v, err := out.Input(arg, false)
			if err != nil {
				return kernel.ExecuteResult{Error: &kernel.Error{Name: "InputError", Value: err.Error()}}
			}
			out.Stream("stdout", "got "+v)
		case "sleep":
			time.Sleep(100 * time.Millisecond)
		case "block":
			<-ctx.Done()
			return kernel.ExecuteResult{Error: &kernel.Error{Name: "Interrupted", Value: "cancelled"}}
		}
	}
	return kernel.ExecuteResult{}
}
func (scripted) Complete(code string, pos int) kernel.Completion {
	return kernel.Completion{CursorStart: pos, CursorEnd: pos}
}
func (scripted) Inspect(string, int, int) kernel.Inspection { return kernel.Inspection{} }
func (scripted) IsComplete(string) kernel.Completeness {
	return kernel.Completeness{Status: "complete"}
}
func (scripted) Info() kernel.Info {
	return kernel.Info{Implementation: "scripted", Language: kernel.LanguageInfo{Name: "go", FileExtension: ".go"}}
}
func (scripted) Shutdown(bool) {}

// TestJupyterClient runs testdata/jupyter_client_check.py, which talks to
// Serve with jupyter_client's BlockingKernelClient (Debian's
// python3-jupyter-client for /usr/bin/python3). Skipped when missing,
// except under CI, where it fails.
func TestJupyterClient(t *testing.T) {
	const py = "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import jupyter_client").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but %s cannot import jupyter_client: %v", py, err)
		}
		t.Skipf("%s cannot import jupyter_client: %v", py, err)
	}
	for _, transport := range []string{"tcp", "ipc"} {
		t.Run(transport, func(t *testing.T) {
			ci := wire.ConnectionInfo{Transport: "ipc", IP: filepath.Join(t.TempDir(), "k"), ShellPort: 1, IOPubPort: 2, StdinPort: 3, ControlPort: 4, HBPort: 5}
			if transport == "tcp" {
				p := freePorts(t, 5)
				ci = wire.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: p[0], IOPubPort: p[1], StdinPort: p[2], ControlPort: p[3], HBPort: p[4]}
			}
			ci.SignatureScheme, ci.Key, ci.KernelName = "hmac-sha256", wire.NewID(), "go"
			b, _ := json.Marshal(ci)
			file := filepath.Join(t.TempDir(), "kernel-jc.json")
			if err := os.WriteFile(file, b, 0o600); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			served := make(chan error, 1)
			go func() {
				served <- kernel.Serve(ctx, file, scripted{}, kernel.Options{Log: log.New(testWriter{t}, "", 0)})
			}()

			cmd := exec.CommandContext(ctx, py, "testdata/jupyter_client_check.py", file)
			out, err := cmd.CombinedOutput()
			t.Logf("jupyter_client check:\n%s", out)
			if err != nil {
				t.Fatalf("jupyter_client check failed: %v", err)
			}
			select {
			case err := <-served:
				if err != nil {
					t.Errorf("Serve = %v", err)
				}
			case <-time.After(10 * time.Second):
				t.Error("Serve did not return after the client's shutdown_request")
			}
		})
	}
}
