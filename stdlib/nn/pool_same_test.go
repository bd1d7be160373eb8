package nn_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

// TestMaxPool2DSameShapes checks output shapes, the TensorFlow split of
// the padding and the description of "same" pooling.
func TestMaxPool2DSameShapes(t *testing.T) {
	for _, c := range []struct {
		ch, h, w, size, stride int
		oh, ow                 int
		top, bottom, l, r      int
	}{
		{8, 7, 7, 2, 2, 4, 4, 0, 1, 0, 1},
		{16, 28, 28, 2, 2, 14, 14, 0, 0, 0, 0},
		{8, 14, 14, 2, 2, 7, 7, 0, 0, 0, 0},
		{3, 5, 5, 3, 2, 3, 3, 1, 1, 1, 1},
		{1, 7, 6, 3, 2, 4, 3, 1, 1, 0, 1}, // 7: (4−1)·2+3−7 = 2; 6: (3−1)·2+3−6 = 1
		{2, 6, 5, 3, 1, 6, 5, 1, 1, 1, 1},
		{1, 4, 4, 4, 1, 4, 4, 1, 2, 1, 2}, // odd total: the larger half after
		{1, 1, 1, 2, 2, 1, 1, 0, 1, 0, 1}, // a window larger than the image
		{1, 7, 7, 1, 3, 3, 3, 0, 0, 0, 0}, // stride larger than the window
		{1, 8, 8, 2, 3, 3, 3, 0, 0, 0, 0},
	} {
		p := nn.NewMaxPool2DSame(c.ch, c.h, c.w, c.size, c.stride)
		ch, oh, ow := p.OutShape()
		if ch != c.ch || oh != c.oh || ow != c.ow {
			t.Errorf("%+v: out shape %d×%d×%d, want %d×%d×%d", c, ch, oh, ow, c.ch, c.oh, c.ow)
		}
		if p.OutSize() != c.ch*c.oh*c.ow || p.InSize() != c.ch*c.h*c.w {
			t.Errorf("%+v: sizes %d -> %d", c, p.InSize(), p.OutSize())
		}
		top, bottom, l, r := p.Padding()
		if top != c.top || bottom != c.bottom || l != c.l || r != c.r {
			t.Errorf("%+v: padding %d,%d,%d,%d, want %d,%d,%d,%d", c, top, bottom, l, r, c.top, c.bottom, c.l, c.r)
		}
		if size, stride := p.Window(); size != c.size || stride != c.stride || !p.Same() {
			t.Errorf("%+v: Window %d, %d, Same %v", c, size, stride, p.Same())
		}
	}
	if got, want := nn.NewMaxPool2DSame(8, 7, 7, 2, 2).String(), "MaxPool2D(8×7×7 -> 8×4×4, 2×2, stride 2, same)"; got != want {
		t.Errorf("String %q, want %q", got, want)
	}
	v := nn.NewMaxPool2D(8, 7, 7, 2, 2)
	if top, bottom, l, r := v.Padding(); v.Same() || top|bottom|l|r != 0 {
		t.Errorf("NewMaxPool2D: Same %v, padding %d,%d,%d,%d", v.Same(), top, bottom, l, r)
	}
	if got, want := v.String(), "MaxPool2D(8×7×7 -> 8×3×3, 2×2, stride 2)"; got != want {
		t.Errorf("String %q, want %q", got, want)
	}
	for _, bad := range [][5]int{{0, 4, 4, 2, 2}, {1, 0, 4, 2, 2}, {1, 4, -1, 2, 2}, {1, 4, 4, 0, 2}, {1, 4, 4, 2, 0}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("NewMaxPool2DSame%v did not panic", bad)
				}
			}()
			nn.NewMaxPool2DSame(bad[0], bad[1], bad[2], bad[3], bad[4])
		}()
	}
}

