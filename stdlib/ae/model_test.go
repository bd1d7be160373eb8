package ae

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/stdlib/nn"
	"github.com/gokernel/gokernel/stdlib/optim"
	"github.com/gokernel/gokernel/stdlib/session"
	"gonum.org/v1/gonum/mat"
)

func TestShapesAndString(t *testing.T) {
	m := New(Config{Sizes: []int{784, 128, 32}, Hidden: nn.ReLU, Output: nn.Sigmoid, Seed: 1,
		Sparsity: 0.05, SparsityWeight: 3, Noise: Gaussian(0.3), Contractive: 0.1})
	want := "Autoencoder 784-128-32-128-784 (ReLU, code Sigmoid/Sigmoid, squared error), sparse ρ=0.05 β=3, denoising Gaussian σ=0.3, contractive λ=0.1, untied, float32 products, 209968 parameters"
	if got := m.String(); got != want {
		t.Errorf("String:\n got %s\nwant %s", got, want)
	}
	x := uniform(300, 784, 0, 1, 1)
	z := m.Encode(x)
	if r, c := z.Dims(); r != 300 || c != 32 {
		t.Errorf("Encode dims %d×%d", r, c)
	}
	y := m.Decode(z)
	if r, c := y.Dims(); r != 300 || c != 784 {
		t.Errorf("Decode dims %d×%d", r, c)
	}
	if rec := m.Reconstruct(x); !mat.Equal(rec, y) {
		t.Errorf("Reconstruct differs from Decode(Encode)")
	}
	tied := New(Config{Sizes: []int{10, 6, 3}, Tied: true})
	if got := tied.NumParams(); got != 10*6+6+6*3+3+6+10 {
		t.Errorf("tied NumParams %d", got)
	}
	if !strings.Contains(tied.String(), "10-6-3-6-10 (Identity/Identity, squared error), tied") {
		t.Errorf("tied String %q", tied.String())
	}
}

// expectPanic runs f and returns its panic value.
func expectPanic(t *testing.T, f func()) (v any) {
	t.Helper()
	defer func() { v = recover() }()
	f()
	t.Errorf("no panic")
	return nil
}

func TestProgrammerErrorsPanic(t *testing.T) {
	for _, cfg := range []Config{
		{Sizes: []int{5}},
		{Sizes: []int{5, 0}},
		{Sizes: []int{5, 3}, Sparsity: 1.5},
		{Sizes: []int{5, 3}, Sparsity: 0.1, LinearCode: true},
		{Sizes: []int{5, 3}, Loss: CrossEntropy, Output: nn.Identity},
		{Sizes: []int{5, 3}, Contractive: -1},
		{Sizes: []int{5, 3}, Noise: Masking(2)},
		{Sizes: []int{5, 3}, Hidden: 42},
		{Sizes: []int{5, 3}, Precision: -1},
	} {
		if _, ok := expectPanic(t, func() { New(cfg) }).(*ConfigError); !ok {
			t.Errorf("New(%+v): want *ConfigError", cfg)
		}
	}
	m := New(Config{Sizes: []int{5, 3}})
	bad := mat.NewDense(2, 4, nil)
	for name, f := range map[string]func(){
		"Encode":      func() { m.Encode(bad) },
		"Decode":      func() { m.Decode(bad) },
		"Reconstruct": func() { m.Reconstruct(bad) },
		"Loss":        func() { m.Loss(bad) },
		"Fit":         func() { m.Fit(bad, FitOptions{}) },
		"Validation":  func() { m.Fit(mat.NewDense(2, 5, nil), FitOptions{Validation: bad}) },
		"Pretrain":    func() { m.Pretrain(bad, FitOptions{}) },
	} {
		e, ok := expectPanic(t, f).(*ShapeError)
		if !ok || e.Got != 4 {
			t.Errorf("%s: want *ShapeError with Got 4, got %v", name, e)
		}
	}
}

func TestDataErrors(t *testing.T) {
	m := New(Config{Sizes: []int{4, 2}, Seed: 1})
	x := uniform(10, 4, 0, 1, 1)
	before := mat.DenseCopyOf(m.Encoder()[0].W)
	x.Set(3, 2, math.NaN())
	_, err := m.Fit(x, FitOptions{})
	if err == nil || !strings.Contains(err.Error(), "row 3, column 2") {
		t.Errorf("NaN in data: err %v", err)
	}
	if !mat.Equal(before, m.Encoder()[0].W) {
		t.Errorf("weights changed although the data were rejected")
	}
}

