package backend

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
)

// forceNative sends every call, however small, to OpenBLAS for the test.
func forceNative(t *testing.T) {
	t.Helper()
	if !Native() {
		t.Skipf("OpenBLAS not loaded: %s", FallbackReason())
	}
	w3, w2 := minWork3, minWork2
	minWork3, minWork2 = 0, 0
	t.Cleanup(func() { minWork3, minWork2 = w3, w2 })
}

func randSlice(rnd *rand.Rand, n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = rnd.Float64()*2 - 1
	}
	return s
}

// triangular makes an r×r matrix with leading dimension ld whose diagonal
// dominates, so that triangular solves are well conditioned.
func triangular(rnd *rand.Rand, r, ld int) []float64 {
	a := randSlice(rnd, max(0, ld*(r-1)+r))
	for i := 0; i < r; i++ {
		a[i*ld+i] = float64(r) + 1 + rnd.Float64()
	}
	return a
}

func to32(s []float64) []float32 {
	o := make([]float32, len(s))
	for i, v := range s {
		o[i] = float32(v)
	}
	return o
}

// closeEnough compares got with want relative to the largest entry of want.
func closeEnough[T float32 | float64](got, want []T, tol float64) (bool, string) {
	if len(got) != len(want) {
		return false, fmt.Sprintf("len %d != %d", len(got), len(want))
	}
	scale := 1.0
	for _, v := range want {
		scale = math.Max(scale, math.Abs(float64(v)))
	}
	for i := range got {
		if d := math.Abs(float64(got[i] - want[i])); !(d <= tol*scale) {
			return false, fmt.Sprintf("element %d: got %v want %v", i, got[i], want[i])
		}
	}
	return true, ""
}

// both runs run with gonum's implementation and with ours, in float64 and
// float32, and compares the outputs.
func both(t *testing.T, name string, run64 func(blas.Float64) []float64, run32 func(blas.Float32) []float32) {
	t.Helper()
	want, got := run64(gonum.Implementation{}), run64(Implementation{})
	if ok, msg := closeEnough(got, want, 1e-12); !ok {
		t.Errorf("%s float64: %s", name, msg)
	}
	want32, got32 := run32(gonum.Implementation{}), run32(Implementation{})
	if ok, msg := closeEnough(got32, want32, 1e-4); !ok {
		t.Errorf("%s float32: %s", name, msg)
	}
}

var (
	transposes = []blas.Transpose{blas.NoTrans, blas.Trans, blas.ConjTrans}
	uplos      = []blas.Uplo{blas.Upper, blas.Lower}
	sides      = []blas.Side{blas.Left, blas.Right}
	diags      = []blas.Diag{blas.NonUnit, blas.Unit}
	// sizes include zero, one and sizes that cross OpenBLAS's blocking.
	sizes = [][3]int{{0, 3, 4}, {3, 0, 4}, {3, 4, 0}, {1, 1, 1}, {5, 7, 3}, {17, 9, 33}, {70, 65, 130}}
	pads  = []int{0, 3}
)

func TestGemmMatchesGonum(t *testing.T) {
	forceNative(t)
	rnd := rand.New(rand.NewPCG(1, 2))
	for _, sz := range sizes {
		m, n, k := sz[0], sz[1], sz[2]
		for _, tA := range transposes {
			for _, tB := range transposes[:2] {
				for _, pad := range pads {
					ar, ac := m, k
					if tA != blas.NoTrans {
						ar, ac = k, m
					}
					br, bc := k, n
					if tB != blas.NoTrans {
						br, bc = n, k
					}
					lda, ldb, ldc := max(1, ac)+pad, max(1, bc)+pad, max(1, n)+pad
					a, b := randSlice(rnd, ar*lda), randSlice(rnd, br*ldb)
					c := randSlice(rnd, m*ldc)
					name := fmt.Sprintf("gemm %c%c m=%d n=%d k=%d pad=%d", tA, tB, m, n, k, pad)
					both(t, name, func(impl blas.Float64) []float64 {
						cc := append([]float64(nil), c...)
						impl.Dgemm(tA, tB, m, n, k, 0.7, a, lda, b, ldb, -1.3, cc, ldc)
						return cc
					}, func(impl blas.Float32) []float32 {
						cc := to32(c)
						impl.Sgemm(tA, tB, m, n, k, 0.7, to32(a), lda, to32(b), ldb, -1.3, cc, ldc)
						return cc
					})
				}
			}
		}
	}
}

