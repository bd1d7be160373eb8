// Package kerneltest runs a kernel without sockets: Transport is an
// in-memory kernel.Transport, and Client signs requests into it and reads
// back, verified and decoded, everything the kernel sent.
//
// # Invariants
//
//   - Transport keeps every message the kernel sends, in order, per
//     channel; nothing is dropped or reordered.
//   - Client decodes the kernel's messages with wire.Decode and its own
//     Signer, so a message with a bad signature or frame shows up as an
//     error in the test, never as a passing message.
//   - Waits take a timeout and report what arrived so far when it expires.
package kerneltest