// TestMaxPool2DSameValues checks "same" pooling of two hand-made 3×3
// channels into 2×2: the last row and column form clipped windows, and in
// the all-negative channel they must not see the padding as zeros.
func TestMaxPool2DSameValues(t *testing.T) {
	x := mat.NewDense(1, 18, []float64{
		1, 9, 2,
		4, 3, 8,
		7, 5, 6,

		-5, -1, -7,
		-2, -3, -4,
		-9, -8, -6,
	})
	p := nn.NewMaxPool2DSame(2, 3, 3, 2, 2)
	out := p.Forward(x)
	if want := []float64{9, 8, 7, 6, -1, -4, -8, -6}; maxAbsDiff(out.RawRowView(0), want) != 0 {
		t.Errorf("pooled %v, want %v", out.RawRowView(0), want)
	}
	dx := p.Backward(mat.NewDense(1, 8, []float64{10, 20, 30, 40, 50, 60, 70, 80}))
	want := []float64{
		0, 10, 0,
		0, 0, 20,
		30, 0, 40,

		0, 50, 0,
		0, 0, 60,
		0, 70, 80,
	}
	if maxAbsDiff(dx.RawRowView(0), want) != 0 {
		t.Errorf("routed gradient %v, want %v", dx.RawRowView(0), want)
	}

	// Ties go to the first maximum in row-major order, also in a clipped
	// window; a NaN wins its window.
	x = mat.NewDense(1, 9, []float64{
		2, 2, 5,
		2, 1, 5,
		3, math.NaN(), 4,
	})
	p = nn.NewMaxPool2DSame(1, 3, 3, 2, 2)
	out = p.Forward(x)
	if o := out.RawRowView(0); o[0] != 2 || o[1] != 5 || !math.IsNaN(o[2]) || o[3] != 4 {
		t.Errorf("pooled %v, want [2 5 NaN 4]", o)
	}
	dx = p.Backward(mat.NewDense(1, 4, []float64{1, 2, 3, 4}))
	if want := []float64{1, 0, 2, 0, 0, 0, 0, 3, 4}; maxAbsDiff(dx.RawRowView(0), want) != 0 {
		t.Errorf("routed gradient %v, want %v", dx.RawRowView(0), want)
	}
}

// padImage returns the samples of x (c×h×w each) surrounded by the given
// border of fill values.
func padImage(x *mat.Dense, c, h, w, top, bottom, left, right int, fill float64) *mat.Dense {
	n, _ := x.Dims()
	ph, pw := h+top+bottom, w+left+right
	out := mat.NewDense(n, c*ph*pw, nil)
	for s := 0; s < n; s++ {
		dst, src := out.RawRowView(s), x.RawRowView(s)
		for i := range dst {
			dst[i] = fill
		}
		for ci := 0; ci < c; ci++ {
			for y := 0; y < h; y++ {
				copy(dst[(ci*ph+y+top)*pw+left:], src[(ci*h+y)*w:(ci*h+y+1)*w])
			}
		}
	}
	return out
}

// cropImage is the adjoint of padImage without the fill: it keeps the
// interior of every padded sample.
func cropImage(x *mat.Dense, c, h, w, top, bottom, left, right int) *mat.Dense {
	n, _ := x.Dims()
	ph, pw := h+top+bottom, w+left+right
	out := mat.NewDense(n, c*h*w, nil)
	for s := 0; s < n; s++ {
		dst, src := out.RawRowView(s), x.RawRowView(s)
		for ci := 0; ci < c; ci++ {
			for y := 0; y < h; y++ {
				copy(dst[(ci*h+y)*w:(ci*h+y+1)*w], src[(ci*ph+y+top)*pw+left:])
			}
		}
	}
	return out
}

