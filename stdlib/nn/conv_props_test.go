package nn_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
	"gonum.org/v1/gonum/mat"
)

// TestConvAdjoint checks ⟨conv(x), y⟩ = ⟨x, convT(y)⟩ for a Conv2D and the
// ConvTranspose2D sharing its W (no bias, no activation): the transposed
// convolution is the adjoint of the convolution's linear map, to 1e-12
// relative to the scale Σ|conv(x)|·|y|.
func TestConvAdjoint(t *testing.T) {
	rng := rand.New(rand.NewPCG(42, 1))
	for _, g := range convCases {
		conv := nn.NewConv2D(g.inC, g.h, g.w, g.outC, g.k, g.s, g.p, nn.Identity, rng)
		_, oh, ow := conv.OutShape()
		// The output padding that makes convT land on the conv's input size.
		op := g.h - nn.ConvTransposeOutSize(oh, g.k, g.s, g.p, 0)
		opw := g.w - nn.ConvTransposeOutSize(ow, g.k, g.s, g.p, 0)
		if op != opw {
			continue // ConvTranspose2D has one output padding for both axes
		}
		convT := nn.NewConvTranspose2DFrom(oh, ow, g.inC, g.k, g.s, g.p, op, conv.W, mat.NewDense(1, g.inC, nil), nn.Identity)
		x := randDense(rng, 4, conv.InSize(), -1, 1)
		y := randDense(rng, 4, conv.OutSize(), -1, 1)
		cx := conv.Forward(x)
		ty := convT.Forward(y)
		lhs, rhs := dot(cx, y), dot(x, ty)
		var scale float64
		for i := 0; i < 4; i++ {
			for j, v := range cx.RawRowView(i) {
				scale += math.Abs(v * y.At(i, j))
			}
		}
		if d := math.Abs(lhs - rhs); d > 1e-12*scale {
			t.Errorf("%+v: ⟨conv x, y⟩ = %.17g, ⟨x, convT y⟩ = %.17g, difference %.3g (scale %.3g)", g, lhs, rhs, d, scale)
		}
		// Backward of the convolution is the same adjoint map.
		if d := maxAbsDiff(conv.Backward(y).RawMatrix().Data, ty.RawMatrix().Data); d > 1e-13 {
			t.Errorf("%+v: Conv2D.Backward differs from ConvTranspose2D.Forward by %g", g, d)
		}
	}
}

// TestConv2DTranslationEquivariance shifts an image whose content lies away
// from the borders by (a, b) and checks that every feature map shifts by
// the same amount (stride 1), to 1e-12.
func TestConv2DTranslationEquivariance(t *testing.T) {
	rng := rand.New(rand.NewPCG(42, 2))
	const size, c = 20, 2
	for _, act := range []nn.Activation{nn.Identity, nn.ReLU, nn.Sigmoid} {
		for _, pad := range []int{0, 1} {
			conv := nn.NewConv2D(c, size, size, 3, 3, 1, pad, act, rng)
			conv.B.Copy(randDense(rng, 1, 3, -0.5, 0.5))
			_, oh, ow := conv.OutShape()
			for _, sh := range [][2]int{{1, 0}, {0, 2}, {3, -2}, {-1, -1}} {
				x := mat.NewDense(2, c*size*size, nil)
				for ch := 0; ch < c; ch++ {
					for i := 6; i < 14; i++ {
						for j := 6; j < 14; j++ {
							v := rng.Float64()
							x.Set(0, (ch*size+i)*size+j, v)
							x.Set(1, (ch*size+i+sh[0])*size+j+sh[1], v)
						}
					}
				}
				out := conv.Forward(x)
				var worst float64
				for o := 0; o < 3; o++ {
					// Interior output positions whose shifted twin is also inside.
					for y := 4; y < oh-4; y++ {
						for xx := 4; xx < ow-4; xx++ {
							a := out.At(0, (o*oh+y)*ow+xx)
							b := out.At(1, (o*oh+y+sh[0])*ow+xx+sh[1])
							worst = math.Max(worst, math.Abs(a-b))
						}
					}
				}
				if worst > 1e-12 {
					t.Errorf("%v pad %d shift %v: feature maps differ by %g after shifting", act, pad, sh, worst)
				}
			}
		}
	}
}

