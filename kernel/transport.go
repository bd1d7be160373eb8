package kernel

import (
	"context"

	"github.com/gokernel/gokernel/kernel/wire"
)

// Transport moves raw multipart messages between a Kernel and its clients.
// zmqtransport implements it over ZeroMQ sockets and kerneltest in memory.
//
// A Kernel calls Recv for each of Shell, Control and Stdin from one
// goroutine per channel, and Send from any goroutine; an implementation
// serializes the writes of each socket itself.
type Transport interface {
	// Recv returns the next message received on ch (Shell, Control or
	// Stdin), routing identities first. A message already waiting is
	// returned even when ctx has ended; otherwise Recv blocks until a
	// message arrives, ctx ends or the transport is closed, and then
	// returns an error.
	Recv(ctx context.Context, ch wire.Channel) ([][]byte, error)

	// Send writes one message on ch. On Shell, Control and Stdin the first
	// frames are the identities of the peer to route to; on IOPub the first
	// frame is the topic.
	Send(ch wire.Channel, frames [][]byte) error

	// PublishLast publishes frames on IOPub as the kernel's final message
	// and returns once it, and so every IOPub message sent before it, has
	// really been written to the subscribers, or when ctx ends.
	PublishLast(ctx context.Context, frames [][]byte) error
}
