package nn

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// ConvTranspose2D is a transposed convolution (sometimes called a
// fractionally strided convolution or, wrongly, a deconvolution) with a
// square kernel, stride, zero padding and output padding, followed by an
// activation. Its linear part is the adjoint of Conv2D's: every input pixel
// scatters its kernel-weighted values into the output, the kernels placed
// stride pixels apart, and padding trims p pixels from each border:
//
//	out[o][y][x] = Act(B[o] + Σ_c Σ_{(i,j): i·s+ky−p = y, j·s+kx−p = x} W[c][o,ky,kx] · in[c][i][j])
//
// With the same W and no bias, ⟨Conv2D(x), y⟩ = ⟨x, ConvTranspose2D(y)⟩.
// Each row of a batch is one sample flattened channel by channel, row by
// row: InC×H×W in, OutC×OH×OW out, with OH = s(H−1)+k−2p+outPad
// (ConvTransposeOutSize).
type ConvTranspose2D struct {
	// W holds the kernels, InC × (OutC·k·k): row c is what input channel
	// c spreads into the output, its columns ordered (output channel,
	// kernel row, kernel column). This is the shape of the W of the
	// Conv2D from OutC to InC channels whose adjoint this layer is.
	// Update it in place only.
	W *mat.Dense
	// B holds one bias per output channel, 1×OutC. Update it in place only.
	B *mat.Dense
	// Act is the activation applied after the transposed convolution.
	Act Activation
	// Serial, when set, keeps every pass on the calling goroutine instead
	// of splitting the batch over two (see the package documentation).
	Serial bool

	g      convGeom // of the adjoint convolution: OutC×OH×OW -> InC×H×W
	inC    int
	outPad int
	w, b   *Param
	params []*Param

	x     *mat.Dense
	a, dx buffer

	// The state of a split pass (see conv_parallel.go). A worker's buf is
	// the gathered input chunk, InC × (chunk·H·W); its col the column
	// chunk, OutC·k·k × (chunk·H·W); its dz one sample's dLoss/dz.
	work         [2]convWork
	sp           splitter
	dy, dxm      *mat.Dense
	fwdFn, bwdFn func(lo, hi int)
}

// NewConvTranspose2D returns a transposed convolution from inC channels of
// h×w pixels to outC channels with a k×k kernel, stride, padding and output
// padding outPad (0 ≤ outPad < stride, or 0 for stride 1), and activation
// act. Weights are drawn from rng: He uniform, U[±√(6/fanIn)], for ReLU and
// LeakyReLU, Glorot uniform, U[±√(6/(fanIn+fanOut))], otherwise, with
// fanIn = inC·k·k/stride² (the mean number of terms of an output) and
// fanOut = outC·k·k. Biases start at zero. Kernel 2, stride 2, padding 0
// doubles the size, as does kernel 3, stride 2, padding 1, outPad 1.
func NewConvTranspose2D(inC, h, w, outC, k, stride, pad, outPad int, act Activation, rng *rand.Rand) *ConvTranspose2D {
	if inC <= 0 || outC <= 0 || k <= 0 || stride <= 0 {
		panic(fmt.Sprintf("nn: NewConvTranspose2D: channels %d -> %d, kernel %d, stride %d must be positive", inC, outC, k, stride))
	}
	act.valid()
	fanIn := max(float64(inC*k*k)/float64(stride*stride), 1)
	fanOut := float64(outC * k * k)
	wt := mat.NewDense(inC, outC*k*k, nil)
	initUniform(wt.RawMatrix().Data, fanIn, fanOut, act, rng)
	return NewConvTranspose2DFrom(h, w, outC, k, stride, pad, outPad, wt, mat.NewDense(1, outC, nil), act)
}

