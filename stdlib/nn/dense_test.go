package nn_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

func TestDenseForwardByHand(t *testing.T) {
	w := mat.NewDense(2, 3, []float64{
		1, -1, 0.5,
		2, 0, -3,
	})
	b := mat.NewDense(1, 3, []float64{0.5, 1, -1})
	x := mat.NewDense(2, 2, []float64{
		1, 2,
		-1, 0.5,
	})
	// z = x·W + b, worked out by hand.
	z := []float64{
		1 + 4 + 0.5, -1 + 0 + 1, 0.5 - 6 - 1,
		-1 + 1 + 0.5, 1 + 0 + 1, -0.5 - 1.5 - 1,
	}
	for _, act := range activations {
		d := nn.NewDenseFrom(w, b, act)
		out := d.Forward(x)
		for k, zk := range z {
			i, j := k/3, k%3
			if got := d.Pre().At(i, j); got != zk {
				t.Errorf("%v: z[%d,%d] = %g, want %g", act, i, j, got, zk)
			}
			var want float64
			switch act {
			case nn.Identity:
				want = zk
			case nn.Sigmoid:
				want = 1 / (1 + math.Exp(-zk))
			case nn.Tanh:
				want = math.Tanh(zk)
			case nn.ReLU:
				want = math.Max(zk, 0)
			case nn.LeakyReLU:
				want = zk
				if zk < 0 {
					want = 0.01 * zk
				}
			}
			if got := out.At(i, j); math.Abs(got-want) > 1e-15 {
				t.Errorf("%v: out[%d,%d] = %g, want %g", act, i, j, got, want)
			}
		}
		if d.Out() != out {
			t.Errorf("%v: Out() is not the buffer Forward returned", act)
		}
	}
}

func TestDenseBatchSizeChanges(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	d := nn.NewDense(4, 3, nn.Sigmoid, rng)
	big := randDense(rng, 5, 4, -1, 1)
	want := mat.DenseCopyOf(d.Forward(big))
	small := mat.NewDense(2, 4, nil)
	small.Copy(big.Slice(3, 5, 0, 4))
	got := d.Forward(small)
	if r, c := got.Dims(); r != 2 || c != 3 {
		t.Fatalf("output of a 2-row batch is %d×%d", r, c)
	}
	if !mat.Equal(got, want.Slice(3, 5, 0, 3)) {
		t.Error("smaller batch gives different rows")
	}
	if !mat.Equal(d.Forward(big), want) {
		t.Error("going back to the larger batch gives a different output")
	}
}

func TestDenseAcceptsViews(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	d := nn.NewDense(3, 2, nn.Tanh, rng)
	wide := randDense(rng, 4, 6, -1, 1)
	view := wide.Slice(1, 3, 2, 5).(*mat.Dense) // stride 6, 2×3
	want := mat.DenseCopyOf(d.Forward(mat.DenseCopyOf(view)))
	if !mat.Equal(d.Forward(view), want) {
		t.Error("a strided view gives a different output than its copy")
	}
}

func TestInit(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for _, act := range activations {
		d := nn.NewDense(300, 100, act, rng)
		limit := math.Sqrt(6.0 / 400)
		if act == nn.ReLU || act == nn.LeakyReLU {
			limit = math.Sqrt(6.0 / 300)
		}
		lo, hi := mat.Min(d.W), mat.Max(d.W)
		if lo < -limit || hi > limit || lo > -0.98*limit || hi < 0.98*limit {
			t.Errorf("%v: weights span [%g, %g], want about ±%g", act, lo, hi, limit)
		}
		// Variance of U[-l, l] is l²/3.
		var v float64
		for _, w := range d.W.RawMatrix().Data {
			v += w * w
		}
		v /= 30000
		if want := limit * limit / 3; math.Abs(v-want) > 0.05*want {
			t.Errorf("%v: weight variance %g, want %g", act, v, want)
		}
		if mat.Norm(d.B, 1) != 0 {
			t.Errorf("%v: bias not zero", act)
		}
	}
	a := nn.NewDense(3, 2, nn.ReLU, rand.New(rand.NewPCG(1, 2)))
	b := nn.NewDense(3, 2, nn.ReLU, rand.New(rand.NewPCG(1, 2)))
	if !mat.Equal(a.W, b.W) {
		t.Error("same seed, different weights")
	}
}

func TestShapePanics(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 10))
	d := nn.NewDense(3, 2, nn.ReLU, rng)
	for name, f := range map[string]func(){
		"Forward wrong width":  func() { d.Forward(mat.NewDense(2, 4, nil)) },
		"Backward wrong shape": func() { d.Forward(mat.NewDense(2, 3, nil)); d.Backward(mat.NewDense(3, 2, nil)) },
		"MSE shapes":           func() { nn.MSE(mat.NewDense(2, 3, nil), mat.NewDense(3, 2, nil)) },
		"Sequential sizes": func() {
			nn.NewSequential([]nn.Layer{nn.NewDense(3, 2, nn.ReLU, rng), nn.NewDense(3, 2, nn.ReLU, rng)})
		},
	} {
		func() {
			defer func() {
				if r := recover(); r != mat.ErrShape {
					t.Errorf("%s: recovered %v, want mat.ErrShape", name, r)
				}
			}()
			f()
		}()
	}
}

