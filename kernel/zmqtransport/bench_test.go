package zmqtransport_test

import (
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/wire"
)

// BenchmarkZMQExecuteRoundTrip measures one execute_request over real tcp
// sockets with a trivial interpreter: the client sends, then waits for the
// reply and the idle, as jupyter_client's benchmarks do. It isolates the
// protocol and zmq4 cost from the Go interpreter's.
func BenchmarkZMQExecuteRoundTrip(b *testing.B) {
	p := freePorts(b, 5)
	c, _, _, _ := serve(b, wire.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: p[0], IOPubPort: p[1], StdinPort: p[2], ControlPort: p[3], HBPort: p[4]})
	for len(c.msgs[wire.IOPub]) > 0 {
		<-c.msgs[wire.IOPub]
	}
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		id := c.send(wire.Shell, "execute_request", map[string]any{"code": "1 + 1"})
		c.reply(wire.Shell, id)
		c.untilIdle(id)
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/float64(b.N), "us/trip")
}