// NewConvTranspose2DFrom returns a ConvTranspose2D on inputs of h×w pixels
// with InC = rows of wt channels, to outC channels, with kernel size k,
// stride, padding and output padding, that uses wt (InC × outC·k·k) and b
// (1×outC) as its parameters, without copying them.
func NewConvTranspose2DFrom(h, w, outC, k, stride, pad, outPad int, wt, b *mat.Dense, act Activation) *ConvTranspose2D {
	act.valid()
	if outPad < 0 || (outPad >= stride && outPad > 0) {
		panic(fmt.Sprintf("nn: NewConvTranspose2D: output padding %d must be in [0, stride %d)", outPad, stride))
	}
	if h <= 0 || w <= 0 || outC <= 0 || k <= 0 || stride <= 0 || pad < 0 {
		panic(fmt.Sprintf("nn: NewConvTranspose2D: size %d×%d, %d channels, kernel %d, stride %d, padding %d: sizes must be positive, padding ≥ 0", h, w, outC, k, stride, pad))
	}
	oh := ConvTransposeOutSize(h, k, stride, pad, outPad)
	ow := ConvTransposeOutSize(w, k, stride, pad, outPad)
	if oh <= 0 || ow <= 0 {
		panic(fmt.Sprintf("nn: NewConvTranspose2D: padding %d leaves no output of a %d×%d input", pad, h, w))
	}
	g := newConvGeom("NewConvTranspose2D", outC, oh, ow, k, stride, pad)
	if g.oh != h || g.ow != w {
		panic(fmt.Sprintf("nn: NewConvTranspose2D: inconsistent geometry %d×%d -> %d×%d", h, w, oh, ow))
	}
	inC, kk := wt.Dims()
	if kk != g.rows() {
		panic(mat.ErrShape)
	}
	if br, bc := b.Dims(); br != 1 || bc != outC {
		panic(mat.ErrShape)
	}
	t := &ConvTranspose2D{W: wt, B: b, Act: act, g: g, inC: inC, outPad: outPad}
	t.w = NewParam("W", wt)
	t.b = NewParam("B", b)
	t.params = []*Param{t.w, t.b}
	return t
}

// InShape returns the shape of one input sample: channels, height, width.
func (t *ConvTranspose2D) InShape() (ch, h, w int) { return t.inC, t.g.oh, t.g.ow }

// OutShape returns the shape of one output sample: channels, height, width.
func (t *ConvTranspose2D) OutShape() (ch, h, w int) { return t.g.c, t.g.h, t.g.w }

// Kernel returns the kernel size k, the stride, the padding and the output
// padding.
func (t *ConvTranspose2D) Kernel() (k, stride, pad, outPad int) {
	return t.g.k, t.g.s, t.g.p, t.outPad
}

// InSize returns InC·H·W.
func (t *ConvTranspose2D) InSize() int { return t.inC * t.g.outArea() }

// OutSize returns OutC·OH·OW.
func (t *ConvTranspose2D) OutSize() int { return t.g.inLen() }

// Params returns W and B with their gradients, in that order.
func (t *ConvTranspose2D) Params() []*Param { return t.params }

// Out returns the output of the last Forward, or nil before the first. It
// is owned by the layer.
func (t *ConvTranspose2D) Out() *mat.Dense { return t.a.m }

// String describes the layer, for example
// "ConvTranspose2D(8×7×7 -> 16×14×14, 3×3, stride 2, pad 1, outpad 1, ReLU)".
func (t *ConvTranspose2D) String() string {
	return fmt.Sprintf("ConvTranspose2D(%d×%d×%d -> %d×%d×%d, %d×%d, stride %d, pad %d, outpad %d, %v)",
		t.inC, t.g.oh, t.g.ow, t.g.c, t.g.h, t.g.w, t.g.k, t.g.k, t.g.s, t.g.p, t.outPad, t.Act)
}

// gather copies samples [s0, s0+m) of x into xc as an InC × (m·H·W) matrix.
func (t *ConvTranspose2D) gather(xc []float64, x *mat.Dense, s0, m int) {
	area := t.g.outArea()
	N := m * area
	for j := 0; j < m; j++ {
		row := x.RawRowView(s0 + j)
		for ci := 0; ci < t.inC; ci++ {
			copy(xc[ci*N+j*area:ci*N+(j+1)*area], row[ci*area:(ci+1)*area])
		}
	}
}

// Forward applies the transposed convolution to every sample of x
// (batch × InC·H·W) and returns the activations (batch × OutC·OH·OW) in a
// layer-owned buffer valid until the next Forward.
func (t *ConvTranspose2D) Forward(x *mat.Dense) *mat.Dense {
	n, in := x.Dims()
	if in != t.InSize() {
		panic(mat.ErrShape)
	}
	t.x = x
	t.a.ensure(n, t.OutSize())
	if t.fwdFn == nil {
		t.fwdFn, t.bwdFn = t.forwardRange, t.backwardRange
	}
	runSplit(&t.sp, t.Serial, n, n*t.g.rows()*t.g.outArea(), t.fwdFn)
	return t.a.m
}

