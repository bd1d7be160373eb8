package signal

import (
	"context"
	"math"

	"gonum.org/v1/gonum/floats"
)

// corrFFTLen is the shortest transform length for which the circular
// correlation of x (length nx) with h (length m) equals the linear one on
// the full-result window [off, off+n); callers round it up to a fast length.
func corrFFTLen(nx, m, off, n int) int {
	k0 := off - (m - 1) // first lag
	k1 := k0 + n - 1    // last lag
	return max(nx-k0, k1+m, nx, m)
}

// corrFFT1D writes into out the window starting at off of the full
// correlation of x with h, using one transform of length corrFFTLen.
func corrFFT1D(ctx context.Context, out, x, h []float64, off int) error {
	n, M := len(out), len(h)
	L := evenFastLen(corrFFTLen(len(x), M, off, n))
	t := realPlan(L)
	buf := make([]float64, L)
	copy(buf, x)
	X := make([]complex128, L/2+1)
	t.Forward(X, buf)
	clear(buf)
	copy(buf, h)
	H := make([]complex128, L/2+1)
	t.Forward(H, buf)
	if err := ctx.Err(); err != nil {
		return err
	}
	for i := range X {
		X[i] *= conj(H[i])
	}
	cc := buf
	t.Inverse(cc, X)
	scale := 1 / float64(L)
	k0 := off - (M - 1)
	for i := range out {
		out[i] = cc[mod(k0+i, L)] * scale
	}
	return ctx.Err()
}

func conj(c complex128) complex128 { return complex(real(c), -imag(c)) }

func mod(a, n int) int {
	a %= n
	if a < 0 {
		a += n
	}
	return a
}

// oaBlock returns the transform length and input block size of the
// overlap-add method for a kernel of length m: the power of two that
// minimises transform work per output sample.
func oaBlock(m int) (L, B int) {
	bestCost := math.Inf(1)
	for l := 64; l <= max(64*m, 1024); l *= 2 {
		if l < 2*m {
			continue
		}
		b := l - m + 1
		c := float64(l) * math.Log2(float64(l)) / float64(b)
		if c < bestCost {
			bestCost, L, B = c, l, b
		}
	}
	return L, B
}

// corrOverlapAdd1D writes into out the window starting at off of the full
// correlation of x with h by the overlap-add method: x is cut into blocks of
// B samples, each block is correlated with h by a transform of length L, and
// the results are added at their places. Blocks are shared among workers;
// each worker owns the output of its blocks and hands the tail that spills
// into the next worker's range back to be added after the join.
func corrOverlapAdd1D(ctx context.Context, out, x, h []float64, off int) error {
	n, N, M := len(out), len(x), len(h)
	clear(out)
	L, B := oaBlock(M)
	nBlocks := (N + B - 1) / B
	buf := make([]float64, L)
	copy(buf, h)
	H := make([]complex128, L/2+1)
	realPlan(L).Forward(H, buf)
	for i := range H {
		H[i] = conj(H[i]) / complex(float64(L), 0)
	}
	w := workers(nBlocks, 3*float64(L)*math.Log2(float64(L)))
	tails := make([][]float64, w)
	tailAt := make([]int, w)
	err := parallelFor(ctx, nBlocks, w, func(wk, blo, bhi int) {
		t := realPlan(L)
		seg := make([]float64, L)
		spec := make([]complex128, L/2+1)
		ownEnd := bhi * B // full indices >= ownEnd belong to the next worker
		tail := make([]float64, M-1)
		tailAt[wk] = ownEnd
		for b := blo; b < bhi; b++ {
			if ctx.Err() != nil {
				return
			}
			start := b * B // full index of the block's first lag (-(M-1))
			if start+B+M-1 <= off || start >= off+n {
				continue
			}
			clear(seg)
			copy(seg, x[start:min(N, start+B)])
			t.Forward(spec, seg)
			for i := range spec {
				spec[i] *= H[i]
			}
			cc := seg
			t.Inverse(cc, spec)
			// Block output tt (full index start+tt) is cc[tt-(M-1)] wrapped
			// mod L; add the part inside the window, split where the wrap
			// and the destination change.
			ttLo, ttHi := max(0, off-start), min(B+M-1, off+n-start)
			for _, cut := range [][2]int{{ttLo, min(ttHi, M-1)}, {max(ttLo, M-1), ttHi}} {
				lo, hi := cut[0], cut[1]
				if lo >= hi {
					continue
				}
				src := cc[mod(lo-(M-1), L):]
				mid := min(hi, max(lo, ownEnd-start)) // [lo,mid) ours, [mid,hi) tail
				if lo < mid {
					floats.Add(out[start+lo-off:start+mid-off], src[:mid-lo])
				}
				if mid < hi {
					floats.Add(tail[start+mid-ownEnd:start+hi-ownEnd], src[mid-lo:hi-lo])
				}
			}
		}
		tails[wk] = tail
	})
	if err != nil {
		return err
	}
	for wk, tail := range tails {
		for i, v := range tail {
			if f := tailAt[wk] + i; f >= off && f < off+n {
				out[f-off] += v
			}
		}
	}
	return nil
}
