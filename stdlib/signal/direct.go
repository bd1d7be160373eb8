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
			clear(orow)
			for a := 0; a < k.r; a++ {
				r := i + offR - (k.r - 1) + a
				if r < 0 || r >= img.r {
					continue
				}
				irow := img.row(r)
				krow := k.row(a)
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