// TestMaxPoolEquivarianceByTwo checks that with 2×2 pooling a shift by 2
// pixels commutes with conv+pool (the pooled maps shift by 1), while a
// 1-pixel shift in general does not.
func TestMaxPoolEquivarianceByTwo(t *testing.T) {
	rng := rand.New(rand.NewPCG(42, 3))
	const size = 16
	conv := nn.NewConv2D(1, size, size, 2, 3, 1, 1, nn.ReLU, rng)
	pool := nn.NewMaxPool2D(2, size, size, 2, 2)
	x := mat.NewDense(3, size*size, nil)
	for i := 4; i < 10; i++ {
		for j := 4; j < 10; j++ {
			v := rng.Float64()
			x.Set(0, i*size+j, v)
			x.Set(1, (i+2)*size+j+2, v)
			x.Set(2, (i+1)*size+j+1, v)
		}
	}
	out := pool.Forward(conv.Forward(x))
	const h = size / 2
	var by2, by1 float64
	for o := 0; o < 2; o++ {
		for y := 1; y < h-2; y++ {
			for xx := 1; xx < h-2; xx++ {
				a := out.At(0, (o*h+y)*h+xx)
				by2 = math.Max(by2, math.Abs(a-out.At(1, (o*h+y+1)*h+xx+1)))
				by1 = math.Max(by1, math.Abs(a-out.At(2, (o*h+y)*h+xx)))
			}
		}
	}
	if by2 > 1e-12 {
		t.Errorf("shift by 2 does not commute with conv+pool: difference %g", by2)
	}
	if by1 < 1e-3 {
		t.Errorf("shift by 1 commutes with conv+pool (difference %g): the test image is too smooth", by1)
	}
}

// TestConvStepAllocatesNothing checks that Forward and Backward of the
// convolution layers allocate nothing in steady state, with a serial BLAS
// (the OpenBLAS binding allocates a call frame per product and gonum's
// parallel Dgemm starts goroutines: the backend's business).
func TestConvStepAllocatesNothing(t *testing.T) {
	defer useLoopBLAS()()
	rng := rand.New(rand.NewPCG(42, 4))
	net := nn.NewSequential([]nn.Layer{
		nn.NewConv2D(1, 12, 12, 4, 3, 1, 1, nn.ReLU, rng),
		nn.NewMaxPool2D(4, 12, 12, 2, 2),
		nn.NewConvTranspose2D(4, 6, 6, 2, 3, 2, 1, 1, nn.ReLU, rng),
		nn.NewUpsample(2, 12, 12, 2),
		nn.NewConv2D(2, 24, 24, 1, 3, 2, 1, nn.Sigmoid, rng),
	})
	x := randDense(rng, 16, 144, 0, 1)
	dy := mat.NewDense(16, 144, nil)
	step := func() {
		nn.ZeroGrad(net.Params())
		nn.MSEGrad(dy, net.Forward(x), x)
		net.Backward(dy)
	}
	step()
	if n := testing.AllocsPerRun(20, step); n != 0 {
		t.Errorf("%g allocations per Forward+Backward after warm-up", n)
	}
}

// TestConvStrings checks the descriptions a notebook shows.
func TestConvStrings(t *testing.T) {
	rng := rand.New(rand.NewPCG(42, 5))
	for _, c := range []struct {
		l    fmt.Stringer
		want string
	}{
		{nn.NewConv2D(1, 28, 28, 16, 3, 1, 1, nn.ReLU, rng), "Conv2D(1×28×28 -> 16×28×28, 3×3, stride 1, pad 1, ReLU)"},
		{nn.NewConvTranspose2D(8, 7, 7, 16, 3, 2, 1, 1, nn.ReLU, rng), "ConvTranspose2D(8×7×7 -> 16×14×14, 3×3, stride 2, pad 1, outpad 1, ReLU)"},
		{nn.NewMaxPool2D(16, 28, 28, 2, 2), "MaxPool2D(16×28×28 -> 16×14×14, 2×2, stride 2)"},
		{nn.NewUpsample(8, 7, 7, 2), "Upsample(8×7×7 -> 8×14×14, nearest ×2)"},
	} {
		if got := c.l.String(); got != c.want {
			t.Errorf("String() = %q, want %q", got, c.want)
		}
	}
}

// loopBLAS is gonum's BLAS with a serial triple-loop Dgemm: gonum's own
// Dgemm starts goroutines (and allocates) for large products, which would
// hide this package's allocations.
type loopBLAS struct{ gonum.Implementation }

