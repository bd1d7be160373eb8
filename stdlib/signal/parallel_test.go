package signal

import (
	"context"
	"sync/atomic"
	"testing"
)

// TestParallelChunksCoversOnce checks that every index is handed out
// exactly once, in chunks that start at multiples of chunk (or as one range
// when there is one goroutine or one chunk), whatever the number of
// goroutines.
func TestParallelChunksCoversOnce(t *testing.T) {
	for _, n := range []int{0, 1, 15, 16, 17, 100, 510} {
		for _, w := range []int{1, 2, 3, 4} {
			seen := make([]atomic.Int32, n)
			err := parallelChunks(context.Background(), n, w, 16, func(lo, hi int) {
				if w == 1 || n <= 16 {
					if lo != 0 || hi != n {
						t.Errorf("n=%d w=%d: [%d, %d), want the whole range", n, w, lo, hi)
					}
				} else if lo%16 != 0 || hi > n || hi-lo > 16 || hi <= lo {
					t.Errorf("n=%d w=%d: bad chunk [%d, %d)", n, w, lo, hi)
				}
				for i := lo; i < hi; i++ {
					seen[i].Add(1)
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			for i := range seen {
				if c := seen[i].Load(); c != 1 {
					t.Fatalf("n=%d w=%d: index %d done %d times", n, w, i, c)
				}
			}
		}
	}
}

func TestParallelChunksCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int32
	err := parallelChunks(ctx, 1000, 2, 10, func(lo, hi int) {
		if calls.Add(1) == 1 {
			cancel()
		}
	})
	if err != context.Canceled {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if c := calls.Load(); c > 3 {
		t.Errorf("%d chunks ran after the cancel, want at most one per goroutine", c-1)
	}
}