// TestMaxPool2DSameMatchesPaddedValid checks "same" pooling against its
// definition on many shapes: valid pooling of the image padded with −Inf
// as TensorFlow pads it (the padding recomputed here, not read from the
// layer), and the gradient cropped back to the image.
func TestMaxPool2DSameMatchesPaddedValid(t *testing.T) {
	rng := rand.New(rand.NewPCG(52, 1))
	split := func(in, k, s int) (out, before, after int) {
		out = int(math.Ceil(float64(in) / float64(s)))
		total := (out-1)*s + k - in
		if total < 0 {
			total = 0
		}
		return out, total / 2, total - total/2
	}
	checked := 0
	for h := 1; h <= 9; h++ {
		for _, w := range []int{1, 4, 5, 8} {
			for size := 1; size <= 4; size++ {
				for stride := 1; stride <= 4; stride++ {
					const c, n = 2, 3
					oh, top, bottom := split(h, size, stride)
					ow, left, right := split(w, size, stride)
					p := nn.NewMaxPool2DSame(c, h, w, size, stride)
					what := fmt.Sprintf("%d×%d size %d stride %d", h, w, size, stride)
					if _, gh, gw := p.OutShape(); gh != oh || gw != ow {
						t.Errorf("%s: out %d×%d, want %d×%d", what, gh, gw, oh, ow)
						continue
					}
					ref := nn.NewMaxPool2D(c, h+top+bottom, w+left+right, size, stride)
					if _, rh, rw := ref.OutShape(); rh != oh || rw != ow {
						t.Fatalf("%s: reference out %d×%d, want %d×%d", what, rh, rw, oh, ow)
					}
					x := randDense(rng, n, p.InSize(), -1, 1)
					dy := randDense(rng, n, p.OutSize(), -1, 1)
					xp := padImage(x, c, h, w, top, bottom, left, right, math.Inf(-1))
					if !mat.Equal(p.Forward(x), ref.Forward(xp)) {
						t.Errorf("%s: Forward differs from valid pooling of the −Inf-padded image", what)
					}
					want := cropImage(ref.Backward(dy), c, h, w, top, bottom, left, right)
					if !mat.Equal(p.Backward(dy), want) {
						t.Errorf("%s: Backward differs from the cropped gradient of the padded pooling", what)
					}
					checked++
				}
			}
		}
	}
	if checked != 9*4*4*4 {
		t.Errorf("checked %d shapes", checked)
	}
}

// TestMaxPool2DSameDivisible checks that where no padding is needed the
// "same" layer equals the valid one bit for bit, forward and backward.
func TestMaxPool2DSameDivisible(t *testing.T) {
	rng := rand.New(rand.NewPCG(52, 2))
	for _, c := range []struct{ ch, h, w, size, stride int }{
		{3, 8, 8, 2, 2}, {16, 28, 28, 2, 2}, {2, 9, 6, 3, 3}, {1, 6, 4, 2, 2}, {2, 7, 7, 1, 3}, {2, 8, 8, 2, 3},
	} {
		s := nn.NewMaxPool2DSame(c.ch, c.h, c.w, c.size, c.stride)
		v := nn.NewMaxPool2D(c.ch, c.h, c.w, c.size, c.stride)
		if top, bottom, l, r := s.Padding(); top|bottom|l|r != 0 {
			t.Fatalf("%+v: padding %d,%d,%d,%d, want none", c, top, bottom, l, r)
		}
		x := randDense(rng, 4, v.InSize(), -1, 1)
		dy := randDense(rng, 4, v.OutSize(), -1, 1)
		if !mat.Equal(s.Forward(x), v.Forward(x)) {
			t.Errorf("%+v: Forward differs from NewMaxPool2D's", c)
		}
		if !mat.Equal(s.Backward(dy), v.Backward(dy)) {
			t.Errorf("%+v: Backward differs from NewMaxPool2D's", c)
		}
	}
}

// distinctDense returns an r×c matrix holding a random permutation of r·c
// values spaced 1/(r·c) apart in [−0.5, 0.5): far wider than a gradient
// check's step, so no window's argmax changes under it.
func distinctDense(rng *rand.Rand, r, c int) *mat.Dense {
	m := mat.NewDense(r, c, nil)
	for i, v := range rng.Perm(r * c) {
		m.Set(i/c, i%c, float64(v)/float64(r*c)-0.5)
	}
	return m
}

