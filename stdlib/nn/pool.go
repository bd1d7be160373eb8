package nn

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// MaxPool2D takes the maximum of every size×size window of each channel,
// the windows placed stride pixels apart: C×H×W in, C×OH×OW out. Made by
// NewMaxPool2D it pools without padding ("valid", Keras's default):
// OH = ⌊(H−size)/stride⌋+1, and rows or columns the last window does not
// reach are ignored. Made by NewMaxPool2DSame it pools with "same"
// padding: OH = ⌈H/stride⌉ (see NewMaxPool2DSame). Backward routes each
// output gradient to the input position that held the maximum (the first
// one in row-major order on ties; a NaN in a window wins, so it
// propagates). It has no parameters.
type MaxPool2D struct {
	// Serial, when set, keeps every pass on the calling goroutine instead
	// of splitting the batch over two (see the package documentation).
	Serial bool

	g     convGeom
	same  bool // made by NewMaxPool2DSame
	pad   padding
	idx   []int32 // per output value of the last Forward: offset of the max in its sample
	a, dx buffer
	n     int

	// Passes over samples are split over two goroutines (see splitter).
	x, dy        *mat.Dense
	sp           splitter
	fwdFn, bwdFn func(lo, hi int)
}

// NewMaxPool2D returns max pooling of c channels of h×w pixels with square
// windows of the given size and stride (stride = size for the usual
// non-overlapping pooling).
func NewMaxPool2D(c, h, w, size, stride int) *MaxPool2D {
	return &MaxPool2D{g: newConvGeom("NewMaxPool2D", c, h, w, size, stride, 0)}
}

// InShape returns the shape of one input sample: channels, height, width.
func (p *MaxPool2D) InShape() (ch, h, w int) { return p.g.c, p.g.h, p.g.w }

// OutShape returns the shape of one output sample: channels, height, width.
func (p *MaxPool2D) OutShape() (ch, h, w int) { return p.g.c, p.g.oh, p.g.ow }

// Window returns the window size and the stride.
func (p *MaxPool2D) Window() (size, stride int) { return p.g.k, p.g.s }

// InSize returns C·H·W.
func (p *MaxPool2D) InSize() int { return p.g.inLen() }

// OutSize returns C·OH·OW.
func (p *MaxPool2D) OutSize() int { return p.g.c * p.g.outArea() }

// Params returns nil: pooling has no parameters.
func (p *MaxPool2D) Params() []*Param { return nil }

// Out returns the output of the last Forward, or nil before the first.
func (p *MaxPool2D) Out() *mat.Dense { return p.a.m }

// String describes the layer, for example
// "MaxPool2D(16×28×28 -> 16×14×14, 2×2, stride 2)", with ", same" before
// the closing parenthesis for a layer made by NewMaxPool2DSame.
func (p *MaxPool2D) String() string {
	mode := ""
	if p.same {
		mode = ", same"
	}
	return fmt.Sprintf("MaxPool2D(%d×%d×%d -> %d×%d×%d, %d×%d, stride %d%s)",
		p.g.c, p.g.h, p.g.w, p.g.c, p.g.oh, p.g.ow, p.g.k, p.g.k, p.g.s, mode)
}

// Forward returns the window maxima of every sample of x (batch × C·H·W)
// in a layer-owned buffer (batch × C·OH·OW) valid until the next Forward.
func (p *MaxPool2D) Forward(x *mat.Dense) *mat.Dense {
	n, in := x.Dims()
	if in != p.InSize() {
		panic(mat.ErrShape)
	}
	out := p.OutSize()
	a := p.a.ensure(n, out)
	if cap(p.idx) < n*out {
		p.idx = make([]int32, n*out)
	}
	p.idx = p.idx[:n*out]
	p.n = n
	p.x = x
	if p.fwdFn == nil {
		p.fwdFn, p.bwdFn = p.forwardRange, p.backwardRange
	}
	if p.Serial {
		p.fwdFn(0, n)
	} else {
		p.sp.split(n, n*p.InSize(), p.fwdFn)
	}
	p.x = nil
	return a
}

// forwardRange runs Forward on samples [lo, hi).
func (p *MaxPool2D) forwardRange(lo, hi int) {
	if p.pad.any() {
		p.forwardPadded(lo, hi)
		return
	}
	x, a, out := p.x, p.a.m, p.OutSize()
	g := &p.g
	for s := lo; s < hi; s++ {
		xr := x.RawRowView(s)
		ar := a.RawRowView(s)[:out]
		ir := p.idx[s*out : (s+1)*out]
		if g.k == 2 && g.s == 2 {
			pool22(g, ar, ir, xr)
			continue
		}
		o := 0
		for c := 0; c < g.c; c++ {
			base := c * g.h * g.w
			for oy := 0; oy < g.oh; oy++ {
				for ox := 0; ox < g.ow; ox++ {
					top := base + oy*g.s*g.w + ox*g.s
					best, at := xr[top], top
					for ky := 0; ky < g.k; ky++ {
						r := top + ky*g.w
						for kx := 0; kx < g.k; kx++ {
							if v := xr[r+kx]; v > best || (v != v && best == best) {
								best, at = v, r+kx
							}
						}
					}
					ar[o], ir[o] = best, int32(at)
					o++
				}
			}
		}
	}
}

// pool22 is Forward for one sample with 2×2 windows and stride 2.
func pool22(g *convGeom, ar []float64, ir []int32, xr []float64) {
	o := 0
	for c := 0; c < g.c; c++ {
		base := c * g.h * g.w
		for oy := 0; oy < g.oh; oy++ {
			r0 := base + 2*oy*g.w
			top := xr[r0 : r0+2*g.ow]
			bot := xr[r0+g.w : r0+g.w+2*g.ow]
			dst := ar[o : o+g.ow]
			idx := ir[o : o+g.ow]
			for ox := range dst {
				i := 2 * ox
				a, b, c, d := top[i], top[i+1], bot[i], bot[i+1]
				// The value by max, which propagates NaN and compiles
				// without branches; the index as the first position holding
				// it, by integer selects the compiler turns into
				// conditional moves (a NaN window routes to its last pixel).
				m := max(a, b, c, d)
				at := r0 + g.w + i + 1
				if c == m {
					at = r0 + g.w + i
				}
				if b == m {
					at = r0 + i + 1
				}
				if a == m {
					at = r0 + i
				}
				dst[ox], idx[ox] = m, int32(at)
			}
			o += g.ow
		}
	}
}

// Backward takes dy = dLoss/dOut for the last Forward and returns dLoss/dx
// in a layer-owned buffer: each dy value added at its window's argmax, zero
// elsewhere.
func (p *MaxPool2D) Backward(dy *mat.Dense) *mat.Dense {
	if p.a.m == nil {
		panic("nn: MaxPool2D.Backward called before Forward")
	}
	sameShape(dy, p.a.m)
	dx := p.dx.ensure(p.n, p.InSize())
	p.dy = dy
	if p.Serial {
		p.bwdFn(0, p.n)
	} else {
		p.sp.split(p.n, p.n*p.InSize(), p.bwdFn)
	}
	p.dy = nil
	return dx
}

// backwardRange runs Backward on samples [lo, hi).
func (p *MaxPool2D) backwardRange(lo, hi int) {
	dy, dx, out := p.dy, p.dx.m, p.OutSize()
	for s := lo; s < hi; s++ {
		dr := dy.RawRowView(s)[:out]
		xr := dx.RawRowView(s)
		clear(xr)
		ir := p.idx[s*out : (s+1)*out]
		ir = ir[:len(dr)]
		for o, g := range dr {
			xr[ir[o]] += g
		}
	}
}
