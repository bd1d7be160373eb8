package zmqtransport_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/wire"
)

// TestServeLargeMessages sends cells of several sizes, up to well past
// framedConn's buffer, over TCP and checks that each comes back whole as
// the cell's result and that the reply follows.
func TestServeLargeMessages(t *testing.T) {
	p := freePorts(t, 5)
	c, _, _, _ := serve(t, wire.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1",
		ShellPort: p[0], IOPubPort: p[1], StdinPort: p[2], ControlPort: p[3], HBPort: p[4]})
	for _, n := range []int{1, 255, 256, 70 << 10, 3 << 20} {
		code := strings.Repeat("g", n)
		id := c.send(wire.Shell, "execute_request", map[string]any{"code": code})
		var result string
		deadline := time.Now().Add(10 * time.Second)
		for result == "" && time.Now().Before(deadline) {
			m := c.next(wire.IOPub, time.Second)
			if m == nil || parentID(m) != id || m.Header.MsgType != "execute_result" {
				continue
			}
			var content struct {
				Data map[string]string `json:"data"`
			}
			if err := json.Unmarshal(m.Content, &content); err != nil {
				t.Fatal(err)
			}
			result = content.Data["text/plain"]
		}
		if result != code {
			t.Fatalf("%d-byte cell: result of %d bytes", n, len(result))
		}
		if r := c.reply(wire.Shell, id); r.Header.MsgType != "execute_reply" {
			t.Fatalf("%d-byte cell: %s instead of execute_reply", n, r.Header.MsgType)
		}
	}
}
