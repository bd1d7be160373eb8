package backend

import (
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// TestOpenBLASCallsAllocateNothing checks that every routine sent to
// OpenBLAS reuses its argument frame: no heap allocation per call once the
// free list holds a frame.
func TestOpenBLASCallsAllocateNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector")
	}
	forceNative(t)
	rnd := rand.New(rand.NewPCG(3, 4))
	const n = 24
	a, b, c := randSlice(rnd, n*n), randSlice(rnd, n*n), make([]float64, n*n)
	tri := triangular(rnd, n, n)
	a32, b32, c32 := to32(a), to32(b), make([]float32, n*n)
	tri32 := to32(tri)
	x, y := randSlice(rnd, n), make([]float64, n)
	x32, y32 := to32(x), make([]float32, n)
	impl := Implementation{}
	for name, f := range map[string]func(){
		"Dgemm":  func() { impl.Dgemm(blas.NoTrans, blas.Trans, n, n, n, 1, a, n, b, n, 0.5, c, n) },
		"Dsyrk":  func() { impl.Dsyrk(blas.Upper, blas.NoTrans, n, n, 1, a, n, 0, c, n) },
		"Dsyr2k": func() { impl.Dsyr2k(blas.Lower, blas.Trans, n, n, 1, a, n, b, n, 0, c, n) },
		"Dsymm":  func() { impl.Dsymm(blas.Left, blas.Upper, n, n, 1, a, n, b, n, 0, c, n) },
		"Dtrsm": func() {
			copy(c, b)
			impl.Dtrsm(blas.Left, blas.Upper, blas.NoTrans, blas.NonUnit, n, n, 1, tri, n, c, n)
		},
		"Dtrmm": func() { impl.Dtrmm(blas.Right, blas.Lower, blas.Trans, blas.Unit, n, n, 1, tri, n, c, n) },
		"Dgemv": func() { impl.Dgemv(blas.NoTrans, n, n, 1, a, n, x, 1, 0, y, 1) },
		"Sgemm": func() { impl.Sgemm(blas.Trans, blas.NoTrans, n, n, n, 1, a32, n, b32, n, 0, c32, n) },
		"Ssyrk": func() { impl.Ssyrk(blas.Upper, blas.Trans, n, n, 1, a32, n, 0, c32, n) },
		"Strsm": func() {
			copy(c32, b32)
			impl.Strsm(blas.Right, blas.Upper, blas.NoTrans, blas.NonUnit, n, n, 1, tri32, n, c32, n)
		},
		"Sgemv": func() { impl.Sgemv(blas.Trans, n, n, 1, a32, n, x32, 1, 0, y32, 1) },
	} {
		if got := testing.AllocsPerRun(20, f); got != 0 {
			t.Errorf("%s: %v allocations per call, want 0", name, got)
		}
	}
}

// TestFramesReusedConcurrently runs products from several goroutines with
// the garbage collector forced in between (frames are recycled while other
// calls are in flight) and checks every result against gonum's.
func TestFramesReusedConcurrently(t *testing.T) {
	forceNative(t)
	rnd := rand.New(rand.NewPCG(5, 6))
	const n = 40
	a, b := randSlice(rnd, n*n), randSlice(rnd, n*n)
	want := make([]float64, n*n)
	gonum.Implementation{}.Dgemm(blas.Trans, blas.NoTrans, n, n, n, 1.5, a, n, b, n, 0, want, n)
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < 50; r++ {
				c := make([]float64, n*n)
				Implementation{}.Dgemm(blas.Trans, blas.NoTrans, n, n, n, 1.5, a, n, b, n, 0, c, n)
				if r%10 == 0 {
					runtime.GC()
				}
				if ok, msg := closeEnough(c, want, 1e-12); !ok {
					errs <- msg
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for msg := range errs {
		t.Error(msg)
	}
}
