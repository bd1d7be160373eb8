package ae

import (
	"fmt"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// layer is what the model needs of a layer: an nn.Layer that exposes its
// output and can skip its input gradient. *nn.Dense and *tiedDense are
// layers.
type layer interface {
	nn.Layer
	Out() *mat.Dense
	BackwardParams(dy *mat.Dense)
}

// tiedDense is a decoder layer whose weight matrix is the transpose of its
// mirror encoder layer's W: out = act(x·Wᵀ + b). It owns only its bias; its
// weight gradient is added into the encoder's W gradient, so an optimizer
// must see W once, through the encoder.
type tiedDense struct {
	enc  *nn.Dense
	wp   *nn.Param // the encoder's W parameter (gradient target)
	b    *nn.Param
	ps   []*nn.Param
	act  nn.Activation
	x    *mat.Dense
	z, a scratch
	dz   scratch
	dx   scratch

	// float32 runs the three products in float32 (Config.Precision).
	float32 bool
	g32     nn.Gemm32
}

// gemm is blas64.Gemm, or nn.Gemm32 on the float32 path.
func (t *tiedDense) gemm(tA, tB blas.Transpose, a, b blas64.General, beta float64, c blas64.General) {
	if t.float32 {
		t.g32.Gemm(tA, tB, 1, a, b, beta, c)
		return
	}
	blas64.Gemm(tA, tB, 1, a, b, beta, c)
}

// newTied returns the decoder layer tied to enc with a zero bias.
func newTied(enc *nn.Dense, act nn.Activation) *tiedDense {
	b := nn.NewParam("B", mat.NewDense(1, enc.InSize(), nil))
	return &tiedDense{enc: enc, wp: enc.Params()[0], b: b, ps: []*nn.Param{b}, act: act}
}

func (t *tiedDense) InSize() int                  { return t.enc.OutSize() }
func (t *tiedDense) OutSize() int                 { return t.enc.InSize() }
func (t *tiedDense) Params() []*nn.Param          { return t.ps }
func (t *tiedDense) Out() *mat.Dense              { return t.a.m }
func (t *tiedDense) BackwardParams(dy *mat.Dense) { t.backwardParams(dy) }

func (t *tiedDense) String() string {
	return fmt.Sprintf("TiedDense(%d -> %d, %v)", t.InSize(), t.OutSize(), t.act)
}

func (t *tiedDense) Forward(x *mat.Dense) *mat.Dense {
	n, in := x.Dims()
	if in != t.InSize() {
		panic(&ShapeError{Op: "tied decoder Forward", Got: in, Want: t.InSize()})
	}
	t.x = x
	z := t.z.ensure(n, t.OutSize())
	a := t.a.ensure(n, t.OutSize())
	t.gemm(blas.NoTrans, blas.Trans, x.RawMatrix(), t.enc.W.RawMatrix(), 0, z.RawMatrix())
	bias := t.b.Value.RawRowView(0)
	for i := 0; i < n; i++ {
		zr := z.RawRowView(i)
		bias = bias[:len(zr)]
		for j := range zr {
			zr[j] += bias[j]
		}
	}
	t.act.Apply(a, z)
	return a
}

func (t *tiedDense) backwardParams(dy *mat.Dense) *mat.Dense {
	if t.x == nil {
		panic("ae: tied decoder Backward called before Forward")
	}
	checkSame("tied decoder Backward", t.z.m, dy)
	n, out := dy.Dims()
	dz := t.dz.ensure(n, out)
	t.act.Derivative(dz, t.z.m)
	gb := t.b.Grad.RawRowView(0)
	for i := 0; i < n; i++ {
		dr := dy.RawRowView(i)
		dzr := dz.RawRowView(i)
		dzr = dzr[:len(dr)]
		gb = gb[:len(dr)]
		for j, g := range dr {
			g *= dzr[j]
			dzr[j] = g
			gb[j] += g
		}
	}
	// dW (in×out of the encoder) += dzᵀ·x.
	t.gemm(blas.Trans, blas.NoTrans, dz.RawMatrix(), t.x.RawMatrix(), 1, t.wp.Grad.RawMatrix())
	return dz
}

func (t *tiedDense) Backward(dy *mat.Dense) *mat.Dense {
	dz := t.backwardParams(dy)
	n, _ := dy.Dims()
	dx := t.dx.ensure(n, t.InSize())
	t.gemm(blas.NoTrans, blas.NoTrans, dz.RawMatrix(), t.enc.W.RawMatrix(), 0, dx.RawMatrix())
	return dx
}

// scratch is a reusable matrix whose storage only grows: ensure allocates a
// new header only when the shape changes and new storage only when it grows.
type scratch struct {
	data []float64
	m    *mat.Dense
}

func (s *scratch) ensure(r, c int) *mat.Dense {
	if s.m != nil {
		if sr, sc := s.m.Dims(); sr == r && sc == c {
			return s.m
		}
	}
	if cap(s.data) < r*c {
		s.data = make([]float64, r*c)
	}
	s.m = mat.NewDense(r, c, s.data[:r*c])
	return s.m
}
