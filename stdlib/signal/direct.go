package signal

import (
	"context"

	"gonum.org/v1/gonum/floats"
)

// directChunk is the number of outputs accumulated at a time by the 1-D
// direct method, so that the output block stays in the L1 cache while every
// tap is added to it.
const directChunk = 2048

// corrDirect1D writes into out (length n) the window starting at off of the
// full correlation of x with h: full[i] = Σ_j x[i-(M-1)+j]·h[j].
func corrDirect1D(ctx context.Context, out, x, h []float64, off int) error {
	n, N, M := len(out), len(x), len(h)
	clear(out)
	nChunks := (n + directChunk - 1) / directChunk
	w := workers(nChunks, float64(directChunk*M))
	return parallelFor(ctx, nChunks, w, func(_, clo, chi int) {
		for c := clo; c < chi; c++ {
			if ctx.Err() != nil {
				return
			}
			lo, hi := c*directChunk, min(n, (c+1)*directChunk)
			for j, hj := range h {
				shift := off - (M - 1) + j // x index of output i is i+shift
				iLo := max(lo, -shift)
				iHi := min(hi, N-shift)
				if iLo < iHi && hj != 0 {
					floats.AddScaled(out[iLo:iHi], hj, x[iLo+shift:iHi+shift])
				}
			}
		}
	})
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
func corrDirect2D(ctx context.Context, out, img, k grid, offR, offC int) error {
	w := workers(out.r, float64(out.c*k.r*k.c))
	return parallelFor(ctx, out.r, w, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			if ctx.Err() != nil {
				return
			}
			orow := out.row(i)
			if r0 := i + offR - (k.r - 1); k.r == 3 && k.c == 3 && r0 >= 0 && r0+3 <= img.r &&
				offC >= 2 && offC+out.c <= img.c {
				// Interior rows of a 3x3 kernel: one pass, nine taps.
				row3x3(orow, img.row(r0)[offC-2:], img.row(r0 + 1)[offC-2:], img.row(r0 + 2)[offC-2:], k.data[:k.c], k.row(1), k.row(2))
				continue
			}
			clear(orow)
			for a := 0; a < k.r; a++ {
				r := i + offR - (k.r - 1) + a
				if r < 0 || r >= img.r {
					continue
				}
				irow := img.row(r)
				krow := k.row(a)
				if k.c == 3 && offC >= k.c-1 && offC+out.c <= img.c {
					// Interior rows of a 3-wide kernel: one pass per kernel
					// row instead of three.
					axpy3(orow, irow[offC-2:], krow[0], krow[1], krow[2])
					continue
				}
				for b, kv := range krow {
					shift := offC - (k.c - 1) + b
					jLo := max(0, -shift)
					jHi := min(out.c, img.c-shift)
					if jLo < jHi && kv != 0 {
						floats.AddScaled(orow[jLo:jHi], kv, irow[jLo+shift:jHi+shift])
					}
				}
			}
		}
	})
}

// axpy3 adds k0·x[j] + k1·x[j+1] + k2·x[j+2] to y[j] for every j.
func axpy3(y, x []float64, k0, k1, k2 float64) {
	x = x[:len(y)+2]
	for j := range y {
		y[j] += k0*x[j] + k1*x[j+1] + k2*x[j+2]
	}
}

// row3x3 sets y[j] to the 3x3 correlation of rows x0, x1, x2 at column j
// with the kernel rows k0, k1, k2.
func row3x3(y, x0, x1, x2, k0, k1, k2 []float64) {
	n := len(y)
	x0, x1, x2 = x0[:n+2], x1[:n+2], x2[:n+2]
	a0, a1, a2 := k0[0], k0[1], k0[2]
	b0, b1, b2 := k1[0], k1[1], k1[2]
	c0, c1, c2 := k2[0], k2[1], k2[2]
	for j := range y {
		y[j] = a0*x0[j] + a1*x0[j+1] + a2*x0[j+2] +
			b0*x1[j] + b1*x1[j+1] + b2*x1[j+2] +
			c0*x2[j] + c1*x2[j+1] + c2*x2[j+2]
	}
}
