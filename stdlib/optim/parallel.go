package optim

import (
	"math"

	"github.com/gokernel/gokernel/stdlib/internal/halves"
)

// Element-wise passes over large parameters are split between the calling
// goroutine and the helper goroutine of stdlib/internal/halves, started on
// first use and kept for the life of the process. Handing a half to the
// helper goes through a channel of plain structs, so it allocates nothing.

// minSplit is the number of elements below which a pass stays on one
// goroutine: under it the hand-off (a few µs) costs more than it saves.
// With the AVX kernel the pass is bound by memory, and splitting it was
// measured slower (830 against 1010 Mparams/s for a 784-128-784 net), so
// it is off; the scalar kernel gains from two goroutines (200 against 112).
var minSplit = func() int {
	if useAVX {
		return math.MaxInt
	}
	return 1 << 15
}()

// splitter runs f over [0, n) on two goroutines when n is large and more
// than one processor is available. f must not itself call split.
type splitter struct {
	halves.Splitter
}

func (s *splitter) split(n int, f func(lo, hi int)) {
	s.Split(n, n, minSplit, f)
}
