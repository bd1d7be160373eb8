package signal

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// maxWorkers bounds the goroutines one call uses; the kernel runs on small
// machines where more would only contend.
const maxWorkers = 4

// workers returns how many goroutines to use for n independent work items
// that each cost about cost flops: one when the job is too small to repay
// starting goroutines.
func workers(n int, cost float64) int {
	w := min(runtime.GOMAXPROCS(0), maxWorkers, n)
	if w < 1 || float64(n)*cost < 1<<16 {
		return 1
	}
	return w
}

// parallelFor splits [0, n) into w contiguous chunks and runs fn on each in
// its own goroutine (the first in the caller's). It returns ctx.Err() when
// ctx was cancelled by the end; fn is expected to poll ctx itself.
func parallelFor(ctx context.Context, n, w int, fn func(worker, lo, hi int)) error {
	if w <= 1 || n <= 1 {
		fn(0, 0, n)
		return ctx.Err()
	}
	var wg sync.WaitGroup
	for k := 1; k < w; k++ {
		lo, hi := k*n/w, (k+1)*n/w
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(k, lo, hi)
		}()
	}
	fn(0, 0, n/w)
	wg.Wait()
	return ctx.Err()
}

// parallelChunks runs fn on the chunks [lo, hi) of [0, n), each at most
// chunk long (chunk boundaries are multiples of chunk), on w goroutines
// (the first the caller's) that take the next chunk as they become free:
// on a machine whose other cores are busy a late goroutine then costs
// nothing, as the others take its share. It returns ctx.Err() when ctx was
// cancelled by the end; fn is expected to poll ctx itself. With w <= 1 or
// n <= chunk, fn is called once on [0, n).
func parallelChunks(ctx context.Context, n, w, chunk int, fn func(lo, hi int)) error {
	if n <= 0 {
		return ctx.Err()
	}
	if w <= 1 || n <= chunk {
		fn(0, n)
		return ctx.Err()
	}
	var next atomic.Int64
	run := func() {
		for {
			lo := int(next.Add(int64(chunk))) - chunk
			if lo >= n || ctx.Err() != nil {
				return
			}
			fn(lo, min(n, lo+chunk))
		}
	}
	var wg sync.WaitGroup
	for k := 1; k < w; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run()
		}()
	}
	run()
	wg.Wait()
	return ctx.Err()
}