func (loopBLAS) Dgemm(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			var s float64
			for l := 0; l < k; l++ {
				ai, bi := i*lda+l, l*ldb+j
				if tA == blas.Trans {
					ai = l*lda + i
				}
				if tB == blas.Trans {
					bi = j*ldb + l
				}
				av, bv := a[ai], b[bi]
				s += av * bv
			}
			if beta == 0 {
				c[i*ldc+j] = alpha * s
			} else {
				c[i*ldc+j] = alpha*s + beta*c[i*ldc+j]
			}
		}
	}
}

// useLoopBLAS makes loopBLAS the blas64 implementation and returns the
// function that restores the previous one.
func useLoopBLAS() func() {
	prev := blas64.Implementation()
	blas64.Use(loopBLAS{})
	return func() { blas64.Use(prev) }
}

// TestConvSplitMatchesSerial runs the convolution layers with their batch
// split over two goroutines and on one: outputs and input gradients must be
// identical, parameter gradients equal to rounding (the halves' partial
// sums are added at the end).
func TestConvSplitMatchesSerial(t *testing.T) {
	old := nn.SetMinSplit(0)
	defer nn.SetMinSplit(old)
	defer nn.SetChunkTarget(nn.SetChunkTarget(300))
	rng := rand.New(rand.NewPCG(42, 6))
	layers := []nn.Layer{
		nn.NewConv2D(2, 9, 9, 3, 3, 1, 1, nn.ReLU, rng),
		nn.NewConv2D(2, 9, 9, 3, 3, 2, 1, nn.Tanh, rng),
		nn.NewConvTranspose2D(2, 5, 5, 3, 3, 2, 1, 1, nn.Sigmoid, rng),
	}
	for _, l := range layers {
		x := randDense(rng, 7, l.InSize(), -1, 1)
		dy := randDense(rng, 7, l.OutSize(), -1, 1)
		run := func(minSplit int) []*mat.Dense {
			nn.SetMinSplit(minSplit)
			nn.ZeroGrad(l.Params())
			out := mat.DenseCopyOf(l.Forward(x))
			dx := mat.DenseCopyOf(l.Backward(dy))
			res := []*mat.Dense{out, dx}
			for _, p := range l.Params() {
				res = append(res, mat.DenseCopyOf(p.Grad))
			}
			return res
		}
		split, serial := run(0), run(1<<62)
		for i := range split {
			if i < 2 && !mat.Equal(split[i], serial[i]) {
				t.Errorf("%v: result %d differs between split and serial runs", l, i)
			}
			if !mat.EqualApprox(split[i], serial[i], 1e-13) {
				t.Errorf("%v: result %d differs beyond rounding between split and serial runs", l, i)
			}
		}
	}
}

// TestConv2DFloat32 checks that the float32 path of Conv2D computes the
// float64 path's output and gradients to float32 precision, split and not.
func TestConv2DFloat32(t *testing.T) {
	rng := rand.New(rand.NewPCG(42, 7))
	for _, minSplit := range []int{0, 1 << 62} {
		old := nn.SetMinSplit(minSplit)
		for _, act := range activations {
			c := nn.NewConv2D(3, 9, 8, 4, 3, 1, 1, act, rng)
			c.B.Copy(randDense(rng, 1, 4, -0.3, 0.3))
			x := randDense(rng, 6, c.InSize(), -1, 1)
			dy := randDense(rng, 6, c.OutSize(), -1, 1)
			run := func(f32 bool) []*mat.Dense {
				c.Float32 = f32
				nn.ZeroGrad(c.Params())
				res := []*mat.Dense{mat.DenseCopyOf(c.Forward(x)), mat.DenseCopyOf(c.Backward(dy))}
				for _, p := range c.Params() {
					res = append(res, mat.DenseCopyOf(p.Grad))
				}
				return res
			}
			f64, f32 := run(false), run(true)
			for i := range f64 {
				scale := mat.Norm(f64[i], math.Inf(1))
				var d mat.Dense
				d.Sub(f64[i], f32[i])
				if diff := mat.Norm(&d, math.Inf(1)); !(diff <= 1e-5*scale) || mat.Equal(f64[i], f32[i]) && i == 0 {
					t.Errorf("%v split %v: result %d differs by %.3g (scale %.3g) between float32 and float64", act, minSplit == 0, i, diff, scale)
				}
			}
		}
		nn.SetMinSplit(old)
	}
}
