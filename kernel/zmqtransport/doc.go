// Package zmqtransport carries Jupyter messages over ZeroMQ with the pure-Go
// github.com/go-zeromq/zmq4, and is the only package of gokernel that
// imports it.
//
// # Invariants
//
//   - The kernel binds every socket: ROUTER for shell, control and stdin,
//     PUB for iopub, REP for the heartbeat, on tcp or ipc ("ip-port" paths).
//   - Every socket has a send timeout (Options.Timeout), so a send to a
//     peer that never connected cannot block for zmq4's default 5 minutes.
//   - TCP connections go through framedConn (transport "gokernel-tcp"):
//     reads are buffered and a ZMTP message is written with one system
//     call once its last frame is complete, instead of zmq4's two writes
//     per frame; the bytes on the wire are the same.
//   - Each socket has one writer at a time (a mutex per socket) and one
//     receiving goroutine feeding a channel.
//   - The heartbeat echoes every frame at once on its own goroutine; its
//     errors are logged (at most once a second) and never stop the kernel.
//   - PublishLast really waits for IOPub to drain: a private SUB socket,
//     subscribed only to a topic of its own, receives the final message,
//     and zmq4's single PUB writer sends messages in order to all
//     subscribers, so everything published before has been written.
package zmqtransport
