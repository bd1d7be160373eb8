package signal

import (
	"context"
	"fmt"
	"math"

	"github.com/gokernel/gokernel/stdlib/session"
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
// ratios of rounding errors.
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
// window sums come from sliding sums along rows and then columns of the
// centred image, whose rounding errors stay relative to window-sized sums,
// so a·img+b with a large b keeps its scores.
func NCCContext(ctx context.Context, img, tpl *mat.Dense, opt NCCOptions) (*mat.Dense, error) {
	ig, tg := gridOf(img), gridOf(tpl)
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
	fc := grid{r: ig.r, c: ig.c, stride: ig.c, data: make([]float64, ig.r*ig.c)}
	var scale float64
	for i := 0; i < ig.r; i++ {
		for j, v := range ig.row(i) {
			d := v - fmean
			fc.data[i*ig.c+j] = d
			if d*d > scale {
				scale = d * d
			}
		}
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
	s1, s2 := windowSums(fc, tg.r, tg.c)
	cut := ZeroVarianceRatio * float64(n) * scale
	inv := 1 / float64(n)
	err := parallelFor(ctx, ro, workers(ro, float64(co)*20), func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			orow := og.row(i)
			a, b := s1[i*co:(i+1)*co][:len(orow)], s2[i*co:(i+1)*co][:len(orow)]
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

// windowSums returns, for every valid tr x tc window of f (row-major,
// (r−tr+1)x(c−tc+1)), the sum of its values and of their squares, by
// sliding sums along each row and then down each column.
func windowSums(f grid, tr, tc int) (s1, s2 []float64) {
	co := f.c - tc + 1
	ro := f.r - tr + 1
	r1 := make([]float64, f.r*co) // row-window sums
	r2 := make([]float64, f.r*co)
	for i := 0; i < f.r; i++ {
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
	s1 = make([]float64, ro*co)
	s2 = make([]float64, ro*co)
	acc1, acc2 := s1[:co], s2[:co]
	for i := 0; i < tr; i++ {
		for j := 0; j < co; j++ {
			acc1[j] += r1[i*co+j]
			acc2[j] += r2[i*co+j]
		}
	}
	for i := 1; i < ro; i++ {
		p1, p2 := s1[(i-1)*co:i*co], s2[(i-1)*co:i*co]
		c1, c2 := s1[i*co:(i+1)*co], s2[i*co:(i+1)*co]
		in1, in2 := r1[(i+tr-1)*co:(i+tr)*co], r2[(i+tr-1)*co:(i+tr)*co]
		out1, out2 := r1[(i-1)*co:i*co], r2[(i-1)*co:i*co]
		for j := range c1 {
			c1[j] = p1[j] + in1[j] - out1[j]
			c2[j] = p2[j] + in2[j] - out2[j]
		}
	}
	return s1, s2
}
