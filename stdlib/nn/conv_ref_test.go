package nn_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

// Direct (loop) definitions of the convolution layers, written from the
// formulas in the documentation, against which the im2col+GEMM layers are
// checked.

// convGeometry is one test case of a square-kernel convolution.
type convGeometry struct {
	inC, h, w, outC, k, s, p int
}

// refConv returns the cross-correlation of one sample x (inC×h×w) with wt
// (outC × inC·k·k) plus bias b, before the activation.
func refConv(g convGeometry, x, wt, b []float64) []float64 {
	oh, ow := nn.ConvOutSize(g.h, g.k, g.s, g.p), nn.ConvOutSize(g.w, g.k, g.s, g.p)
	out := make([]float64, g.outC*oh*ow)
	for o := 0; o < g.outC; o++ {
		for y := 0; y < oh; y++ {
			for xx := 0; xx < ow; xx++ {
				sum := b[o]
				for c := 0; c < g.inC; c++ {
					for ky := 0; ky < g.k; ky++ {
						for kx := 0; kx < g.k; kx++ {
							iy, ix := y*g.s+ky-g.p, xx*g.s+kx-g.p
							if iy < 0 || iy >= g.h || ix < 0 || ix >= g.w {
								continue
							}
							sum += wt[o*g.inC*g.k*g.k+(c*g.k+ky)*g.k+kx] * x[(c*g.h+iy)*g.w+ix]
						}
					}
				}
				out[(o*oh+y)*ow+xx] = sum
			}
		}
	}
	return out
}

// refConvT returns the transposed convolution of one sample x (inC×h×w)
// with wt (inC × outC·k·k) plus bias b, output padding op, before the
// activation: every input pixel scatters its weighted kernel.
func refConvT(g convGeometry, op int, x, wt, b []float64) []float64 {
	oh := nn.ConvTransposeOutSize(g.h, g.k, g.s, g.p, op)
	ow := nn.ConvTransposeOutSize(g.w, g.k, g.s, g.p, op)
	out := make([]float64, g.outC*oh*ow)
	for o := 0; o < g.outC; o++ {
		for i := 0; i < oh*ow; i++ {
			out[o*oh*ow+i] = b[o]
		}
	}
	for c := 0; c < g.inC; c++ {
		for i := 0; i < g.h; i++ {
			for j := 0; j < g.w; j++ {
				v := x[(c*g.h+i)*g.w+j]
				for o := 0; o < g.outC; o++ {
					for ky := 0; ky < g.k; ky++ {
						for kx := 0; kx < g.k; kx++ {
							y, xx := i*g.s+ky-g.p, j*g.s+kx-g.p
							if y < 0 || y >= oh || xx < 0 || xx >= ow {
								continue
							}
							out[(o*oh+y)*ow+xx] += v * wt[c*g.outC*g.k*g.k+(o*g.k+ky)*g.k+kx]
						}
					}
				}
			}
		}
	}
	return out
}

// maxAbsDiff returns max |a_i − b_i|.
func maxAbsDiff(a, b []float64) float64 {
	var d float64
	for i := range a {
		d = math.Max(d, math.Abs(a[i]-b[i]))
	}
	return d
}

var convCases = []convGeometry{
	{inC: 1, h: 6, w: 6, outC: 2, k: 3, s: 1, p: 0},
	{inC: 2, h: 6, w: 6, outC: 3, k: 3, s: 1, p: 1},
	{inC: 2, h: 7, w: 5, outC: 2, k: 3, s: 2, p: 1},
	{inC: 3, h: 8, w: 8, outC: 2, k: 2, s: 2, p: 0},
	{inC: 1, h: 9, w: 7, outC: 2, k: 5, s: 3, p: 2},
	{inC: 2, h: 5, w: 6, outC: 1, k: 1, s: 1, p: 0},
}

// TestConv2DMatchesDirect compares Forward (im2col + GEMM, in chunks of
// samples) with the direct sum, for every activation and several
// geometries, on a batch large enough to use several chunks.
func TestConv2DMatchesDirect(t *testing.T) {
	rng := rand.New(rand.NewPCG(40, 1))
	defer nn.SetChunkTarget(nn.SetChunkTarget(200))
	for _, g := range convCases {
		for _, act := range activations {
			c := nn.NewConv2D(g.inC, g.h, g.w, g.outC, g.k, g.s, g.p, act, rng)
			b := randDense(rng, 1, g.outC, -0.5, 0.5)
			c.B.Copy(b)
			x := randDense(rng, 5, c.InSize(), -1, 1)
			out := c.Forward(x)
			for s := 0; s < 5; s++ {
				want := refConv(g, x.RawRowView(s), c.W.RawMatrix().Data, c.B.RawRowView(0))
				for i := range want {
					want[i] = act.Value(want[i])
				}
				if d := maxAbsDiff(out.RawRowView(s), want); d > 1e-13 {
					t.Errorf("%+v %v sample %d: max difference %g from the direct sum", g, act, s, d)
				}
			}
		}
	}
}

// TestConvTranspose2DMatchesDirect compares Forward with the direct scatter.
func TestConvTranspose2DMatchesDirect(t *testing.T) {
	rng := rand.New(rand.NewPCG(40, 2))
	defer nn.SetChunkTarget(nn.SetChunkTarget(200))
	for _, g := range convCases {
		for op := 0; op < g.s; op++ {
			for _, act := range []nn.Activation{nn.Identity, nn.Sigmoid, nn.ReLU} {
				c := nn.NewConvTranspose2D(g.inC, g.h, g.w, g.outC, g.k, g.s, g.p, op, act, rng)
				c.B.Copy(randDense(rng, 1, g.outC, -0.5, 0.5))
				x := randDense(rng, 4, c.InSize(), -1, 1)
				out := c.Forward(x)
				for s := 0; s < 4; s++ {
					want := refConvT(g, op, x.RawRowView(s), c.W.RawMatrix().Data, c.B.RawRowView(0))
					for i := range want {
						want[i] = act.Value(want[i])
					}
					if d := maxAbsDiff(out.RawRowView(s), want); d > 1e-13 {
						t.Errorf("%+v outpad %d %v sample %d: max difference %g from the direct scatter", g, op, act, s, d)
					}
				}
			}
		}
	}
}

