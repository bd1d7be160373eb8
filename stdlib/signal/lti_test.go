package signal

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestCheckLTIClassifies(t *testing.T) {
	sys := NewSystem1D([]float64{0.5, -1, 2, 0.25})
	cases := []struct {
		name       string
		f          func([]float64) []float64
		linear, si bool
	}{
		{"conv (System1D)", sys.Response, true, true},
		{"moving average", MovingAverage(5), true, true},
		{"delay", Delay(3), true, true},
		{"square", Square, false, true},
		{"add one", AddOne, false, true},
		{"affine b=0", Affine(3, 0), true, true},
		{"relu", ReLU, false, true},
		{"n·x[n]", TimeScaledGain, true, false},
		{"downsample", Downsample2, true, false},
		{"reverse", Reverse, true, false},
	}
	for _, c := range cases {
		for seed := uint64(1); seed <= 3; seed++ {
			r := CheckLTI(c.f, 64, seed)
			if r.Linear != c.linear || r.ShiftInvariant != c.si {
				t.Errorf("%s (seed %d): got linear=%v si=%v, want %v %v\n%v", c.name, seed, r.Linear, r.ShiftInvariant, c.linear, c.si, r)
			}
			if (r.Linearity == nil) != r.Linear || (r.Shift == nil) != r.ShiftInvariant {
				t.Errorf("%s: counter-examples inconsistent with verdict", c.name)
			}
		}
	}
	// A counter-example holds up when replayed.
	r := CheckLTI(TimeScaledGain, 64, 7)
	ce := r.Shift
	got := TimeScaledGain(circShift(sig{1, 64, ce.X1}, 0, ce.Shift).d)
	want := circShift(sig{1, 64, TimeScaledGain(ce.X1)}, 0, ce.Shift).d
	if got[ce.Index] != ce.Got || want[ce.Index] != ce.Want || ce.Got == ce.Want {
		t.Errorf("counter-example does not replay: %+v", ce)
	}
	if s := r.String(); !strings.Contains(s, "linear: yes") || !strings.Contains(s, "shift invariant: NO") {
		t.Errorf("report text: %q", s)
	}
	r = CheckLTI(Square, 64, 7)
	ce2 := r.Linearity
	mix := make([]float64, 64)
	for i := range mix {
		mix[i] = ce2.A*ce2.X1[i] + ce2.B*ce2.X2[i]
	}
	if Square(mix)[ce2.Index] != ce2.Got {
		t.Errorf("linearity counter-example does not replay: %v", ce2)
	}
	if !strings.Contains(ce2.String(), "not linear") {
		t.Errorf("text: %s", ce2)
	}
}

func TestCheckLTIInputMutation(t *testing.T) {
	// A system that scribbles on its input is still judged on what it returns.
	f := func(x []float64) []float64 {
		y := MovingAverage(3)(x)
		for i := range x {
			x[i] = 99
		}
		return y
	}
	if r := CheckLTI(f, 64, 3); !r.LTI() {
		t.Errorf("mutating LTI system misjudged:\n%v", r)
	}
}

func TestCheckLSIClassifies(t *testing.T) {
	psf := mat.NewDense(3, 3, []float64{1, 2, 1, 0, 0, 0, -1, -2, -1})
	sys := NewSystem2D(psf)
	cases := []struct {
		name       string
		f          func(*mat.Dense) *mat.Dense
		linear, si bool
	}{
		{"sobel (System2D)", sys.Response, true, true},
		{"square", Square2D, false, true},
		{"add one", AddOne2D, false, true},
		{"row gain", RowGain2D, true, false},
		{"downsample", Downsample2D, true, false},
	}
	for _, c := range cases {
		r := CheckLSI(c.f, 24, 20, 5)
		if r.Linear != c.linear || r.ShiftInvariant != c.si {
			t.Errorf("%s: got linear=%v si=%v, want %v %v\n%v", c.name, r.Linear, r.ShiftInvariant, c.linear, c.si, r)
		}
	}
	r := CheckLSI(RowGain2D, 24, 20, 5)
	if r.Shift == nil || r.Shift.Row < 0 || !strings.Contains(r.Shift.String(), "not shift invariant") {
		t.Errorf("row gain counter-example: %v", r.Shift)
	}
}

// TestLSIIsConvolution checks that an LSI system is convolution with its
// impulse response: T[x] == x ∗ T[δ].
func TestLSIIsConvolution(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	sys := NewSystem1D(randVec(rng, 9))
	h := ImpulseResponseOf(sys.Response, 1)
	if !slices.Equal(h, sys.Impulse) {
		t.Fatalf("impulse response %v != %v", h, sys.Impulse)
	}
	x := randVec(rng, 200)
	if d := maxRelDiff(sys.Response(x), Convolve(x, h, Full)); d > 1e-12 {
		t.Errorf("T[x] vs x∗h: %g", d)
	}
	step := sys.StepResponse(12)
	var acc float64
	for i, v := range sys.ImpulseResponse(12) {
		acc += v
		if d := step[i] - acc; d > 1e-15 || d < -1e-15 {
			t.Fatalf("step response[%d] = %g, want %g", i, step[i], acc)
		}
	}
	psf := randDense(rng, 5, 3)
	s2 := NewSystem2D(psf)
	ir := s2.ImpulseResponse(11, 9)
	// The centred impulse reproduces the PSF around the centre.
	if d := maxAbsDiff(mat.DenseCopyOf(ir.Slice(5-2, 5+3, 4-1, 4+2)), psf); d > 1e-12 {
		t.Errorf("2-D impulse response misplaces the PSF by %g", d)
	}
	if mat.Sum(ir) == 0 || s2.String() == "" {
		t.Error("empty impulse response")
	}
	edge := s2.StepResponse(20, 20)
	if r, c := edge.Dims(); r != 20 || c != 20 {
		t.Errorf("step response %dx%d", r, c)
	}
}
