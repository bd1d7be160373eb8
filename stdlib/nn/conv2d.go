package nn

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// Conv2D is a 2-D convolution layer as in deep learning (a
// cross-correlation: the kernel is not flipped) with a square kernel,
// stride and zero padding, followed by an activation:
//
//	out[o][y][x] = Act(B[o] + Σ_c Σ_ky Σ_kx W[o][c,ky,kx] · in[c][y·s+ky−p][x·s+kx−p])
//
// Each row of a batch is one sample flattened channel by channel, row by
// row: InC×H×W in, OutC×OH×OW out, with OH = ⌊(H+2p−k)/s⌋+1 (ConvOutSize).
type Conv2D struct {
	// W holds the kernels, OutC × (InC·k·k): row o is output channel o's
	// kernel, its columns ordered (input channel, kernel row, kernel
	// column). Update it in place only.
	W *mat.Dense
	// B holds one bias per output channel, 1×OutC. Update it in place only.
	B *mat.Dense
	// Act is the activation applied after the convolution.
	Act Activation
	// Float32, when set, runs the layer's im2col and its three products in
	// float32 (blas32) while everything visible stays float64, as
	// Dense.Float32 does: faster, at float32 precision. It applies to
	// stride 1 (other strides compute in float64) and takes effect at the
	// next Forward. Leave it off for gradient checks.
	Float32 bool
	// Serial, when set, keeps every pass on the calling goroutine instead
	// of splitting the batch over two (see the package documentation).
	Serial bool

	g      convGeom
	outC   int
	w, b   *Param
	params []*Param

	x     *mat.Dense // input of the last Forward (not owned)
	a, dx buffer

	// The state of a split pass (see conv_parallel.go).
	work         [2]convWork
	sp           splitter
	dy, dxm      *mat.Dense // Backward's argument and result
	fwdFn, bwdFn func(lo, hi int)
	used32       bool      // the last Forward ran in float32
	w32          []float32 // W in float32, on the float32 path
}

// NewConv2D returns a convolution from inC channels of h×w pixels to outC
// channels with a k×k kernel, the given stride and zero padding on every
// side, and activation act. Weights are drawn from rng: He uniform,
// U[±√(6/fanIn)], for ReLU and LeakyReLU, Glorot uniform,
// U[±√(6/(fanIn+fanOut))], otherwise, with fanIn = inC·k·k and
// fanOut = outC·k·k. Biases start at zero. Padding (k−1)/2 with stride 1
// keeps the size ("same" for odd k).
func NewConv2D(inC, h, w, outC, k, stride, pad int, act Activation, rng *rand.Rand) *Conv2D {
	if outC <= 0 {
		panic(fmt.Sprintf("nn: NewConv2D: %d output channels", outC))
	}
	act.valid()
	fanIn, fanOut := float64(inC*k*k), float64(outC*k*k)
	wt := mat.NewDense(outC, max(inC*k*k, 1), nil)
	initUniform(wt.RawMatrix().Data, fanIn, fanOut, act, rng)
	return NewConv2DFrom(inC, h, w, k, stride, pad, wt, mat.NewDense(1, outC, nil), act)
}

// NewConv2DFrom returns a Conv2D on inC channels of h×w pixels with kernel
// size k, stride and padding that uses wt (OutC × inC·k·k) and b (1×OutC)
// as its parameters, without copying them.
func NewConv2DFrom(inC, h, w, k, stride, pad int, wt, b *mat.Dense, act Activation) *Conv2D {
	act.valid()
	g := newConvGeom("NewConv2D", inC, h, w, k, stride, pad)
	outC, kk := wt.Dims()
	if kk != g.rows() {
		panic(mat.ErrShape)
	}
	if br, bc := b.Dims(); br != 1 || bc != outC {
		panic(mat.ErrShape)
	}
	c := &Conv2D{W: wt, B: b, Act: act, g: g, outC: outC}
	c.w = NewParam("W", wt)
	c.b = NewParam("B", b)
	c.params = []*Param{c.w, c.b}
	return c
}

// initUniform fills w with U[±limit]: He for ReLU and LeakyReLU
// (√(6/fanIn)), Glorot otherwise (√(6/(fanIn+fanOut))).
func initUniform(w []float64, fanIn, fanOut float64, act Activation, rng *rand.Rand) {
	limit := math.Sqrt(6 / (fanIn + fanOut))
	if act == ReLU || act == LeakyReLU {
		limit = math.Sqrt(6 / fanIn)
	}
	for i := range w {
		w[i] = (2*rng.Float64() - 1) * limit
	}
}

// InShape returns the shape of one input sample: channels, height, width.
func (c *Conv2D) InShape() (ch, h, w int) { return c.g.c, c.g.h, c.g.w }

