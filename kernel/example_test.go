package kernel_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/kerneltest"
	"github.com/gokernel/gokernel/kernel/wire"
)

// upper is a toy Interpreter: it prints each cell and shows it in upper
// case as the cell's result.
type upper struct{}

func (upper) Execute(ctx context.Context, req kernel.ExecuteRequest, out kernel.Emitter) kernel.ExecuteResult {
	out.Stream("stdout", req.Code+"\n")
	out.Result(kernel.MIMEBundle{"text/plain": strings.ToUpper(req.Code)}, nil)
	return kernel.ExecuteResult{}
}
func (upper) Complete(code string, pos int) kernel.Completion       { return kernel.Completion{} }
func (upper) Inspect(code string, pos, level int) kernel.Inspection { return kernel.Inspection{} }
func (upper) IsComplete(code string) kernel.Completeness {
	return kernel.Completeness{Status: "complete"}
}
func (upper) Info() kernel.Info     { return kernel.Info{Implementation: "upper"} }
func (upper) Shutdown(restart bool) {}

// Example drives a kernel through the in-memory transport, the way the
// tests do, and prints what a front end would see.
func Example() {
	t := kerneltest.NewTransport()
	signer, _ := wire.NewSigner("hmac-sha256", "secret")
	k := kernel.NewKernel(t, signer, upper{}, kernel.Options{})
	done := make(chan error)
	go func() { done <- k.Run(context.Background()) }()

	client := kerneltest.NewClient(t, "secret")
	id := client.Send(wire.Shell, "execute_request", map[string]any{"code": "hello"})
	iopub, _ := client.UntilIdle(id, 5*time.Second)
	for _, m := range iopub {
		switch m.Type() {
		case "stream":
			fmt.Printf("stream %q\n", m.Content["text"])
		case "execute_result":
			fmt.Println("result", m.Content["data"].(map[string]any)["text/plain"])
		default:
			fmt.Println(kerneltest.Types([]*kerneltest.Msg{m})[0])
		}
	}
	reply, _ := client.Reply(wire.Shell, id, 5*time.Second)
	fmt.Println(reply.Type(), reply.Content["status"], reply.Content["execution_count"])

	stop := client.Send(wire.Control, "shutdown_request", map[string]any{"restart": false})
	reply, _ = client.Reply(wire.Control, stop, 5*time.Second)
	fmt.Println(reply.Type(), <-done)
	// Output:
	// status:busy
	// execute_input
	// stream "hello\n"
	// result HELLO
	// status:idle
	// execute_reply ok 1
	// shutdown_reply <nil>
}
