package signal

import (
	"context"
	"fmt"
	"math"

	"github.com/gokernel/gokernel/stdlib/session"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// NCCOptions configures NCCWith.
type NCCOptions struct {
	// Cosine selects the cosine form Σf·t/√(Σf²·Σt²), invariant to a
	// positive scaling of the image but not to an offset. The default is the
	// zero-mean (Pearson) form, invariant to a·f+b for a > 0.
	Cosine bool
	// Method computes the numerator: Auto (cost model), Direct or FFT. With
	// Direct, every window is also summed in two passes (exact reference).
	Method Method
}

// ZeroVarianceRatio is the cut-off below which a window counts as constant:
// a window whose variance is at most ZeroVarianceRatio times the largest
// squared deviation of the image from its mean (the largest squared value
// for the cosine form) gets the score 0, as does every window when the
// template is constant. The cut-off keeps scores of flat regions from being
// ratios of rounding errors. In other words, windows whose standard
// deviation is below 1e-6 of the image's largest deviation score 0: with an
// extreme outlier (a pixel a million window standard deviations away from
// the mean), or next to a region a million times brighter than their
// texture, ordinary windows fall under the cut too; clip or crop first.
const ZeroVarianceRatio = 1e-12

// NCC returns the zero-mean normalized cross-correlation of img with tpl,
//
//	γ(u,v) = Σ (f − f̄_uv)(t − t̄) / √(Σ (f − f̄_uv)² · Σ (t − t̄)²),
//
// the Pearson correlation between tpl and each tpl-sized window of img, on
// the 'valid' grid: (r−tr+1)x(c−tc+1), element (u,v) for the window whose
// top-left corner is img(u,v). Values lie in [−1, 1]; γ = 1 where the
// window is a·tpl+b with a > 0. Windows of zero variance (see
// ZeroVarianceRatio) and a constant template give 0. It panics with a
// ShapeError if tpl is larger than img. If the session is interrupted, NCC
// returns nil.
func NCC(img, tpl *mat.Dense) *mat.Dense {
	return NCCWith(img, tpl, NCCOptions{})
}

// NCCWith is NCC with options.
func NCCWith(img, tpl *mat.Dense, opt NCCOptions) *mat.Dense {
	m, _ := NCCContext(session.Context(), img, tpl, opt)
	return m
}

// NCCContext is NCCWith that stops when ctx is cancelled and then returns
// nil and ctx.Err().
//
// The numerator is the correlation of the image, centred on its global mean,
// with the zero-mean template (the window mean drops out because the
// template sums to zero), by FFT or directly as the cost model says. The
// window sums come from sliding sums along rows and then down columns of
// the centred image (not from an integral image), so their rounding errors
// stay relative to window-sized sums and a·img+b with a large b keeps its
// scores.
func NCCContext(ctx context.Context, img, tpl *mat.Dense, opt NCCOptions) (*mat.Dense, error) {
	ig, tg := gridOf(img), gridOf(tpl)
	if tg.r == 0 || tg.c == 0 {
		panic(ShapeError{"NCC", "empty template"})
	}
	if tg.r > ig.r || tg.c > ig.c {
		panic(ShapeError{"NCC", fmt.Sprintf("template %dx%d larger than image %dx%d", tg.r, tg.c, ig.r, ig.c)})
	}
	n := tg.r * tg.c
	// Template: zero-mean (or raw) copy and its energy.
	var tmean float64
	if !opt.Cosine {
		tmean = meanGrid(tg)
	}
	tc := grid{r: tg.r, c: tg.c, stride: tg.c, data: make([]float64, n)}
	var st float64
	for i := 0; i < tg.r; i++ {
		for j, v := range tg.row(i) {
			d := v - tmean
			tc.data[i*tg.c+j] = d
			st += d * d
		}
	}
	// Image: centred (or raw) copy and the scale for the zero-variance cut.
	var fmean float64
	if !opt.Cosine {
		fmean = meanGrid(ig)
	}
	fc := grid{r: ig.r, c: ig.c, stride: ig.c, data: getF64(ig.r * ig.c)}
	defer putF64(fc.data)
	w := workers(ig.r, float64(ig.c)*4)
	scales := make([]float64, w)
	parallelFor(ctx, ig.r, w, func(wk, lo, hi int) {
		var sc float64
		for i := lo; i < hi; i++ {
			dst := fc.row(i)
			for j, v := range ig.row(i) {
				d := v - fmean
				dst[j] = d
				if d*d > sc {
					sc = d * d
				}
			}
		}
		scales[wk] = sc
	})
	var scale float64
	for _, sc := range scales {
		scale = max(scale, sc)
	}
	ro, co := ig.r-tg.r+1, ig.c-tg.c+1
	out := mat.NewDense(ro, co, nil)
	og := gridOf(out)
	if st == 0 {
		return out, ctx.Err()
	}
	if opt.Method == Direct {
		if err := nccExact(ctx, og, fc, tc, opt.Cosine); err != nil {
			return nil, err
		}
		return out, nil
	}
	if err := corr2DInto(ctx, og, fc, tc, tg.r-1, tg.c-1, opt.Method); err != nil {
		return nil, err
	}
	r1, r2 := rowWindowSums(ctx, fc, tg.c)
	defer putF64(r1)
	defer putF64(r2)
	cut := ZeroVarianceRatio * float64(n) * scale
	inv := 1 / float64(n)
	err := parallelFor(ctx, ro, workers(ro, float64(co)*20), func(_, lo, hi int) {
		// Window sums slide down the columns: acc holds the sums of rows
		// i..i+tr-1 of the row-window sums.
		acc1, acc2 := make([]float64, co), make([]float64, co)
		for a := lo; a < lo+tg.r; a++ {
			floats.Add(acc1, r1[a*co:(a+1)*co])
			floats.Add(acc2, r2[a*co:(a+1)*co])
		}
		for i := lo; i < hi; i++ {
			if i > lo {
				in1, out1 := r1[(i+tg.r-1)*co:(i+tg.r)*co], r1[(i-1)*co:i*co]
				in2, out2 := r2[(i+tg.r-1)*co:(i+tg.r)*co], r2[(i-1)*co:i*co]
				for j := range acc1 {
					acc1[j] += in1[j] - out1[j]
					acc2[j] += in2[j] - out2[j]
				}
			}
			orow := og.row(i)
			a, b := acc1[:len(orow)], acc2[:len(orow)]
			for j := range orow {
				v := b[j]
				if !opt.Cosine {
					v -= a[j] * a[j] * inv
				}
				if v <= cut {
					orow[j] = 0
					continue
				}
				orow[j] = clamp1(orow[j] / math.Sqrt(v*st))
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func clamp1(g float64) float64 {
	if g > 1 {
		return 1
	}
	if g < -1 {
		return -1
	}
	return g
}

func meanGrid(g grid) float64 {
	var s float64
	for i := 0; i < g.r; i++ {
		for _, v := range g.row(i) {
			s += v
		}
	}
	return s / float64(g.r*g.c)
}

// rowWindowSums returns, row-major f.r x (f.c−tc+1), the sums of every
// run of tc consecutive values of each row of f and of their squares, by
// sliding sums (pooled buffers: the caller puts them back).
func rowWindowSums(ctx context.Context, f grid, tc int) (r1, r2 []float64) {
	co := f.c - tc + 1
	r1, r2 = getF64(f.r*co), getF64(f.r*co)
	parallelFor(ctx, f.r, workers(f.r, float64(f.c)*4), func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			row := f.row(i)
			var a, b float64
			for j := 0; j < tc; j++ {
				a += row[j]
				b += row[j] * row[j]
			}
			o1, o2 := r1[i*co:(i+1)*co], r2[i*co:(i+1)*co]
			o1[0], o2[0] = a, b
			for j := 1; j < co; j++ {
				in, out := row[j+tc-1], row[j-1]
				a += in - out
				b += in*in - out*out
				o1[j], o2[j] = a, b
			}
		}
	})
	return r1, r2
}
