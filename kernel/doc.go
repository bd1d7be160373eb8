// Package kernel is the Jupyter protocol side of gokernel. It knows nothing
// of Go source: cells go to an Interpreter, and everything a cell shows goes
// through an Emitter bound to its request.
//
// Serve runs a kernel on ZeroMQ sockets for a connection file; NewKernel
// and Run drive one over any Transport (kerneltest offers one in memory).
//
// # Invariants
//
//   - Every request, on shell or control, is bracketed by status busy and
//     idle on IOPub, on every path (errors, panics, unknown types and
//     aborted requests included). Status "starting" is published once.
//   - Every reply goes out on the socket its request came in on, with the
//     request's identities; every message it causes has the request's
//     header, byte for byte, as parent_header.
//   - Messages that are unsigned, forged, replayed or malformed are logged
//     and dropped; they are never executed. Content fields that are missing
//     or of the wrong type read as their defaults.
//   - Shell requests run one at a time in arrival order. Control
//     (kernel_info, interrupt, shutdown) has its own goroutine, so it is
//     answered while a cell runs. Interrupt cancels the cell's context.
//   - After a failed cell with stop_on_error, the execute_requests already
//     queued when it failed (received before its reply was sent) are
//     answered with status "aborted" and no output; other request types are
//     handled normally, and a request sent after the reply always runs.
//   - Stream text is batched (Options.StreamFlushInterval,
//     Options.StreamFlushBytes) and flushed before every other output of
//     the cell and before its reply. A silent cell publishes nothing but
//     busy and idle.
//   - The execution counter grows only for store_history requests; every
//     execute_reply carries execution_count.
//   - Serve never writes to os.Stdout or os.Stderr; diagnostics go to
//     Options.Log.
//   - This package imports nothing of the interpreter, the library, yaegi
//     or gonum; only zmqtransport imports ZeroMQ.
package kernel
