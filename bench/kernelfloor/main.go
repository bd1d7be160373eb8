// Command kernelfloor serves the Jupyter protocol with gokernel's kernel
// package and a trivial interpreter that answers every cell with the
// result "2" at once. bench/kernel_bench.py measures it next to the real
// gokernel: the difference is what the Go interpreter adds to a round
// trip; the rest is the protocol, the sockets and the client.
//
//	kernelfloor CONNECTION_FILE
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/gokernel/gokernel/kernel"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: kernelfloor CONNECTION_FILE")
		os.Exit(2)
	}
	if err := kernel.Serve(context.Background(), os.Args[1], trivial{}, kernel.Options{}); err != nil {
		fmt.Fprintln(os.Stderr, "kernelfloor:", err)
		os.Exit(1)
	}
}

// trivial is an Interpreter that does no work.
type trivial struct{}

func (trivial) Execute(ctx context.Context, req kernel.ExecuteRequest, out kernel.Emitter) kernel.ExecuteResult {
	out.Result(kernel.MIMEBundle{"text/plain": "2"}, nil)
	return kernel.ExecuteResult{}
}

func (trivial) Complete(code string, cursorPos int) kernel.Completion { return kernel.Completion{} }

func (trivial) Inspect(code string, cursorPos, detailLevel int) kernel.Inspection {
	return kernel.Inspection{}
}

func (trivial) IsComplete(code string) kernel.Completeness { return kernel.Completeness{} }

func (trivial) Info() kernel.Info { return kernel.Info{} }

func (trivial) Shutdown(restart bool) {}
