// Package halves shares a pass over [0, n) between the calling goroutine and
// one helper goroutine. It serves the element-wise passes of stdlib/nn's
// image layers and stdlib/optim's updates.
//
// Invariants:
//   - The helper goroutine is started on first use and kept for the life of
//     the process; all Splitters share it.
//   - Split returns only after both halves have finished, so the caller sees
//     every write of f.
//   - A pass too small (work below the caller's threshold), of fewer than
//     two elements, or run with GOMAXPROCS 1 stays on the calling goroutine
//     as f(0, n).
//   - Handing a half over allocates nothing (a channel of plain structs and
//     a done channel made once per Splitter).
//   - f must not itself call Split (the helper would wait on itself), and a
//     Splitter must not be used from two goroutines at once.
package halves