// OutShape returns the shape of one output sample: channels, height, width.
func (c *Conv2D) OutShape() (ch, h, w int) { return c.outC, c.g.oh, c.g.ow }

// Kernel returns the kernel size k, the stride and the padding.
func (c *Conv2D) Kernel() (k, stride, pad int) { return c.g.k, c.g.s, c.g.p }

// InSize returns InC·H·W.
func (c *Conv2D) InSize() int { return c.g.inLen() }

// OutSize returns OutC·OH·OW.
func (c *Conv2D) OutSize() int { return c.outC * c.g.outArea() }

// Params returns W and B with their gradients, in that order.
func (c *Conv2D) Params() []*Param { return c.params }

// Out returns the output of the last Forward, or nil before the first. It
// is owned by the layer.
func (c *Conv2D) Out() *mat.Dense { return c.a.m }

// String describes the layer, for example
// "Conv2D(1×28×28 -> 16×28×28, 3×3, stride 1, pad 1, ReLU)".
func (c *Conv2D) String() string {
	return fmt.Sprintf("Conv2D(%d×%d×%d -> %d×%d×%d, %d×%d, stride %d, pad %d, %v)",
		c.g.c, c.g.h, c.g.w, c.outC, c.g.oh, c.g.ow, c.g.k, c.g.k, c.g.s, c.g.p, c.Act)
}

// Forward convolves every sample of x (batch × InC·H·W) and returns the
// activations (batch × OutC·OH·OW) in a layer-owned buffer valid until the
// next Forward.
func (c *Conv2D) Forward(x *mat.Dense) *mat.Dense {
	n, in := x.Dims()
	if in != c.InSize() {
		panic(mat.ErrShape)
	}
	c.x = x
	c.a.ensure(n, c.OutSize())
	if c.fwdFn == nil {
		c.fwdFn, c.bwdFn = c.forwardRange, c.backwardRange
	}
	c.used32 = c.Float32 && c.g.wide()
	if c.used32 {
		c.narrowW()
	}
	runSplit(&c.sp, c.Serial, n, n*c.g.rows()*c.g.outArea(), c.fwdFn)
	return c.a.m
}

// colArea returns the im2col columns per sample: OH·OW, or OH·(W+2p) on
// the stride-1 path (see conv_wide.go).
func (c *Conv2D) colArea() int {
	if c.g.wide() {
		return c.g.wideArea()
	}
	return c.g.outArea()
}

// sampleCol writes the im2col matrix of sample x into col (leading
// dimension ld) at column offset off.
func (c *Conv2D) sampleCol(wk *convWork, col []float64, ld, off int, x []float64) {
	if !c.g.wide() {
		c.g.im2col(col, ld, off, x)
		return
	}
	if n := c.g.c * c.g.padPlane(); len(wk.pad) != n {
		wk.pad = make([]float64, n) // zero borders, never written
	}
	c.g.padInput(wk.pad, x)
	im2colWide(&c.g, col, ld, off, wk.pad)
}

// forwardRange runs Forward on samples [lo, hi), in chunks.
func (c *Conv2D) forwardRange(lo, hi int) {
	if c.used32 {
		c.forwardRange32(lo, hi)
		return
	}
	wk := &c.work[worker(lo)]
	area, ca, K := c.g.outArea(), c.colArea(), c.g.rows()
	ow, wp := c.g.ow, ca/c.g.oh
	cs := chunkSamples(K*ca, hi-lo)
	bias := c.B.RawRowView(0)
	wm := c.W.RawMatrix()
	x, a := c.x, c.a.m
	for s0 := lo; s0 < hi; s0 += cs {
		m := min(cs, hi-s0)
		N := m * ca
		wk.col = grow(wk.col, K*N)
		wk.buf = grow(wk.buf, c.outC*N)
		col, zc := wk.col, wk.buf
		for j := 0; j < m; j++ {
			c.sampleCol(wk, col, N, j*ca, x.RawRowView(s0+j))
		}
		blas64.Gemm(blas.NoTrans, blas.NoTrans, 1, wm,
			blas64.General{Rows: K, Cols: N, Stride: N, Data: col}, 0,
			blas64.General{Rows: c.outC, Cols: N, Stride: N, Data: zc})
		for j := 0; j < m; j++ {
			row := a.RawRowView(s0 + j)
			for o := 0; o < c.outC; o++ {
				z := zc[o*N+j*ca : o*N+(j+1)*ca]
				dst := row[o*area : (o+1)*area]
				if wp == ow {
					planeActivate(c.Act, dst, z, bias[o])
					continue
				}
				for y := 0; y < c.g.oh; y++ {
					planeActivate(c.Act, dst[y*ow:(y+1)*ow], z[y*wp:y*wp+ow], bias[o])
				}
			}
		}
	}
}