func TestStrings(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 11))
	s := nn.NewSequential([]nn.Layer{
		nn.NewDense(784, 128, nn.ReLU, rng),
		nn.NewDense(128, 784, nn.Sigmoid, rng),
	})
	want := "Sequential(\n  (0): Dense(784 -> 128, ReLU)\n  (1): Dense(128 -> 784, Sigmoid)\n)"
	if got := s.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got := nn.Activation(42).String(); got != "Activation(42)" {
		t.Errorf("unknown activation prints %q", got)
	}
	if got := nn.NumParams(s.Params()); got != 784*128+128+128*784+784 {
		t.Errorf("NumParams = %d", got)
	}
}

func TestSequentialIsALayer(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 12))
	inner := nn.NewSequential([]nn.Layer{nn.NewDense(4, 3, nn.Tanh, rng)})
	var l nn.Layer = inner
	outer := nn.NewSequential([]nn.Layer{l, nn.NewDense(3, 2, nn.Sigmoid, rng)})
	if outer.InSize() != 4 || outer.OutSize() != 2 || len(outer.Params()) != 4 {
		t.Errorf("nested Sequential: sizes %d -> %d, %d params", outer.InSize(), outer.OutSize(), len(outer.Params()))
	}
	empty := nn.NewSequential(nil)
	x := mat.NewDense(2, 3, nil)
	if empty.InSize() != 0 || empty.OutSize() != 0 || empty.Forward(x) != x || empty.Backward(x) != x {
		t.Error("an empty Sequential is not the identity")
	}
	empty.BackwardParams(x)
}

// scale is a Layer without String.
type scale struct {
	k    float64
	n    int
	buf  *mat.Dense
	grad *mat.Dense
}

func (s *scale) Forward(x *mat.Dense) *mat.Dense {
	s.buf = mat.NewDense(x.RawMatrix().Rows, s.n, nil)
	s.buf.Scale(s.k, x)
	return s.buf
}
func (s *scale) Backward(dy *mat.Dense) *mat.Dense {
	s.grad = mat.NewDense(dy.RawMatrix().Rows, s.n, nil)
	s.grad.Scale(s.k, dy)
	return s.grad
}
func (s *scale) Params() []*nn.Param { return nil }
func (s *scale) InSize() int         { return s.n }
func (s *scale) OutSize() int        { return s.n }

type wrapped struct {
	nn.Layer
	_ func()
}

func TestSequentialWithForeignLayer(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 13))
	first := nn.NewDense(3, 4, nn.Tanh, rng)
	s := nn.NewSequential([]nn.Layer{first, wrapped{Layer: &scale{k: 2, n: 4}}, nn.NewDense(4, 3, nn.Sigmoid, rng)})
	if got, want := s.String(), "Sequential(\n  (0): Dense(3 -> 4, Tanh)\n  (1): Layer(4 -> 4)\n  (2): Dense(4 -> 3, Sigmoid)\n)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	ps := s.Params()
	if len(ps) != 4 || len(s.Params()) != 4 {
		t.Fatalf("%d params", len(ps))
	}
	replacement := nn.NewDense(3, 4, nn.ReLU, rng)
	s.Layers[0] = replacement
	if got := s.Params(); got[0] != replacement.Params()[0] {
		t.Error("Params still lists the replaced layer's weights")
	}
	x := randDense(rng, 2, 3, -1, 1)
	target := randDense(rng, 2, 3, 0, 1)
	s.ZeroGrad()
	dy := mat.NewDense(2, 3, nil)
	nn.MSEGrad(dy, s.Forward(x), target)
	s.Backward(dy)
	for i, p := range s.Params() {
		checkParam(t, fmt.Sprintf("foreign stack param %d", i), func() float64 { return nn.MSE(s.Forward(x), target) }, p)
	}
}

func TestDenseLiteralAndReplacedWeights(t *testing.T) {
	d := &nn.Dense{W: mat.NewDense(2, 1, []float64{1, 2}), B: mat.NewDense(1, 1, []float64{0.5}), Act: nn.Identity}
	x := mat.NewDense(1, 2, []float64{3, 4})
	if got := d.Forward(x).At(0, 0); got != 11.5 {
		t.Errorf("literal Dense: out = %g, want 11.5", got)
	}
	d.Backward(mat.NewDense(1, 1, []float64{1}))
	if g := d.Params()[0].Grad; g.At(0, 0) != 3 || g.At(1, 0) != 4 {
		t.Errorf("literal Dense: dW = %v", mat.Formatted(g))
	}
	old := d.Params()[0]
	d.W = mat.NewDense(2, 1, []float64{-1, 0})
	if got := d.Forward(x).At(0, 0); got != -2.5 {
		t.Errorf("replaced W: out = %g, want -2.5", got)
	}
	if p := d.Params()[0]; p == old || p.Value != d.W {
		t.Error("replacing W did not make a new parameter for it")
	}
}
