package signal

import (
	"context"
	"math"
)

// nccExact computes every window of the NCC from its definition, in two
// passes per window (window mean, then centred sums): the float64 reference
// that the fast path is tested against. f is the centred image and t the
// zero-mean template (raw ones for the cosine form).
func nccExact(ctx context.Context, out, f, t grid, cosine bool) error {
	n := float64(t.r * t.c)
	var st, scale float64
	for i := 0; i < t.r; i++ {
		for _, v := range t.row(i) {
			st += v * v
		}
	}
	for i := 0; i < f.r; i++ {
		for _, v := range f.row(i) {
			scale = math.Max(scale, v*v)
		}
	}
	cut := ZeroVarianceRatio * n * scale
	w := workers(out.r, float64(out.c)*3*n)
	return parallelFor(ctx, out.r, w, func(_, lo, hi int) {
		for u := lo; u < hi; u++ {
			if ctx.Err() != nil {
				return
			}
			orow := out.row(u)
			for v := range orow {
				var mean float64
				if !cosine {
					for a := 0; a < t.r; a++ {
						for _, x := range f.row(u + a)[v : v+t.c] {
							mean += x
						}
					}
					mean /= n
				}
				var num, sf float64
				for a := 0; a < t.r; a++ {
					trow := t.row(a)
					for b, x := range f.row(u + a)[v : v+t.c] {
						d := x - mean
						num += d * trow[b]
						sf += d * d
					}
				}
				if sf <= cut {
					orow[v] = 0
					continue
				}
				orow[v] = clamp1(num / math.Sqrt(sf*st))
			}
		}
	})
}