// Backward takes dy = dLoss/dOut for the last Forward, adds dLoss/dW and
// dLoss/dB into the gradients of W and B, and returns dLoss/dx in a
// layer-owned buffer.
func (c *Conv2D) Backward(dy *mat.Dense) *mat.Dense { return c.backward(dy, true) }

// BackwardParams is Backward without the input gradient, for the first
// layer of a network (see ParamBackwarder).
func (c *Conv2D) BackwardParams(dy *mat.Dense) { c.backward(dy, false) }

func (c *Conv2D) backward(dy *mat.Dense, input bool) *mat.Dense {
	if c.x == nil {
		panic("nn: Conv2D.Backward called before Forward")
	}
	sameShape(dy, c.a.m)
	n, _ := dy.Dims()
	c.dy, c.dxm = dy, nil
	if input {
		c.dxm = c.dx.ensure(n, c.InSize())
	}
	c.work[0].used, c.work[1].used = false, false
	if c.used32 {
		c.narrowW()
	}
	runSplit(&c.sp, c.Serial, n, n*c.g.rows()*c.g.outArea(), c.bwdFn)
	if w1 := &c.work[1]; w1.used {
		addInto(c.w.Grad.RawMatrix().Data, w1.gw)
		addInto(c.b.Grad.RawRowView(0), w1.gb)
	}
	c.dy = nil
	return c.dxm
}

// backwardRange runs Backward on samples [lo, hi), in chunks. The first
// half adds its gradients into the parameters, the second into its own
// partial sums.
func (c *Conv2D) backwardRange(lo, hi int) {
	if c.used32 {
		c.backwardRange32(lo, hi)
		return
	}
	wi := worker(lo)
	wk := &c.work[wi]
	wk.used = true
	area, ca, K := c.g.outArea(), c.colArea(), c.g.rows()
	ow, wp := c.g.ow, ca/c.g.oh
	cs := chunkSamples(K*ca, hi-lo)
	gwm := c.w.Grad.RawMatrix()
	gb := c.b.Grad.RawRowView(0)
	if wi == 1 {
		wk.gw = grow(wk.gw, len(gwm.Data))
		wk.gb = grow(wk.gb, c.outC)
		clear(wk.gw)
		clear(wk.gb)
		gwm.Data, gb = wk.gw, wk.gb
	}
	x, a, dy, dx := c.x, c.a.m, c.dy, c.dxm
	for s0 := lo; s0 < hi; s0 += cs {
		m := min(cs, hi-s0)
		N := m * ca
		wk.col = grow(wk.col, K*N)
		wk.buf = grow(wk.buf, c.outC*N)
		col, dzc := wk.col, wk.buf
		for j := 0; j < m; j++ {
			dr, ar := dy.RawRowView(s0+j), a.RawRowView(s0+j)
			for o := 0; o < c.outC; o++ {
				dz := dzc[o*N+j*ca : o*N+(j+1)*ca]
				d, v := dr[o*area:(o+1)*area], ar[o*area:(o+1)*area]
				if wp == ow {
					gb[o] += planeSlope(c.Act, dz, d, v)
					continue
				}
				for y := 0; y < c.g.oh; y++ {
					gb[o] += planeSlope(c.Act, dz[y*wp:y*wp+ow], d[y*ow:(y+1)*ow], v[y*ow:(y+1)*ow])
					clear(dz[y*wp+ow : (y+1)*wp]) // junk columns: no gradient
				}
			}
			c.sampleCol(wk, col, N, j*ca, x.RawRowView(s0+j))
		}
		colM := blas64.General{Rows: K, Cols: N, Stride: N, Data: col}
		dzM := blas64.General{Rows: c.outC, Cols: N, Stride: N, Data: dzc}
		blas64.Gemm(blas.NoTrans, blas.Trans, 1, dzM, colM, 1, gwm)
		if dx == nil {
			continue
		}
		// The chunk's im2col is no longer needed: reuse it for dLoss/dcol.
		blas64.Gemm(blas.Trans, blas.NoTrans, 1, c.W.RawMatrix(), dzM, 0, colM)
		for j := 0; j < m; j++ {
			row := dx.RawRowView(s0 + j)
			if !c.g.wide() {
				clear(row)
				c.g.col2im(row, col, N, j*ca)
				continue
			}
			wk.dpad = grow(wk.dpad, c.g.c*c.g.padPlane())
			clear(wk.dpad)
			col2imWide(&c.g, wk.dpad, col, N, j*ca)
			c.g.unpad(row, wk.dpad)
		}
	}
}
