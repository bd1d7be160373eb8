// Package simd holds the inner loop of the direct correlation methods of
// stdlib/signal: CorrRow, y[j] += Σ_b k[b]·x[j+b]. On amd64 CPUs with AVX2
// and FMA (checked at start-up with CPUID/XGETBV) the bulk of the loop runs
// in assembly, 32 outputs at a time with 8 independent accumulators; the
// rest, and every other platform (or the purego build tag), uses plain Go.
// Corr2DRow applies a whole 2-D kernel to one output row; Corr3x3Rows sets
// two output rows of a 3x3 correlation in one pass over their four input
// rows, with the kernel held in registers.
//
// Invariant: both paths compute the same sums, the assembly with fused
// multiply-adds (one rounding per tap), so results may differ from the Go
// path in the last bits; integer data stays exact.
package simd

// CorrRow adds to every y[j] the correlation Σ_b k[b]·x[j+b]. It panics if
// len(x) < len(y)+len(k)−1. An empty k leaves y alone.
func CorrRow(y, x, k []float64) {
	if len(k) == 0 || len(y) == 0 {
		return
	}
	if len(x) < len(y)+len(k)-1 {
		panic("simd: CorrRow: x too short")
	}
	done := 0
	if useAsm {
		done = len(y) &^ 3
		if done > 0 {
			corrRowAsm(y[:done], x, k)
		}
	}
	corrRowGo(y[done:], x[done:], k)
}

// Corr2DRow adds to every y[j] the 2-D correlation of a kernel of
// len(k)/kc rows and kc columns (row-major in k) with the rows of x that
// start stride elements apart: y[j] += Σ_a Σ_b k[a·kc+b]·x[a·stride+j+b].
// It panics if kc < 1, len(k) is not a multiple of kc, or x is too short.
func Corr2DRow(y, x []float64, stride int, k []float64, kc int) {
	if kc < 1 || len(k)%kc != 0 {
		panic("simd: Corr2DRow: bad kernel shape")
	}
	if len(k) == 0 || len(y) == 0 {
		return
	}
	kr := len(k) / kc
	if len(x) < (kr-1)*stride+len(y)+kc-1 {
		panic("simd: Corr2DRow: x too short")
	}
	done := 0
	if useAsm {
		done = len(y) &^ 3
		if done > 0 {
			corr2DAsm(y[:done], x, k, kc, stride)
		}
	}
	if done < len(y) {
		corr2DGo(y[done:], x[done:], k, kc, stride)
	}
}

func corr2DGo(y, x, k []float64, kc, stride int) {
	for a := 0; a < len(k)/kc; a++ {
		corrRowGo(y, x[a*stride:], k[a*kc:(a+1)*kc])
	}
}

// HasAsm reports whether CorrRow uses the assembly path on this machine.
func HasAsm() bool { return useAsm }

func corrRowGo(y, x, k []float64) {
	if len(y) == 0 {
		return
	}
	x = x[:len(y)+len(k)-1]
	for j := range y {
		s := y[j]
		for b, kv := range k {
			s += kv * x[j+b]
		}
		y[j] = s
	}
}