func TestRankKMatchesGonum(t *testing.T) {
	forceNative(t)
	rnd := rand.New(rand.NewPCG(3, 4))
	for _, sz := range sizes {
		n, k := sz[0], sz[2]
		for _, ul := range uplos {
			for _, tA := range transposes {
				for _, pad := range pads {
					r, c := n, k
					if tA != blas.NoTrans {
						r, c = k, n
					}
					lda, ldc := max(1, c)+pad, max(1, n)+pad
					a, b := randSlice(rnd, r*lda), randSlice(rnd, r*lda)
					cm := randSlice(rnd, n*ldc)
					name := fmt.Sprintf("syrk %c%c n=%d k=%d pad=%d", ul, tA, n, k, pad)
					both(t, name, func(impl blas.Float64) []float64 {
						cc := append([]float64(nil), cm...)
						impl.Dsyrk(ul, tA, n, k, 1.1, a, lda, 0.4, cc, ldc)
						return cc
					}, func(impl blas.Float32) []float32 {
						cc := to32(cm)
						impl.Ssyrk(ul, tA, n, k, 1.1, to32(a), lda, 0.4, cc, ldc)
						return cc
					})
					both(t, "syr2k"+name[4:], func(impl blas.Float64) []float64 {
						cc := append([]float64(nil), cm...)
						impl.Dsyr2k(ul, tA, n, k, -0.6, a, lda, b, lda, 0, cc, ldc)
						return cc
					}, func(impl blas.Float32) []float32 {
						cc := to32(cm)
						impl.Ssyr2k(ul, tA, n, k, -0.6, to32(a), lda, to32(b), lda, 0, cc, ldc)
						return cc
					})
				}
			}
		}
	}
}

func TestSymmTrxmMatchesGonum(t *testing.T) {
	forceNative(t)
	rnd := rand.New(rand.NewPCG(5, 6))
	for _, sz := range sizes {
		m, n := sz[0], sz[1]
		for _, s := range sides {
			k := n
			if s == blas.Left {
				k = m
			}
			for _, ul := range uplos {
				for _, pad := range pads {
					lda, ldb := max(1, k)+pad, max(1, n)+pad
					a := triangular(rnd, k, lda)
					b, c := randSlice(rnd, m*ldb), randSlice(rnd, m*ldb)
					name := fmt.Sprintf("symm %c%c m=%d n=%d pad=%d", s, ul, m, n, pad)
					both(t, name, func(impl blas.Float64) []float64 {
						cc := append([]float64(nil), c...)
						impl.Dsymm(s, ul, m, n, 0.9, a, lda, b, ldb, 0.2, cc, ldb)
						return cc
					}, func(impl blas.Float32) []float32 {
						cc := to32(c)
						impl.Ssymm(s, ul, m, n, 0.9, to32(a), lda, to32(b), ldb, 0.2, cc, ldb)
						return cc
					})
					for _, tA := range transposes {
						for _, d := range diags {
							name := fmt.Sprintf("m=%d n=%d %c%c%c%c pad=%d", m, n, s, ul, tA, d, pad)
							both(t, "trsm "+name, func(impl blas.Float64) []float64 {
								bb := append([]float64(nil), b...)
								impl.Dtrsm(s, ul, tA, d, m, n, 1.5, a, lda, bb, ldb)
								return bb
							}, func(impl blas.Float32) []float32 {
								bb := to32(b)
								impl.Strsm(s, ul, tA, d, m, n, 1.5, to32(a), lda, bb, ldb)
								return bb
							})
							both(t, "trmm "+name, func(impl blas.Float64) []float64 {
								bb := append([]float64(nil), b...)
								impl.Dtrmm(s, ul, tA, d, m, n, -0.5, a, lda, bb, ldb)
								return bb
							}, func(impl blas.Float32) []float32 {
								bb := to32(b)
								impl.Strmm(s, ul, tA, d, m, n, -0.5, to32(a), lda, bb, ldb)
								return bb
							})
						}
					}
				}
			}
		}
	}
}

