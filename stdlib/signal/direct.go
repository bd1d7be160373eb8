package signal

import (
	"context"

	"github.com/gokernel/gokernel/stdlib/signal/internal/simd"
)

// directChunk is the number of outputs the 1-D direct method computes at a
// time (the unit of work shared among goroutines).
const directChunk = 4096

// directRows2D is the number of output rows the 2-D direct method hands to
// a goroutine at a time.
const directRows2D = 16

// corrDirect1D writes into out (length n) the window starting at off of the
// full correlation of x with h: full[i] = Σ_j x[i-(M-1)+j]·h[j].
func corrDirect1D(ctx context.Context, out, x, h []float64, off int) error {
	n, N, M := len(out), len(x), len(h)
	shift := off - (M - 1) // x index of tap 0 for output i is i+shift
	nChunks := (n + directChunk - 1) / directChunk
	w := workers(nChunks, float64(directChunk*M))
	return parallelFor(ctx, nChunks, w, func(_, clo, chi int) {
		for c := clo; c < chi; c++ {
			if ctx.Err() != nil {
				return
			}
			lo, hi := c*directChunk, min(n, (c+1)*directChunk)
			corrSegment(out[lo:hi], x, h, lo+shift, N)
		}
	})
}

// corrSegment sets y[j] = Σ_b k[b]·x[j+s+b], taking x as zero outside
// [0, nx): the interior, where every tap is inside, goes to simd.CorrRow,
// the edges are summed tap by tap.
func corrSegment(y, x, k []float64, s, nx int) {
	m := len(k)
	jLo := min(len(y), max(0, -s))         // first j with j+s >= 0
	jHi := max(jLo, min(len(y), nx-s-m+1)) // first j with j+s+m-1 >= nx
	for j := 0; j < jLo; j++ {
		y[j] = edgeSum(x, k, j+s, nx)
	}
	if jLo < jHi {
		clear(y[jLo:jHi])
		simd.CorrRow(y[jLo:jHi], x[jLo+s:jHi+s+m-1], k)
	}
	for j := jHi; j < len(y); j++ {
		y[j] = edgeSum(x, k, j+s, nx)
	}
}

// edgeSum is Σ_b k[b]·x[p+b] over the taps with 0 <= p+b < nx.
func edgeSum(x, k []float64, p, nx int) float64 {
	var sum float64
	for b := max(0, -p); b < len(k) && p+b < nx; b++ {
		sum += k[b] * x[p+b]
	}
	return sum
}

// grid is a dense row-major matrix view used by the 2-D kernels.
type grid struct {
	r, c, stride int
	data         []float64
}

func (g grid) row(i int) []float64 { return g.data[i*g.stride : i*g.stride+g.c] }

// corrDirect2D writes into out the window (offR, offC) of the full 2-D
// correlation of img with k:
// full[i][j] = Σ_{a,b} img[i-(kr-1)+a][j-(kc-1)+b]·k[a][b].
// Each output row is the sum over kernel rows of 1-D correlations.
func corrDirect2D(ctx context.Context, out, img, k grid, offR, offC int) error {
	w := workers(out.r, float64(out.c*k.r*k.c))
	s := offC - (k.c - 1)
	var k3 *[9]float64
	if k.r == 3 && k.c == 3 {
		k3 = &[9]float64{}
		copy(k3[0:3], k.row(0))
		copy(k3[3:6], k.row(1))
		copy(k3[6:9], k.row(2))
	}
	// Rows are handed out in chunks of directRows2D (even, so the 3x3 row
	// pairs stay whole) to whichever goroutine is free.
	return parallelChunks(ctx, out.r, w, directRows2D, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if ctx.Err() != nil {
				return
			}
			if k3 != nil && i+1 < hi && corr3x3Pair(out, img, k3, k, i, offR, s) {
				i++
				continue
			}
			orow := out.row(i)
			clear(orow)
			jLo := min(out.c, max(0, -s))
			jHi := max(jLo, min(out.c, img.c-s-k.c+1))
			if r0 := i + offR - (k.r - 1); r0 >= 0 && r0+k.r <= img.r && jLo < jHi && k.stride == k.c {
				// Every kernel row inside the image: one pass over the
				// interior of the output row for the whole kernel.
				start := r0*img.stride + jLo + s
				end := (r0+k.r-1)*img.stride + jHi + s + k.c - 1
				simd.Corr2DRow(orow[jLo:jHi], img.data[start:end], img.stride, k.data[:k.r*k.c], k.c)
				for a := 0; a < k.r; a++ {
					irow, krow := img.row(r0+a), k.row(a)
					for j := 0; j < jLo; j++ {
						orow[j] += edgeSum(irow, krow, j+s, img.c)
					}
					for j := jHi; j < out.c; j++ {
						orow[j] += edgeSum(irow, krow, j+s, img.c)
					}
				}
				continue
			}
			for a := 0; a < k.r; a++ {
				r := i + offR - (k.r - 1) + a
				if r < 0 || r >= img.r {
					continue
				}
				irow, krow := img.row(r), k.row(a)
				if jLo < jHi {
					simd.CorrRow(orow[jLo:jHi], irow[jLo+s:jHi+s+k.c-1], krow)
				}
				for j := 0; j < jLo; j++ {
					orow[j] += edgeSum(irow, krow, j+s, img.c)
				}
				for j := jHi; j < out.c; j++ {
					orow[j] += edgeSum(irow, krow, j+s, img.c)
				}
			}
		}
	})
}

// corr3x3Pair sets output rows i and i+1 of a 3x3 correlation (k3 is the
// kernel row-major, k the same kernel as a grid) with one fused pass over
// the four input rows they need, when all four are inside the image and the
// rows have an interior; it reports whether it did.
func corr3x3Pair(out, img grid, k3 *[9]float64, k grid, i, offR, s int) bool {
	r0 := i + offR - 2
	jLo := min(out.c, max(0, -s))
	jHi := max(jLo, min(out.c, img.c-s-2))
	if r0 < 0 || r0+4 > img.r || jLo >= jHi {
		return false
	}
	o0, o1 := out.row(i), out.row(i+1)
	start := r0*img.stride + jLo + s
	simd.Corr3x3Rows(o0[jLo:jHi], o1[jLo:jHi], img.data[start:], img.stride, k3)
	for d, orow := range [2][]float64{o0, o1} {
		clear(orow[:jLo])
		clear(orow[jHi:])
		for a := 0; a < 3; a++ {
			irow, krow := img.row(r0+d+a), k.row(a)
			for j := 0; j < jLo; j++ {
				orow[j] += edgeSum(irow, krow, j+s, img.c)
			}
			for j := jHi; j < out.c; j++ {
				orow[j] += edgeSum(irow, krow, j+s, img.c)
			}
		}
	}
	return true
}