// TestConvOutputSizes checks the size formulas and the shapes the layers
// report.
func TestConvOutputSizes(t *testing.T) {
	for _, c := range []struct{ in, k, s, p, want int }{
		{28, 3, 1, 1, 28}, {28, 3, 1, 0, 26}, {28, 3, 2, 1, 14}, {28, 2, 2, 0, 14},
		{7, 2, 2, 0, 3}, {5, 5, 1, 0, 1}, {6, 3, 3, 0, 2}, {32, 5, 2, 2, 16},
	} {
		if got := nn.ConvOutSize(c.in, c.k, c.s, c.p); got != c.want {
			t.Errorf("ConvOutSize(%d, %d, %d, %d) = %d, want %d", c.in, c.k, c.s, c.p, got, c.want)
		}
	}
	for _, c := range []struct{ in, k, s, p, op, want int }{
		{7, 3, 2, 1, 1, 14}, {7, 2, 2, 0, 0, 14}, {14, 4, 2, 1, 0, 28}, {3, 3, 1, 0, 0, 5}, {4, 3, 2, 0, 0, 9},
	} {
		if got := nn.ConvTransposeOutSize(c.in, c.k, c.s, c.p, c.op); got != c.want {
			t.Errorf("ConvTransposeOutSize(%d, %d, %d, %d, %d) = %d, want %d", c.in, c.k, c.s, c.p, c.op, got, c.want)
		}
	}
	rng := rand.New(rand.NewPCG(1, 1))
	conv := nn.NewConv2D(1, 28, 28, 16, 3, 2, 1, nn.ReLU, rng)
	if c, h, w := conv.OutShape(); c != 16 || h != 14 || w != 14 || conv.OutSize() != 16*14*14 || conv.InSize() != 784 {
		t.Errorf("Conv2D out shape %d×%d×%d (size %d), want 16×14×14", c, h, w, conv.OutSize())
	}
	ct := nn.NewConvTranspose2D(8, 7, 7, 16, 3, 2, 1, 1, nn.ReLU, rng)
	if c, h, w := ct.OutShape(); c != 16 || h != 14 || w != 14 || ct.InSize() != 8*49 {
		t.Errorf("ConvTranspose2D out shape %d×%d×%d, want 16×14×14", c, h, w)
	}
	pool := nn.NewMaxPool2D(16, 28, 28, 2, 2)
	if c, h, w := pool.OutShape(); c != 16 || h != 14 || w != 14 {
		t.Errorf("MaxPool2D out shape %d×%d×%d, want 16×14×14", c, h, w)
	}
	if c, h, w := nn.NewMaxPool2D(8, 7, 7, 3, 2).OutShape(); c != 8 || h != 3 || w != 3 {
		t.Errorf("MaxPool2D(7, size 3, stride 2) out shape %d×%d×%d, want 8×3×3", c, h, w)
	}
	up := nn.NewUpsample(8, 7, 5, 3)
	if c, h, w := up.OutShape(); c != 8 || h != 21 || w != 15 || up.OutSize() != 8*21*15 {
		t.Errorf("Upsample out shape %d×%d×%d, want 8×21×15", c, h, w)
	}
	// Weight sharing: the parameter count does not depend on the image size.
	for _, size := range []int{6, 28, 100} {
		c := nn.NewConv2D(1, size, size, 2, 3, 1, 0, nn.Sigmoid, rng)
		if n := nn.NumParams(c.Params()); n != 2*(9+1) {
			t.Errorf("Conv2D on %d×%d has %d parameters, want K(m²+1) = 20", size, size, n)
		}
	}
}

// TestConvPanicsOnBadShapes checks that shape errors are programmer errors.
func TestConvPanicsOnBadShapes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for name, f := range map[string]func(){
		"forward width":  func() { nn.NewConv2D(1, 6, 6, 2, 3, 1, 0, nn.ReLU, rng).Forward(mat.NewDense(2, 35, nil)) },
		"kernel too big": func() { nn.NewConv2D(1, 2, 2, 2, 5, 1, 0, nn.ReLU, rng) },
		"zero stride":    func() { nn.NewConv2D(1, 6, 6, 2, 3, 0, 0, nn.ReLU, rng) },
		"outpad ≥ stride": func() {
			nn.NewConvTranspose2D(1, 4, 4, 1, 3, 2, 1, 2, nn.ReLU, rng)
		},
		"backward shape": func() {
			c := nn.NewConv2D(1, 6, 6, 2, 3, 1, 0, nn.ReLU, rng)
			c.Forward(mat.NewDense(2, 36, nil))
			c.Backward(mat.NewDense(2, 36, nil))
		},
		"pool forward":     func() { nn.NewMaxPool2D(2, 4, 4, 2, 2).Forward(mat.NewDense(1, 31, nil)) },
		"upsample forward": func() { nn.NewUpsample(2, 4, 4, 2).Forward(mat.NewDense(1, 31, nil)) },
		"weights shape": func() {
			nn.NewConv2DFrom(2, 6, 6, 3, 1, 0, mat.NewDense(4, 17, nil), mat.NewDense(1, 4, nil), nn.ReLU)
		},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}
