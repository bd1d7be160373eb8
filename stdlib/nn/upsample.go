package nn

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Upsample enlarges every channel by an integer factor with nearest-
// neighbour interpolation: out[c][y][x] = in[c][⌊y/f⌋][⌊x/f⌋], C×H×W in,
// C×(f·H)×(f·W) out. Backward sums the gradient of each f×f block. It has
// no parameters.
type Upsample struct {
	c, h, w, f int
	a, dx      buffer
	n          int
}

// NewUpsample returns nearest-neighbour upsampling of c channels of h×w
// pixels by factor.
func NewUpsample(c, h, w, factor int) *Upsample {
	if c <= 0 || h <= 0 || w <= 0 || factor <= 0 {
		panic(fmt.Sprintf("nn: NewUpsample(%d, %d, %d, %d): sizes must be positive", c, h, w, factor))
	}
	return &Upsample{c: c, h: h, w: w, f: factor}
}

// InShape returns the shape of one input sample: channels, height, width.
func (u *Upsample) InShape() (ch, h, w int) { return u.c, u.h, u.w }

// OutShape returns the shape of one output sample: channels, height, width.
func (u *Upsample) OutShape() (ch, h, w int) { return u.c, u.f * u.h, u.f * u.w }

// Factor returns the upsampling factor.
func (u *Upsample) Factor() int { return u.f }

// InSize returns C·H·W.
func (u *Upsample) InSize() int { return u.c * u.h * u.w }

// OutSize returns C·fH·fW.
func (u *Upsample) OutSize() int { return u.c * u.h * u.w * u.f * u.f }

// Params returns nil: upsampling has no parameters.
func (u *Upsample) Params() []*Param { return nil }

// Out returns the output of the last Forward, or nil before the first.
func (u *Upsample) Out() *mat.Dense { return u.a.m }

// String describes the layer, for example "Upsample(8×7×7 -> 8×14×14, nearest ×2)".
func (u *Upsample) String() string {
	return fmt.Sprintf("Upsample(%d×%d×%d -> %d×%d×%d, nearest ×%d)", u.c, u.h, u.w, u.c, u.f*u.h, u.f*u.w, u.f)
}

// Forward upsamples every sample of x (batch × C·H·W) into a layer-owned
// buffer (batch × C·fH·fW) valid until the next Forward.
func (u *Upsample) Forward(x *mat.Dense) *mat.Dense {
	n, in := x.Dims()
	if in != u.InSize() {
		panic(mat.ErrShape)
	}
	u.n = n
	a := u.a.ensure(n, u.OutSize())
	ow := u.f * u.w
	for s := 0; s < n; s++ {
		xr, ar := x.RawRowView(s), a.RawRowView(s)
		o := 0
		for r := 0; r < u.c*u.h; r++ { // input rows of all channels in turn
			src := xr[r*u.w : (r+1)*u.w]
			first := ar[o : o+ow]
			for j, v := range src {
				for k := 0; k < u.f; k++ {
					first[j*u.f+k] = v
				}
			}
			o += ow
			for k := 1; k < u.f; k++ {
				copy(ar[o:o+ow], first)
				o += ow
			}
		}
	}
	return a
}

// Backward takes dy = dLoss/dOut for the last Forward and returns dLoss/dx,
// the sum of each f×f block of dy, in a layer-owned buffer.
func (u *Upsample) Backward(dy *mat.Dense) *mat.Dense {
	if u.a.m == nil {
		panic("nn: Upsample.Backward called before Forward")
	}
	sameShape(dy, u.a.m)
	dx := u.dx.ensure(u.n, u.InSize())
	ow := u.f * u.w
	for s := 0; s < u.n; s++ {
		dr, xr := dy.RawRowView(s), dx.RawRowView(s)
		o := 0
		for r := 0; r < u.c*u.h; r++ {
			d := xr[r*u.w : (r+1)*u.w]
			clear(d)
			for k := 0; k < u.f; k++ {
				src := dr[o : o+ow]
				for j := range d {
					var t float64
					for i := 0; i < u.f; i++ {
						t += src[j*u.f+i]
					}
					d[j] += t
				}
				o += ow
			}
		}
	}
	return dx
}
