package nn

import "fmt"

// ConvOutSize returns the output length of a convolution (or pooling)
// window of size k moved with the given stride over in positions padded by
// pad zeros on each side: ⌊(in + 2·pad − k)/stride⌋ + 1. It returns 0 or
// less when the window does not fit.
func ConvOutSize(in, k, stride, pad int) int {
	if in+2*pad < k {
		return 0
	}
	return (in+2*pad-k)/stride + 1
}

// ConvTransposeOutSize returns the output length of a transposed
// convolution: stride·(in − 1) + k − 2·pad + outPad.
func ConvTransposeOutSize(in, k, stride, pad, outPad int) int {
	return stride*(in-1) + k - 2*pad + outPad
}

// convGeom is the geometry of a 2-D cross-correlation with a square kernel
// of one sample: c input channels of h×w pixels, kernel k×k, stride s,
// zero padding p, output oh×ow per output channel. Its im2col matrix has
// c·k·k rows (channel, kernel row, kernel column) and oh·ow columns per
// sample.
type convGeom struct {
	c, h, w int
	k, s, p int
	oh, ow  int
}

// newConvGeom checks the sizes and returns the geometry; op names the
// caller for the panic message.
func newConvGeom(op string, c, h, w, k, s, p int) convGeom {
	if c <= 0 || h <= 0 || w <= 0 || k <= 0 || s <= 0 || p < 0 {
		panic(fmt.Sprintf("nn: %s: channels %d, size %d×%d, kernel %d, stride %d, padding %d: sizes must be positive, padding ≥ 0", op, c, h, w, k, s, p))
	}
	g := convGeom{c: c, h: h, w: w, k: k, s: s, p: p}
	g.oh = ConvOutSize(h, k, s, p)
	g.ow = ConvOutSize(w, k, s, p)
	if g.oh <= 0 || g.ow <= 0 {
		panic(fmt.Sprintf("nn: %s: kernel %d does not fit a %d×%d input with padding %d", op, k, h, w, p))
	}
	return g
}

// rows returns the number of rows of the im2col matrix, c·k·k.
func (g *convGeom) rows() int { return g.c * g.k * g.k }

// outArea returns oh·ow.
func (g *convGeom) outArea() int { return g.oh * g.ow }

// inLen returns c·h·w, the length of one input sample.
func (g *convGeom) inLen() int { return g.c * g.h * g.w }

// span returns the range [lo, hi) of output columns ox whose input column
// ox·s + kx − p lies inside [0, w), for kernel column kx.
func (g *convGeom) span(kx int) (lo, hi int) {
	// ox·s + kx − p ≥ 0  ⇔  ox ≥ ⌈(p − kx)/s⌉
	if d := g.p - kx; d > 0 {
		lo = (d + g.s - 1) / g.s
	}
	// ox·s + kx − p ≤ w − 1  ⇔  ox ≤ ⌊(w − 1 − kx + p)/s⌋
	if d := g.w - 1 - kx + g.p; d >= 0 {
		hi = min(d/g.s+1, g.ow)
	}
	return lo, max(lo, hi)
}

// im2col writes the im2col matrix of one sample x (c×h×w) into col, a
// row-major matrix with leading dimension ld, at column offset off: entry
// (row (ci,ky,kx), column oy·ow+ox) is x[ci][oy·s+ky−p][ox·s+kx−p], or 0
// where that falls into the padding.
func (g *convGeom) im2col(col []float64, ld, off int, x []float64) {
	area := g.outArea()
	r := 0
	for ci := 0; ci < g.c; ci++ {
		plane := x[ci*g.h*g.w : (ci+1)*g.h*g.w]
		for ky := 0; ky < g.k; ky++ {
			for kx := 0; kx < g.k; kx++ {
				dst := col[r*ld+off : r*ld+off+area]
				r++
				lo, hi := g.span(kx)
				for oy := 0; oy < g.oh; oy++ {
					d := dst[oy*g.ow : (oy+1)*g.ow]
					iy := oy*g.s + ky - g.p
					if iy < 0 || iy >= g.h || lo >= hi {
						clear(d)
						continue
					}
					clear(d[:lo])
					clear(d[hi:])
					src := plane[iy*g.w:]
					if g.s == 1 {
						copy(d[lo:hi], src[lo+kx-g.p:hi+kx-g.p])
						continue
					}
					ix := lo*g.s + kx - g.p
					for ox := lo; ox < hi; ox++ {
						d[ox] = src[ix]
						ix += g.s
					}
				}
			}
		}
	}
}

// col2im is the adjoint of im2col: it ADDS every entry of the im2col-shaped
// matrix col (leading dimension ld, column offset off) into the input
// position it was read from, dx (c×h×w). Entries of the padding are
// dropped.
func (g *convGeom) col2im(dx []float64, col []float64, ld, off int) {
	area := g.outArea()
	r := 0
	for ci := 0; ci < g.c; ci++ {
		plane := dx[ci*g.h*g.w : (ci+1)*g.h*g.w]
		for ky := 0; ky < g.k; ky++ {
			for kx := 0; kx < g.k; kx++ {
				src := col[r*ld+off : r*ld+off+area]
				r++
				lo, hi := g.span(kx)
				if lo >= hi {
					continue
				}
				for oy := 0; oy < g.oh; oy++ {
					iy := oy*g.s + ky - g.p
					if iy < 0 || iy >= g.h {
						continue
					}
					s := src[oy*g.ow : (oy+1)*g.ow]
					d := plane[iy*g.w:]
					if g.s == 1 {
						d = d[lo+kx-g.p : hi+kx-g.p]
						s = s[lo:hi]
						for j, v := range s {
							d[j] += v
						}
						continue
					}
					ix := lo*g.s + kx - g.p
					for ox := lo; ox < hi; ox++ {
						d[ix] += s[ox]
						ix += g.s
					}
				}
			}
		}
	}
}

// chunkTarget is the number of float64 values an im2col chunk aims at
// (about 512 KiB), so that the chunk stays in the L2 cache between its
// construction and its product.
var chunkTarget = 1 << 16

// chunkSamples returns how many samples of perSample im2col values each
// make one chunk, between 1 and batch.
func chunkSamples(perSample, batch int) int {
	n := chunkTarget / max(perSample, 1)
	return max(1, min(n, batch))
}