func TestGemvMatchesGonum(t *testing.T) {
	forceNative(t)
	rnd := rand.New(rand.NewPCG(7, 8))
	for _, sz := range sizes {
		m, n := sz[0], sz[1]
		for _, tA := range transposes {
			for _, pad := range pads {
				for _, inc := range [][2]int{{1, 1}, {2, 3}, {-1, 1}, {3, -2}} {
					lda := max(1, n) + pad
					lx, ly := n, m
					if tA != blas.NoTrans {
						lx, ly = m, n
					}
					a := randSlice(rnd, m*lda)
					x := randSlice(rnd, max(1, lx)*abs(inc[0]))
					y := randSlice(rnd, max(1, ly)*abs(inc[1]))
					name := fmt.Sprintf("gemv %c m=%d n=%d pad=%d inc=%v", tA, m, n, pad, inc)
					both(t, name, func(impl blas.Float64) []float64 {
						yy := append([]float64(nil), y...)
						impl.Dgemv(tA, m, n, 0.8, a, lda, x, inc[0], 1.7, yy, inc[1])
						return yy
					}, func(impl blas.Float32) []float32 {
						yy := to32(y)
						impl.Sgemv(tA, m, n, 0.8, to32(a), lda, to32(x), inc[0], 1.7, yy, inc[1])
						return yy
					})
				}
			}
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// panicOf returns the value f panics with, or nil.
func panicOf(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}

func TestPanicsLikeGonum(t *testing.T) {
	forceNative(t)
	a, b, c := make([]float64, 16), make([]float64, 16), make([]float64, 16)
	calls := map[string]func(blas.Float64){
		"gemm bad trans": func(i blas.Float64) { i.Dgemm('X', blas.NoTrans, 2, 2, 2, 1, a, 2, b, 2, 0, c, 2) },
		"gemm m<0":       func(i blas.Float64) { i.Dgemm(blas.NoTrans, blas.NoTrans, -1, 2, 2, 1, a, 2, b, 2, 0, c, 2) },
		"gemm bad lda":   func(i blas.Float64) { i.Dgemm(blas.NoTrans, blas.NoTrans, 2, 2, 3, 1, a, 2, b, 2, 0, c, 2) },
		"gemm short a":   func(i blas.Float64) { i.Dgemm(blas.NoTrans, blas.NoTrans, 4, 2, 5, 1, a, 5, b, 2, 0, c, 2) },
		"gemm short c":   func(i blas.Float64) { i.Dgemm(blas.NoTrans, blas.NoTrans, 2, 9, 2, 1, a, 2, b[:2], 9, 0, c, 9) },
		"syrk bad uplo":  func(i blas.Float64) { i.Dsyrk('X', blas.NoTrans, 2, 2, 1, a, 2, 0, c, 2) },
		"syrk short c":   func(i blas.Float64) { i.Dsyrk(blas.Upper, blas.NoTrans, 5, 2, 1, a, 2, 0, c, 5) },
		"syr2k short b":  func(i blas.Float64) { i.Dsyr2k(blas.Upper, blas.NoTrans, 3, 2, 1, a, 2, b[:3], 2, 0, c, 3) },
		"symm bad side":  func(i blas.Float64) { i.Dsymm('X', blas.Upper, 2, 2, 1, a, 2, b, 2, 0, c, 2) },
		"trsm bad diag":  func(i blas.Float64) { i.Dtrsm(blas.Left, blas.Upper, blas.NoTrans, 'X', 2, 2, 1, a, 2, b, 2) },
		"trmm n<0":       func(i blas.Float64) { i.Dtrmm(blas.Left, blas.Upper, blas.NoTrans, blas.Unit, 2, -2, 1, a, 2, b, 2) },
		"gemv incX=0":    func(i blas.Float64) { i.Dgemv(blas.NoTrans, 2, 2, 1, a, 2, b, 0, 0, c, 1) },
		"gemv short y":   func(i blas.Float64) { i.Dgemv(blas.NoTrans, 3, 2, 1, a, 2, b, 1, 0, c[:2], 1) },
	}
	for name, call := range calls {
		want := panicOf(func() { call(gonum.Implementation{}) })
		got := panicOf(func() { call(Implementation{}) })
		if want == nil {
			t.Fatalf("%s: gonum did not panic; the test case is wrong", name)
		}
		if got != want {
			t.Errorf("%s: panic %v, gonum panics %v", name, got, want)
		}
	}
}

func TestRegistered(t *testing.T) {
	if !Native() {
		t.Skipf("OpenBLAS not loaded: %s", FallbackReason())
	}
	if _, ok := blas64.Implementation().(Implementation); !ok {
		t.Errorf("blas64 uses %T, want backend.Implementation", blas64.Implementation())
	}
	name := Name()
	if !strings.HasPrefix(name, "OpenBLAS") || !strings.Contains(name, "via purego") {
		t.Errorf("Name() = %q", name)
	}
	t.Log(name, "|", Config())
}

func TestSetThreads(t *testing.T) {
	if !Native() {
		t.Skipf("OpenBLAS not loaded: %s", FallbackReason())
	}
	old := Threads()
	defer SetThreads(old)
	SetThreads(1)
	if got := Threads(); got != 1 {
		t.Errorf("Threads() = %d after SetThreads(1)", got)
	}
	if !strings.Contains(Name(), "1 thread)") {
		t.Errorf("Name() = %q, want 1 thread", Name())
	}
}

func TestConcurrentCalls(t *testing.T) {
	forceNative(t)
	rnd := rand.New(rand.NewPCG(9, 10))
	const n = 96
	a, b := randSlice(rnd, n*n), randSlice(rnd, n*n)
	want := make([]float64, n*n)
	gonum.Implementation{}.Dgemm(blas.NoTrans, blas.Trans, n, n, n, 1, a, n, b, n, 0, want, n)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < 20; r++ {
				c := make([]float64, n*n)
				Implementation{}.Dgemm(blas.NoTrans, blas.Trans, n, n, n, 1, a, n, b, n, 0, c, n)
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

// TestFallback runs this test binary again with environments that must
// leave gonum's pure-Go BLAS in use, and checks what the child reports.
func TestFallback(t *testing.T) {
	if os.Getenv("GOKERNEL_BACKEND_CHILD") == "1" {
		if _, ok := blas64.Implementation().(gonum.Implementation); !ok {
			t.Fatalf("child: blas64 uses %T", blas64.Implementation())
		}
		if Native() || Name() != "gonum (pure Go)" || Threads() != 1 {
			t.Fatalf("child: Name() = %q, Threads() = %d", Name(), Threads())
		}
		fmt.Printf("child backend: %s; reason: %s\n", Name(), FallbackReason())
		return
	}
	for _, c := range []struct {
		env, reason string
	}{
		{"GOKERNEL_BLAS=gonum", "reason: GOKERNEL_BLAS=gonum"},
		{"GOKERNEL_BLAS_LIB=/nonexistent/libopenblas.so.0", "cannot load GOKERNEL_BLAS_LIB=/nonexistent"},
		{"GOKERNEL_BLAS_LIB=libc.so.6", "missing symbol dgemm_"},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestFallback$", "-test.count=1")
		cmd.Env = append(os.Environ(), "GOKERNEL_BACKEND_CHILD=1", c.env)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: child failed: %v\n%s", c.env, err, out)
		}
		if !strings.Contains(string(out), "child backend: gonum (pure Go); reason: ") || !strings.Contains(string(out), c.reason) {
			t.Errorf("%s: child output lacks the fallback name or %q:\n%s", c.env, c.reason, out)
		}
	}
}
