package kernel_test

import (
	"context"
	"testing"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/kerneltest"
	"github.com/gokernel/gokernel/kernel/wire"
)

// BenchmarkExecuteRoundTrip measures one execute_request through the
// in-memory transport: decode and verify, busy, execute_input, a stream
// and a result from the fake interpreter, the reply and idle, each signed,
// and the client decoding all of them.
func BenchmarkExecuteRoundTrip(b *testing.B) {
	tr := kerneltest.NewTransport()
	s, _ := wire.NewSigner("hmac-sha256", key)
	k := kernel.NewKernel(tr, s, newFake(), kernel.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- k.Run(ctx) }()
	c := kerneltest.NewClient(tr, key)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		id := c.Send(wire.Shell, "execute_request", map[string]any{"code": "print:hi\nresult:1", "stop_on_error": false})
		if _, err := c.Reply(wire.Shell, id, timeout); err != nil {
			b.Fatal(err)
		}
		if _, err := c.UntilIdle(id, timeout); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	cancel()
	<-done
}