// TestMaxPool2DSameGradient checks the argmax routing of "same" pooling
// against central differences, on inputs with distinct values.
func TestMaxPool2DSameGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(52, 3))
	for _, c := range []struct{ ch, h, w, size, stride int }{
		{2, 7, 7, 2, 2}, {2, 5, 5, 3, 2}, {1, 7, 6, 3, 2}, {2, 6, 5, 3, 1}, {1, 4, 4, 3, 3}, {1, 2, 3, 4, 2},
	} {
		p := nn.NewMaxPool2DSame(c.ch, c.h, c.w, c.size, c.stride)
		checkLayer(t, fmt.Sprintf("MaxPool2DSame %+v", c), p, distinctDense(rng, 3, p.InSize()), rng)
	}
}

// TestMaxPool2DSameSplit checks that "same" pooling gives the same
// results bit for bit with its batch split over two goroutines, on one
// (Serial) and below the split threshold.
func TestMaxPool2DSameSplit(t *testing.T) {
	defer nn.SetMinSplit(nn.SetMinSplit(0))
	rng := rand.New(rand.NewPCG(52, 4))
	x := randDense(rng, 7, 3*9*9, -1, 1)
	dy := randDense(rng, 7, 3*5*5, -1, 1)
	run := func(serial bool, minSplit int) (out, dx *mat.Dense) {
		nn.SetMinSplit(minSplit)
		p := nn.NewMaxPool2DSame(3, 9, 9, 3, 2)
		p.Serial = serial
		out = mat.DenseCopyOf(p.Forward(x))
		return out, mat.DenseCopyOf(p.Backward(dy))
	}
	out, dx := run(false, 0)
	for _, c := range []struct {
		serial   bool
		minSplit int
	}{{true, 0}, {false, math.MaxInt}} {
		o, d := run(c.serial, c.minSplit)
		if !mat.Equal(o, out) || !mat.Equal(d, dx) {
			t.Errorf("Serial %v, min split %d: results differ from the split run", c.serial, c.minSplit)
		}
	}
}

// TestSameStackGradient gradient-checks a small convolutional stack whose
// pooling pads (7 → 4), end to end.
func TestSameStackGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(52, 5))
	net := nn.NewSequential([]nn.Layer{
		nn.NewConv2D(1, 7, 7, 2, 3, 1, 1, nn.Tanh, rng),
		nn.NewMaxPool2DSame(2, 7, 7, 2, 2),
		nn.NewConv2D(2, 4, 4, 2, 3, 1, 1, nn.Tanh, rng),
		nn.NewUpsample(2, 4, 4, 2),
		nn.NewConv2D(2, 8, 8, 1, 2, 1, 0, nn.Sigmoid, rng),
	})
	x, target := randDense(rng, 2, 49, 0, 1), randDense(rng, 2, 49, 0, 1)
	dy := mat.NewDense(2, 49, nil)
	loss := func() float64 { return nn.SumSquaredError(net.Forward(x), target) }
	nn.ZeroGrad(net.Params())
	nn.SumSquaredErrorGrad(dy, net.Forward(x), target)
	dx := mat.DenseCopyOf(net.Backward(dy))
	for i, p := range net.Params() {
		checkParam(t, fmt.Sprintf("same stack param %d", i), loss, p)
	}
	checkParam(t, "same stack", loss, &nn.Param{Name: "x", Value: x, Grad: dx})
}

// BenchmarkMaxPool2DSame measures Forward and Backward of "same" 2×2
// pooling on 8 channels of 7×7 (to 4×4), the padded pooling of the Keras
// convolutional autoencoder, for 4 images; the valid 7 → 3 pooling is run
// beside it for comparison.
func BenchmarkMaxPool2DSame(b *testing.B) {
	for _, same := range []bool{true, false} {
		name := "same"
		p := nn.NewMaxPool2DSame(8, 7, 7, 2, 2)
		if !same {
			name = "valid"
			p = nn.NewMaxPool2D(8, 7, 7, 2, 2)
		}
		b.Run(name, func(b *testing.B) {
			rng := rand.New(rand.NewPCG(52, 7))
			p.Serial = true
			x := randDense(rng, 4, p.InSize(), -1, 1)
			dy := randDense(rng, 4, p.OutSize(), -1, 1)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				p.Forward(x)
				p.Backward(dy)
			}
			b.ReportMetric(float64(b.N*4)/b.Elapsed().Seconds(), "samples/s")
		})
	}
}
