package nn

import "fmt"

// padding is the implicit border of a "same" pooling layer: rows above and
// below, columns left and right of the image. Padded positions never win a
// window's maximum.
type padding struct {
	top, bottom, left, right int
}

// any reports whether there is any padding at all.
func (q padding) any() bool { return q.top|q.bottom|q.left|q.right != 0 }

// samePad returns the output length of "same" pooling over in positions
// with windows of size k moved by stride s, ⌈in/s⌉, and the padding before
// and after: the total max((out−1)·s + k − in, 0) split with the smaller
// half before, as TensorFlow does.
func samePad(in, k, s int) (out, before, after int) {
	out = (in + s - 1) / s
	total := max((out-1)*s+k-in, 0)
	before = total / 2
	return out, before, total - before
}

// NewMaxPool2DSame returns max pooling of c channels of h×w pixels with
// square windows of the given size and stride and "same" padding, as
// Keras's MaxPooling2D(padding='same') and TensorFlow's SAME: the output is
// ⌈h/stride⌉×⌈w/stride⌉, so that every pixel lies in some window (7×7
// pooled 2×2 gives 4×4, where NewMaxPool2D gives 3×3). Along each axis the
// image is padded by max((out−1)·stride + size − in, 0) positions in all,
// the smaller half before and the larger after; padded positions never win,
// so every window takes the maximum over its pixels inside the image (each
// window holds at least one). When no padding is needed (h and w
// divisible by stride = size, for instance) the layer computes exactly
// what NewMaxPool2D's does. Padding reports the split, String shows
// "same", and Window and Backward keep their meaning.
func NewMaxPool2DSame(c, h, w, size, stride int) *MaxPool2D {
	if c <= 0 || h <= 0 || w <= 0 || size <= 0 || stride <= 0 {
		panic(fmt.Sprintf("nn: NewMaxPool2DSame: channels %d, size %d×%d, window %d, stride %d: all must be positive", c, h, w, size, stride))
	}
	g := convGeom{c: c, h: h, w: w, k: size, s: stride}
	var q padding
	g.oh, q.top, q.bottom = samePad(h, size, stride)
	g.ow, q.left, q.right = samePad(w, size, stride)
	return &MaxPool2D{g: g, same: true, pad: q}
}

// Same reports whether the layer pools with "same" padding (made by
// NewMaxPool2DSame) rather than without padding (NewMaxPool2D).
func (p *MaxPool2D) Same() bool { return p.same }

// Padding returns the implicit padding of a "same" layer: rows above and
// below the image, columns left and right of it (all zero for a layer made
// by NewMaxPool2D, or when the sizes need none).
func (p *MaxPool2D) Padding() (top, bottom, left, right int) {
	return p.pad.top, p.pad.bottom, p.pad.left, p.pad.right
}

// forwardPadded is forwardRange for a layer with padding: each window is
// clipped to the image before taking its maximum.
func (p *MaxPool2D) forwardPadded(lo, hi int) {
	x, a, out := p.x, p.a.m, p.OutSize()
	g := &p.g
	for s := lo; s < hi; s++ {
		xr := x.RawRowView(s)[:g.inLen()]
		ar := a.RawRowView(s)[:out]
		ir := p.idx[s*out : (s+1)*out]
		o := 0
		for c := 0; c < g.c; c++ {
			base := c * g.h * g.w
			for oy := 0; oy < g.oh; oy++ {
				y0 := oy*g.s - p.pad.top
				y1 := min(y0+g.k, g.h)
				y0 = max(y0, 0)
				for ox := 0; ox < g.ow; ox++ {
					x0 := ox*g.s - p.pad.left
					x1 := min(x0+g.k, g.w)
					x0 = max(x0, 0)
					at := base + y0*g.w + x0
					best := xr[at]
					for y := y0; y < y1; y++ {
						row := base + y*g.w
						for i := row + x0; i < row+x1; i++ {
							if v := xr[i]; v > best || (v != v && best == best) {
								best, at = v, i
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