// forwardRange runs Forward on samples [lo, hi), in chunks.
func (t *ConvTranspose2D) forwardRange(lo, hi int) {
	wk := &t.work[worker(lo)]
	area, K := t.g.outArea(), t.g.rows()
	cs := chunkSamples(K*area, hi-lo)
	bias := t.B.RawRowView(0)
	plane := t.g.h * t.g.w
	x, a := t.x, t.a.m
	for s0 := lo; s0 < hi; s0 += cs {
		m := min(cs, hi-s0)
		N := m * area
		wk.buf = grow(wk.buf, t.inC*N)
		wk.col = grow(wk.col, K*N)
		xc, col := wk.buf, wk.col
		t.gather(xc, x, s0, m)
		blas64.Gemm(blas.Trans, blas.NoTrans, 1, t.W.RawMatrix(),
			blas64.General{Rows: t.inC, Cols: N, Stride: N, Data: xc}, 0,
			blas64.General{Rows: K, Cols: N, Stride: N, Data: col})
		for j := 0; j < m; j++ {
			row := a.RawRowView(s0 + j)
			clear(row)
			t.g.col2im(row, col, N, j*area)
			for o := 0; o < t.g.c; o++ {
				p := row[o*plane : (o+1)*plane]
				planeActivate(t.Act, p, p, bias[o])
			}
		}
	}
}

// Backward takes dy = dLoss/dOut for the last Forward, adds dLoss/dW and
// dLoss/dB into the gradients of W and B, and returns dLoss/dx in a
// layer-owned buffer.
func (t *ConvTranspose2D) Backward(dy *mat.Dense) *mat.Dense { return t.backward(dy, true) }

// BackwardParams is Backward without the input gradient, for the first
// layer of a network (see ParamBackwarder).
func (t *ConvTranspose2D) BackwardParams(dy *mat.Dense) { t.backward(dy, false) }

func (t *ConvTranspose2D) backward(dy *mat.Dense, input bool) *mat.Dense {
	if t.x == nil {
		panic("nn: ConvTranspose2D.Backward called before Forward")
	}
	sameShape(dy, t.a.m)
	n, _ := dy.Dims()
	t.dy, t.dxm = dy, nil
	if input {
		t.dxm = t.dx.ensure(n, t.InSize())
	}
	t.work[0].used, t.work[1].used = false, false
	runSplit(&t.sp, t.Serial, n, n*t.g.rows()*t.g.outArea(), t.bwdFn)
	if w1 := &t.work[1]; w1.used {
		addInto(t.w.Grad.RawMatrix().Data, w1.gw)
		addInto(t.b.Grad.RawRowView(0), w1.gb)
	}
	t.dy = nil
	return t.dxm
}

// backwardRange runs Backward on samples [lo, hi), in chunks. The first
// half adds its gradients into the parameters, the second into its own
// partial sums.
func (t *ConvTranspose2D) backwardRange(lo, hi int) {
	wi := worker(lo)
	wk := &t.work[wi]
	wk.used = true
	area, K := t.g.outArea(), t.g.rows()
	cs := chunkSamples(K*area, hi-lo)
	gwm := t.w.Grad.RawMatrix()
	gb := t.b.Grad.RawRowView(0)
	if wi == 1 {
		wk.gw = grow(wk.gw, len(gwm.Data))
		wk.gb = grow(wk.gb, t.g.c)
		clear(wk.gw)
		clear(wk.gb)
		gwm.Data, gb = wk.gw, wk.gb
	}
	plane := t.g.h * t.g.w
	wk.dz = grow(wk.dz, t.OutSize())
	dz := wk.dz
	x, a, dy, dx := t.x, t.a.m, t.dy, t.dxm
	for s0 := lo; s0 < hi; s0 += cs {
		m := min(cs, hi-s0)
		N := m * area
		wk.buf = grow(wk.buf, t.inC*N)
		wk.col = grow(wk.col, K*N)
		xc, col := wk.buf, wk.col
		for j := 0; j < m; j++ {
			dr, ar := dy.RawRowView(s0+j), a.RawRowView(s0+j)
			for o := 0; o < t.g.c; o++ {
				gb[o] += planeSlope(t.Act, dz[o*plane:(o+1)*plane], dr[o*plane:(o+1)*plane], ar[o*plane:(o+1)*plane])
			}
			t.g.im2col(col, N, j*area, dz)
		}
		t.gather(xc, x, s0, m)
		colM := blas64.General{Rows: K, Cols: N, Stride: N, Data: col}
		xM := blas64.General{Rows: t.inC, Cols: N, Stride: N, Data: xc}
		blas64.Gemm(blas.NoTrans, blas.Trans, 1, xM, colM, 1, gwm)
		if dx == nil {
			continue
		}
		// The gathered input is no longer needed: reuse it for dLoss/dx.
		blas64.Gemm(blas.NoTrans, blas.NoTrans, 1, t.W.RawMatrix(), colM, 0, xM)
		for j := 0; j < m; j++ {
			row := dx.RawRowView(s0 + j)
			for ci := 0; ci < t.inC; ci++ {
				copy(row[ci*area:(ci+1)*area], xc[ci*N+j*area:ci*N+(j+1)*area])
			}
		}
	}
}
