package nn

import "github.com/gokernel/gokernel/stdlib/internal/halves"

// A large pass (the image layers' batches; Dense passes only when tests
// lower denseMinSplit) is split between the calling goroutine and the
// helper goroutine of stdlib/internal/halves, started on first use and kept
// for the life of the process. The hand-off goes through a channel of plain
// structs and a method value bound once per layer, so it allocates nothing.

// minSplit is the number of elements below which a pass stays on one
// goroutine: under it the hand-off (a few µs) costs more than it saves.
var minSplit = 1 << 16

// splitter runs passes over [0, n) on two goroutines.
type splitter struct {
	halves.Splitter
}

// split runs f(0, n) or, when work (the number of elements touched) is
// large and more than one processor is available, f(0, n/2) here and
// f(n/2, n) on the helper. f must not itself call split.
func (s *splitter) split(n, work int, f func(lo, hi int)) {
	s.Split(n, work, minSplit, f)
}
