package nn

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// Dense is a fully connected layer: out = Act(x·W + B) for a batch x whose
// rows are samples.
type Dense struct {
	// W holds the weights, InSize×OutSize. Update it in place: assigning
	// another matrix makes new parameters with zero gradients, which an
	// optimizer then sees as new.
	W *mat.Dense
	// B holds the bias, 1×OutSize, updated in place like W.
	B *mat.Dense
	// Act is the activation applied after the affine map.
	Act Activation
	// Float32, when set, runs the layer's matrix products in float32
	// (blas32) while everything visible stays float64: about twice the
	// speed of the products, at float32 precision (relative errors near
	// 1e-6 instead of 1e-15). Leave it off for gradient checks. It takes
	// effect at the next Forward.
	Float32 bool

	w, b   *Param
	params []*Param

	x            *mat.Dense // input of the last Forward (not owned)
	z, a, dz, dx buffer
	used32       bool // the last Forward ran in float32
	s32          state32

	dy    *mat.Dense       // the argument of the running Backward
	dyOut bool             // dy is the layer's own output buffer
	dyPre bool             // dy is already dLoss/dz (BackwardPre)
	phase phase            // the element-wise pass being run by runFn
	runFn func(lo, hi int) // d.run, bound once
	sp    splitter
}

// NewDense returns a Dense layer from in to out features with activation
// act. Weights are drawn from rng: He (Kaiming) uniform, U[±√(6/in)], for
// ReLU and LeakyReLU; Xavier (Glorot) uniform, U[±√(6/(in+out))], for the
// others. Biases start at zero.
func NewDense(in, out int, act Activation, rng *rand.Rand) *Dense {
	if in <= 0 || out <= 0 {
		panic(fmt.Sprintf("nn: NewDense(%d, %d): sizes must be positive", in, out))
	}
	act.valid()
	limit := math.Sqrt(6 / float64(in+out))
	if act == ReLU || act == LeakyReLU {
		limit = math.Sqrt(6 / float64(in))
	}
	w := make([]float64, in*out)
	for i := range w {
		w[i] = (2*rng.Float64() - 1) * limit
	}
	return NewDenseFrom(mat.NewDense(in, out, w), mat.NewDense(1, out, nil), act)
}

// NewDenseFrom returns a Dense layer that uses w (in×out) and b (1×out) as
// its parameters, without copying them.
func NewDenseFrom(w, b *mat.Dense, act Activation) *Dense {
	act.valid()
	d := &Dense{W: w, B: b, Act: act}
	d.init()
	return d
}

// init creates the parameters of a Dense built as a struct literal, on its
// first use.
func (d *Dense) init() {
	if d.params != nil && d.w.Value == d.W && d.b.Value == d.B {
		return
	}
	_, out := d.W.Dims()
	if br, bc := d.B.Dims(); br != 1 || bc != out {
		panic(mat.ErrShape)
	}
	d.w = NewParam("W", d.W)
	d.b = NewParam("B", d.B)
	d.params = []*Param{d.w, d.b}
}

// InSize returns the number of input features.
func (d *Dense) InSize() int { r, _ := d.W.Dims(); return r }

// OutSize returns the number of output features.
func (d *Dense) OutSize() int { _, c := d.W.Dims(); return c }

// Params returns W and B with their gradients, in that order.
func (d *Dense) Params() []*Param { d.init(); return d.params }

// String describes the layer, for example "Dense(784 -> 128, ReLU)", with
// ", float32" added when Float32 is set.
func (d *Dense) String() string {
	if d.Float32 {
		return fmt.Sprintf("Dense(%d -> %d, %v, float32)", d.InSize(), d.OutSize(), d.Act)
	}
	return fmt.Sprintf("Dense(%d -> %d, %v)", d.InSize(), d.OutSize(), d.Act)
}

// Pre returns the pre-activation z = x·W + B of the last Forward, or nil
// before the first. It is owned by the layer.
func (d *Dense) Pre() *mat.Dense { return d.z.m }

// Out returns the output Act(z) of the last Forward, or nil before the
// first. It is owned by the layer.
func (d *Dense) Out() *mat.Dense { return d.a.m }

// Forward computes Act(x·W + B) for the batch x (batch×InSize) and returns
// it in a layer-owned buffer valid until the next Forward.
func (d *Dense) Forward(x *mat.Dense) *mat.Dense {
	n, in := x.Dims()
	if in != d.InSize() {
		panic(mat.ErrShape)
	}
	d.init()
	out := d.OutSize()
	d.x = x
	z := d.z.ensure(n, out)
	d.a.ensure(n, out)
	d.used32 = d.Float32
	if d.used32 {
		d.product32()
	} else {
		blas64.Gemm(blas.NoTrans, blas.NoTrans, 1, x.RawMatrix(), d.W.RawMatrix(), 0, z.RawMatrix())
	}
	d.pass(phaseForward, n, n*out)
	return d.a.m
}

// Backward takes dy = dLoss/dOut for the last Forward, adds dLoss/dW and
// dLoss/dB into the gradients of W and B, and returns dLoss/dx in a
// layer-owned buffer.
func (d *Dense) Backward(dy *mat.Dense) *mat.Dense { return d.backward(dy, true, false) }

// BackwardParams is Backward without the input gradient: it only adds
// dLoss/dW and dLoss/dB into the gradients. It saves a third of the
// work of Backward when the layer is the first of a network.
func (d *Dense) BackwardParams(dy *mat.Dense) { d.backward(dy, false, false) }

// BackwardPre is Backward given dz = dLoss/dz, the gradient with respect to
// the pre-activation z, instead of dLoss/dOut: the activation's derivative
// is skipped. With a sigmoid output and the cross-entropy loss, dz is
// simply (out - target)/N (SigmoidBCEGrad), which stays accurate where the
// sigmoid saturates and BCEGrad·σ' would vanish.
func (d *Dense) BackwardPre(dz *mat.Dense) *mat.Dense { return d.backward(dz, true, true) }

// BackwardPreParams is BackwardPre without the input gradient.
func (d *Dense) BackwardPreParams(dz *mat.Dense) { d.backward(dz, false, true) }

// backward accumulates the parameter gradients and, if input is true,
// returns dLoss/dx. With pre, dy is dLoss/dz.
func (d *Dense) backward(dy *mat.Dense, input, pre bool) *mat.Dense {
	if d.x == nil {
		panic("nn: Dense.Backward called before Forward")
	}
	sameShape(dy, d.z.m)
	n, out := dy.Dims()
	dz := d.dz.ensure(n, out)
	if d.used32 {
		d.s32.dz.ensure(n, out)
	}
	d.dy = dy
	// A caller may have written the loss gradient over the output (as in
	// MSEGrad(out, out, target)); then the slopes come from z instead.
	d.dyOut = overlaps(dy, d.a.m)
	d.dyPre = pre
	d.pass(phaseBackward, out, n*out)
	d.dy = nil
	if d.used32 {
		return d.backward32(input)
	}
	blas64.Gemm(blas.Trans, blas.NoTrans, 1, d.x.RawMatrix(), dz.RawMatrix(), 1, d.w.Grad.RawMatrix())
	if !input {
		return nil
	}
	dx := d.dx.ensure(n, d.InSize())
	blas64.Gemm(blas.NoTrans, blas.Trans, 1, dz.RawMatrix(), d.W.RawMatrix(), 0, dx.RawMatrix())
	return dx
}