func TestFitIsDeterministicAndLearns(t *testing.T) {
	x := uniform(200, 12, 0, 1, 3)
	var initial float64
	fit := func() (*Autoencoder, *History) {
		m := New(Config{Sizes: []int{12, 6}, Hidden: nn.Sigmoid, Output: nn.Sigmoid, Noise: Masking(0.2), Seed: 7})
		initial = m.Loss(x).Total
		h, err := m.Fit(x, FitOptions{Epochs: 8, Batch: 32, LR: 1e-2, Validation: x})
		if err != nil {
			t.Fatal(err)
		}
		return m, h
	}
	a, ha := fit()
	b, _ := fit()
	for i, p := range a.Params() {
		if !mat.Equal(p.Value, b.Params()[i].Value) {
			t.Fatalf("two identical runs differ in %v", p)
		}
	}
	if ha.Len() != 8 || ha.Epochs[0].Batches != 7 || ha.Epochs[0].Samples != 200 {
		t.Errorf("history shape: %d epochs, %d batches, %d samples", ha.Len(), ha.Epochs[0].Batches, ha.Epochs[0].Samples)
	}
	last := ha.Last().Validation.Total
	if !(last < 0.85*initial) || !(last < ha.Epochs[0].Validation.Total) {
		t.Errorf("validation loss %g → %v: not learning", initial, ha.Values("total", true))
	}
	if got, want := ha.Last().Validation.Reconstruction, a.ReconError(x); math.Abs(got-want) > 1e-12*want {
		t.Errorf("validation reconstruction %g, ReconError %g", got, want)
	}
	s := ha.String()
	for _, want := range []string{"fit: 8 epochs", "reconstruction", "val total"} {
		if !strings.Contains(s, want) {
			t.Errorf("History.String lacks %q:\n%s", want, s)
		}
	}
	if v := ha.Values("total", true); len(v) != 8 || v[7] != last {
		t.Errorf("Values: %v", v)
	}
}

func TestFitCancelledFromOnBatch(t *testing.T) {
	x := uniform(100, 6, 0, 1, 2)
	m := New(Config{Sizes: []int{6, 3}, Hidden: nn.Tanh, Output: nn.Sigmoid, Seed: 1})
	ctx, cancel := context.WithCancel(context.Background())
	var atCancel []*mat.Dense
	calls := 0
	h, err := m.FitContext(ctx, x, FitOptions{Epochs: 5, Batch: 10, OnBatch: func(p Progress) {
		calls++
		if p.Epoch == 2 && p.Batch == 4 {
			cancel()
			for _, q := range m.Params() {
				atCancel = append(atCancel, mat.DenseCopyOf(q.Value))
			}
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if calls != 14 {
		t.Errorf("%d steps after the cancel point: %d batches ran, want 14", calls-14, calls)
	}
	for i, q := range m.Params() {
		if !mat.Equal(q.Value, atCancel[i]) {
			t.Errorf("%v changed after the cancel", q)
		}
	}
	if h.Len() != 2 || !h.Epochs[1].Partial || h.Epochs[1].Batches != 4 || h.Epochs[0].Partial {
		t.Errorf("history after cancel: %+v", h.Epochs)
	}
	if !strings.Contains(err.Error(), "epoch 2, batch 5") {
		t.Errorf("error %q does not say where it stopped", err)
	}
	// Still usable: encodes, and trains on.
	if z := m.Encode(x); z.At(0, 0) == 0 || math.IsNaN(z.At(0, 0)) {
		t.Errorf("Encode after cancel: %v", z.At(0, 0))
	}
	if _, err := m.Fit(x, FitOptions{Epochs: 1}); err != nil {
		t.Errorf("Fit after cancel: %v", err)
	}
}

func TestNaNRollsBackTheStep(t *testing.T) {
	// An absurd rate: the first steps blow the weights up to Inf. SGD steps
	// in place after a copy of the weights; Adam steps out of place and the
	// parameters alternate between two arrays (snapshot in loop.go).
	for _, opt := range []optim.Optimizer{optim.NewSGD(1e305, 0, 0), optim.NewAdam(1e305)} {
		t.Run(fmt.Sprintf("%T", opt), func(t *testing.T) { testNaNRollsBackTheStep(t, opt) })
	}
}

func testNaNRollsBackTheStep(t *testing.T, opt optim.Optimizer) {
	x := uniform(64, 6, 0, 1, 2)
	m := New(Config{Sizes: []int{6, 4}, Hidden: nn.Sigmoid, Output: nn.Sigmoid, Contractive: 0.1, Seed: 1})
	snapshot := func() []*mat.Dense {
		var snap []*mat.Dense
		for _, q := range m.Params() {
			snap = append(snap, mat.DenseCopyOf(q.Value))
		}
		return snap
	}
	good := [][]*mat.Dense{snapshot()} // the weights of every finite loss
	_, err := m.Fit(x, FitOptions{Epochs: 50, Batch: 8, Optimizer: opt,
		OnBatch: func(p Progress) { good = append(good, snapshot()) }})
	if err == nil {
		t.Fatal("no error although the weights overflowed")
	}
	if !strings.Contains(err.Error(), "became") || !strings.Contains(err.Error(), "at epoch 1, batch") {
		t.Errorf("error text: %v", err)
	}
	t.Log(err)
	// The model holds the weights that produced the last finite loss: those
	// before the last step (the last snapshot holds the weights after it).
	if len(good) < 2 {
		t.Fatalf("no step was taken")
	}
	want := good[len(good)-2]
	for i, q := range m.Params() {
		for _, v := range q.Value.RawMatrix().Data {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("%v holds %v after rollback", q, v)
			}
		}
		if !mat.Equal(q.Value, want[i]) {
			t.Errorf("%v is not the last good snapshot", q)
		}
	}
	if l := m.Loss(x); math.IsNaN(l.Total) || math.IsInf(l.Total, 0) {
		t.Errorf("loss after rollback %v", l)
	}
}

// TestOutOfPlaceStepsMatchCopies trains the same model with Adam, which
// steps out of place (the parameters alternate between two arrays), and
// with Adam hidden behind a type that only has Step (copy, then update in
// place): the weights must agree bit for bit, and after Fit, with an odd
// number of steps, every parameter must be back in its own array.
func TestOutOfPlaceStepsMatchCopies(t *testing.T) {
	x := uniform(56, 10, 0, 1, 3) // 7 batches of 8
	var models [2]*Autoencoder
	for i := range models {
		m := New(Config{Sizes: []int{10, 4}, Hidden: nn.Tanh, Output: nn.Sigmoid, Seed: 2})
		var opt optim.Optimizer = optim.NewAdam(1e-2)
		if i == 1 {
			opt = struct{ optim.Optimizer }{opt} // hides StepTo
		}
		var arrays []*float64
		for _, p := range m.Params() {
			arrays = append(arrays, &p.Value.RawMatrix().Data[0])
		}
		if _, err := m.Fit(x, FitOptions{Epochs: 1, Batch: 8, Optimizer: opt}); err != nil {
			t.Fatal(err)
		}
		for j, p := range m.Params() {
			if &p.Value.RawMatrix().Data[0] != arrays[j] {
				t.Errorf("optimizer %d: %v is not in its own array after Fit", i, p)
			}
		}
		models[i] = m
	}
	for j, p := range models[0].Params() {
		if !mat.Equal(p.Value, models[1].Params()[j].Value) {
			t.Errorf("%v differs between the out-of-place and the in-place steps", p)
		}
	}
}

func TestPretrainThenFineTune(t *testing.T) {
	x := uniform(300, 16, 0, 1, 8)
	// Low-rank structure so that a 16-8-4 stack has something to find.
	base := uniform(300, 4, 0, 1, 9)
	mix := uniform(4, 16, 0, 0.5, 10)
	x.Mul(base, mix)
	for _, tied := range []bool{false, true} {
		m := New(Config{Sizes: []int{16, 8, 4}, Hidden: nn.Sigmoid, Output: nn.Identity, Tied: tied, Seed: 3})
		hs, err := m.Pretrain(x, FitOptions{Epochs: 20, Batch: 30, LR: 1e-2})
		if err != nil {
			t.Fatal(err)
		}
		if len(hs) != 2 || hs[0].Stage != "pretrain layer 1 (16-8)" || hs[1].Stage != "pretrain layer 2 (8-4)" {
			t.Fatalf("stages: %v", hs)
		}
		for _, h := range hs {
			if !(h.Last().Train.Total < h.Epochs[0].Train.Total) {
				t.Errorf("tied=%v %s did not decrease: %v", tied, h.Stage, h.Values("total", false))
			}
		}
		if tied {
			// The unrolled decoder is the transpose of the encoder, exactly.
			d := m.Decoder()[1].(*tiedDense)
			if d.enc != m.Encoder()[0] {
				t.Errorf("tied decoder is not bound to its mirror encoder layer")
			}
		}
		// After unrolling the error is below that of predicting the mean.
		mean := mat.NewDense(300, 16, nil)
		for j := 0; j < 16; j++ {
			s := 0.0
			for i := 0; i < 300; i++ {
				s += x.At(i, j)
			}
			for i := 0; i < 300; i++ {
				mean.Set(i, j, s/300)
			}
		}
		meanErr := reconstruction(SquaredError, mean, x, nil)
		pre := m.ReconError(x)
		if !(pre < meanErr) {
			t.Errorf("tied=%v: after pretraining %g, mean predictor %g", tied, pre, meanErr)
		}
		if _, err := m.Fit(x, FitOptions{Epochs: 20, Batch: 30, LR: 1e-2}); err != nil {
			t.Fatal(err)
		}
		if post := m.ReconError(x); !(post < pre) {
			t.Errorf("tied=%v: fine-tuning %g → %g", tied, pre, post)
		}
	}
}

func TestLossTermsAddUp(t *testing.T) {
	m := New(Config{Sizes: []int{8, 4}, Hidden: nn.Sigmoid, Output: nn.Sigmoid, Seed: 2,
		Sparsity: 0.1, L1: 0.2, Contractive: 0.3, WeightDecay: 0.01})
	x := uniform(700, 8, 0, 1, 3) // more than evalRows: Loss works in chunks
	l := m.Loss(x)
	h := m.Encode(x)
	enc := m.Encoder()[0]
	want := Terms{
		Reconstruction: m.ReconError(x),
		Sparsity:       SparsityPenalty(h, 0.1, 3, nil),
		L1:             L1Penalty(h, 0.2, nil),
		Contractive:    ContractivePenalty(nn.Sigmoid, h, enc.W, 0.3, nil, nil),
		WeightDecay:    WeightDecayPenalty([]*mat.Dense{enc.W, m.Decoder()[0].(*nn.Dense).W}, 0.01, nil),
	}
	want.sum()
	for _, name := range TermNames {
		if g, w := l.Get(name), want.Get(name); math.Abs(g-w) > 1e-12*math.Abs(w) {
			t.Errorf("%s: Loss %g, direct %g", name, g, w)
		}
	}
	if !strings.HasPrefix(l.String(), "total ") || !strings.Contains(l.String(), "contractive") {
		t.Errorf("Terms.String %q", l.String())
	}
}

func TestFloat32ProductsTrainAlike(t *testing.T) {
	x := uniform(256, 20, 0, 1, 4)
	for _, tied := range []bool{false, true} {
		var errs [2]float64
		for i, prec := range []Precision{Float64, Float32} {
			m := New(Config{Sizes: []int{20, 8}, Hidden: nn.ReLU, Output: nn.Sigmoid, Seed: 3, Precision: prec, Tied: tied})
			if _, err := m.Fit(x, FitOptions{Epochs: 10, Batch: 32, LR: 1e-2}); err != nil {
				t.Fatal(err)
			}
			errs[i] = m.ReconError(x)
			if !strings.Contains(m.String(), prec.String()+" products") {
				t.Errorf("String does not show %v: %s", prec, m)
			}
		}
		if math.Abs(errs[0]-errs[1]) > 1e-3*errs[0] || errs[0] == errs[1] {
			t.Errorf("tied=%v: float64 error %g, float32 products %g (want close, not equal)", tied, errs[0], errs[1])
		}
	}
}

func TestFitPollsSessionInterrupt(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	session.SetContextFunc(func() context.Context { return ctx })
	defer session.SetContextFunc(nil)
	m := New(Config{Sizes: []int{6, 3}, Seed: 1})
	x := uniform(64, 6, 0, 1, 1)
	steps := 0
	_, err := m.Fit(x, FitOptions{Epochs: 3, Batch: 16, OnBatch: func(Progress) {
		steps++
		cancel() // the user presses interrupt during the first step
	}})
	if !errors.Is(err, context.Canceled) || steps != 1 {
		t.Errorf("Fit under an interrupted session: err %v after %d steps", err, steps)
	}
	_, err = m.Pretrain(x, FitOptions{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Pretrain under an interrupted session: err %v", err)
	}
}

func TestProgressReports(t *testing.T) {
	m := New(Config{Sizes: []int{6, 3}, Seed: 1, L1: 0.1})
	x := uniform(40, 6, 0, 1, 1)
	var batches, epochs []Progress
	_, err := m.Fit(x, FitOptions{Epochs: 2, Batch: 16, Validation: x,
		OnBatch: func(p Progress) { batches = append(batches, p) },
		OnEpoch: func(p Progress) { epochs = append(epochs, p) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(batches) != 6 || len(epochs) != 2 {
		t.Fatalf("%d batch and %d epoch callbacks, want 6 and 2", len(batches), len(epochs))
	}
	b := batches[4]
	if b.Epoch != 2 || b.Batch != 2 || b.Batches != 3 || b.Samples != 72 || b.Terms.L1 <= 0 || b.HasValidation {
		t.Errorf("batch progress %+v", b)
	}
	e := epochs[1]
	if !e.HasValidation || e.Samples != 80 || e.Batch != 3 || e.Validation.Total <= 0 {
		t.Errorf("epoch progress %+v", e)
	}
	if s := e.String(); !strings.HasPrefix(s, "fit epoch 2/2 batch 3/3: total ") || !strings.Contains(s, "validation total") {
		t.Errorf("Progress.String %q", s)
	}
}

func TestOverflowingDataStopsBeforeAnyStep(t *testing.T) {
	m := New(Config{Sizes: []int{4, 2}, Hidden: nn.Tanh, Output: nn.Identity, Seed: 1})
	x := uniform(8, 4, 0, 1, 1)
	x.Set(5, 1, 1e200) // finite, but its square overflows
	before := mat.DenseCopyOf(m.Encoder()[0].W)
	_, err := m.Fit(x, FitOptions{Batch: 8})
	if err == nil || !strings.Contains(err.Error(), "ae: reconstruction term became +Inf at epoch 1, batch 1 (no step had been taken)") {
		t.Errorf("err %v", err)
	}
	if !mat.Equal(before, m.Encoder()[0].W) {
		t.Errorf("weights changed")
	}
}

// countingAdam is an optimizer that embeds Adam and overrides Step, as a
// learning-rate schedule or a logger would.
type countingAdam struct {
	*optim.Adam
	steps int
}

func (o *countingAdam) Step(ps []*nn.Param) {
	o.steps++
	o.Adam.Step(ps)
}

// TestFitCallsAnOverriddenStep checks that Fit steps through the user's
// Step method when the optimizer only embeds Adam (Fit's out-of-place
// steps are for *optim.Adam itself).
func TestFitCallsAnOverriddenStep(t *testing.T) {
	m := New(Config{Sizes: []int{6, 3}, Hidden: nn.Tanh, Output: nn.Sigmoid, Seed: 1})
	opt := &countingAdam{Adam: optim.NewAdam(1e-2)}
	if _, err := m.Fit(uniform(24, 6, 0, 1, 1), FitOptions{Epochs: 1, Batch: 8, Optimizer: opt}); err != nil {
		t.Fatal(err)
	}
	if opt.steps != 3 {
		t.Errorf("Step ran %d times, want 3", opt.steps)
	}
}

// TestTiedDecoderFloat32 checks that a tied decoder layer follows the
// model's precision: with Float32 its product is float32's (close to, but
// not bit-equal with, the float64 one).
func TestTiedDecoderFloat32(t *testing.T) {
	m := New(Config{Sizes: []int{30, 7}, Hidden: nn.Sigmoid, Output: nn.Sigmoid, Tied: true, Seed: 2})
	td := m.net.dec[0].(*tiedDense)
	if !td.float32 {
		t.Fatal("the tied decoder of a Float32 model computes in float64")
	}
	h := uniform(5, 7, -1, 1, 3)
	out32 := mat.DenseCopyOf(td.Forward(h))
	td.float32 = false
	out64 := td.Forward(h)
	if mat.Equal(out32, out64) || !mat.EqualApprox(out32, out64, 1e-6) {
		t.Errorf("float32 and float64 tied products: equal %v, close %v", mat.Equal(out32, out64), mat.EqualApprox(out32, out64, 1e-6))
	}
	if New(Config{Sizes: []int{30, 7}, Tied: true, Precision: Float64}).net.dec[0].(*tiedDense).float32 {
		t.Error("the tied decoder of a Float64 model computes in float32")
	}
}
