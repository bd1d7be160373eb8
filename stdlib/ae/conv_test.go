package ae

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/stdlib/nn"
	"github.com/gokernel/gokernel/stdlib/optim"
	"github.com/gokernel/gokernel/stdlib/session"
	"gonum.org/v1/gonum/mat"
)

func TestConvShapesAndString(t *testing.T) {
	for _, c := range []struct {
		dec    ConvDecoder
		layers []string
	}{
		{TransposedConv, []string{
			"ConvTranspose2D(8×7×7 -> 16×14×14, 3×3, stride 2, pad 1, outpad 1, ReLU)",
			"ConvTranspose2D(16×14×14 -> 1×28×28, 3×3, stride 2, pad 1, outpad 1, Sigmoid)"}},
		{UpsampleConv, []string{
			"Upsample(8×7×7 -> 8×14×14, nearest ×2)",
			"Conv2D(8×14×14 -> 16×14×14, 3×3, stride 1, pad 1, ReLU)",
			"Upsample(16×14×14 -> 16×28×28, nearest ×2)",
			"Conv2D(16×28×28 -> 1×28×28, 3×3, stride 1, pad 1, Sigmoid)"}},
	} {
		m := NewConv(ConvConfig{Filters: []int{16, 8}, Hidden: nn.ReLU, Output: nn.Sigmoid, Decoder: c.dec, Seed: 1})
		// Conv 16·9+16, Conv 8·144+8, then 8·16·9+16 and 16·9+1 in both decoders.
		want := fmt.Sprintf("ConvAutoencoder 1×28×28 → conv 16-8 3×3 pool 2 → code 8×7×7 → %v (ReLU/Sigmoid, squared error), float32 products, 2633 parameters", c.dec)
		if got := m.String(); got != want {
			t.Errorf("String:\n got %s\nwant %s", got, want)
		}
		if ch, h, w := m.CodeShape(); ch != 8 || h != 7 || w != 7 || m.CodeSize() != 392 || m.InputSize() != 784 {
			t.Errorf("code shape %d×%d×%d (size %d), input %d", ch, h, w, m.CodeSize(), m.InputSize())
		}
		enc := []string{
			"Conv2D(1×28×28 -> 16×28×28, 3×3, stride 1, pad 1, ReLU)",
			"MaxPool2D(16×28×28 -> 16×14×14, 2×2, stride 2)",
			"Conv2D(16×14×14 -> 8×14×14, 3×3, stride 1, pad 1, ReLU)",
			"MaxPool2D(8×14×14 -> 8×7×7, 2×2, stride 2)",
		}
		for i, l := range m.Encoder() {
			if got := fmt.Sprint(l); got != enc[i] {
				t.Errorf("encoder layer %d: %s, want %s", i, got, enc[i])
			}
		}
		for i, l := range m.Decoder() {
			if got := fmt.Sprint(l); got != c.layers[i] {
				t.Errorf("%v decoder layer %d: %s, want %s", c.dec, i, got, c.layers[i])
			}
		}
		if m.Conv(1) != m.Encoder()[2] {
			t.Error("Conv(1) is not the second encoder convolution")
		}
		x := uniform(300, 784, 0, 1, 1) // more than one evaluation chunk
		z := m.Encode(x)
		if r, cols := z.Dims(); r != 300 || cols != 392 {
			t.Errorf("Encode dims %d×%d", r, cols)
		}
		y := m.Decode(z)
		if r, cols := y.Dims(); r != 300 || cols != 784 {
			t.Errorf("Decode dims %d×%d", r, cols)
		}
		if rec := m.Reconstruct(x); !mat.Equal(rec, y) {
			t.Error("Reconstruct differs from Decode(Encode)")
		}
	}
	// Other sizes, no pooling, kernel 5: the output still has the input's shape.
	for _, cfg := range []ConvConfig{
		{Channels: 3, Height: 12, Width: 8, Filters: []int{4, 2}, Kernel: 5, Hidden: nn.Tanh},
		{Channels: 2, Height: 9, Width: 9, Filters: []int{3}, Pool: 3},
		{Height: 6, Width: 6, Filters: []int{2, 2}, Pool: 1, Kernel: 1},
		{Height: 8, Width: 8, Filters: []int{3}, Kernel: 5, Decoder: UpsampleConv},
	} {
		m := NewConv(cfg)
		c := m.Config()
		x := uniform(5, c.Channels*c.Height*c.Width, 0, 1, 2)
		if r, cols := m.Reconstruct(x).Dims(); r != 5 || cols != m.InputSize() {
			t.Errorf("%v: reconstruction %d×%d", c, r, cols)
		}
	}
}

func TestConvConfigErrors(t *testing.T) {
	for _, cfg := range []ConvConfig{
		{},
		{Filters: []int{4, 0}},
		{Filters: []int{4}, Kernel: 2},
		{Filters: []int{4}, Kernel: -3},
		{Filters: []int{4}, Pool: -1},
		{Filters: []int{4, 4, 4}}, // 28 → 14 → 7 → 3.5
		{Filters: []int{4}, Height: -2},
		{Filters: []int{4}, Decoder: 7},
		{Filters: []int{4}, Hidden: 99},
		{Filters: []int{4}, Loss: CrossEntropy},
		{Filters: []int{4}, WeightDecay: -1},
		{Filters: []int{4}, Noise: Masking(2)},
		{Filters: []int{4}, Sparsity: 1},
		{Filters: []int{4}, Sparsity: -0.1},
		{Filters: []int{4}, Sparsity: 0.1, SparsityWeight: -2},
		{Filters: []int{4}, L1: math.Inf(1)},
		{Filters: []int{4}, Contractive: math.NaN()},
		{Filters: []int{4}, Precision: 5},
	} {
		v := expectPanic(t, func() { NewConv(cfg) })
		if _, ok := v.(*ConfigError); !ok {
			t.Errorf("%+v: panic %v, want a *ConfigError", cfg, v)
		}
	}
	m := NewConv(ConvConfig{Height: 8, Width: 8, Filters: []int{2}})
	for name, f := range map[string]func(){
		"Encode": func() { m.Encode(mat.NewDense(2, 63, nil)) },
		"Decode": func() { m.Decode(mat.NewDense(2, 63, nil)) },
		"Fit":    func() { m.Fit(mat.NewDense(2, 63, nil), FitOptions{}) },
		"Loss":   func() { m.Loss(mat.NewDense(2, 65, nil)) },
	} {
		if _, ok := expectPanic(t, f).(*ShapeError); !ok {
			t.Errorf("%s with a wrong width: no *ShapeError", name)
		}
	}
}

// TestConvGradient checks the gradient of the whole training loss of small
// convolutional autoencoders, both decoders, both losses, with weight decay
// and a corrupted input, against central differences (relative error per
// element < 1e-6). The step is 1e-4: with smaller steps the last-bit noise
// of nn's fast sigmoid, divided by the step, dominates the error (it grows
// as the step shrinks, which truncation error would not).
func TestConvGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for _, cfg := range []ConvConfig{
		{Height: 8, Width: 8, Filters: []int{3, 2}, Hidden: nn.Tanh, Output: nn.Sigmoid, Loss: CrossEntropy},
		{Height: 8, Width: 8, Filters: []int{3, 2}, Hidden: nn.Tanh, Output: nn.Identity, WeightDecay: 0.01, Decoder: UpsampleConv},
		{Channels: 2, Height: 6, Width: 6, Filters: []int{2}, Kernel: 5, Hidden: nn.Tanh, Output: nn.Sigmoid, Pool: 3},
		// The regularisers of the code and the first convolution, alone and
		// together (5×5 kernels on 6×6 images: most windows cross the border).
		{Height: 8, Width: 8, Filters: []int{3, 2}, Hidden: nn.Tanh, Output: nn.Sigmoid, Sparsity: 0.2, SparsityWeight: 2},
		{Height: 8, Width: 8, Filters: []int{3, 2}, Hidden: nn.Tanh, Output: nn.Sigmoid, L1: 0.3},
		{Height: 8, Width: 8, Filters: []int{3, 2}, Hidden: nn.Sigmoid, Output: nn.Sigmoid, Contractive: 0.7},
		{Channels: 2, Height: 6, Width: 6, Filters: []int{2}, Kernel: 5, Hidden: nn.Tanh, Output: nn.Sigmoid, Pool: 3, Contractive: 0.5},
		{Height: 8, Width: 8, Filters: []int{3, 2}, Hidden: nn.Sigmoid, Output: nn.Sigmoid, Loss: CrossEntropy, Decoder: UpsampleConv,
			Sparsity: 0.1, L1: 0.2, Contractive: 0.4, WeightDecay: 0.01},
	} {
		cfg.Seed = 3
		cfg.Precision = Float64
		m := NewConv(cfg)
		for _, p := range m.Params() { // non-zero biases
			if r, _ := p.Value.Dims(); p.Name == "B" && r == 1 {
				for j := range p.Value.RawMatrix().Data {
					p.Value.RawMatrix().Data[j] = 0.2 * (2*rng.Float64() - 1)
				}
			}
		}
		clean := uniform(4, m.InputSize(), 0.05, 0.95, 4)
		in := Gaussian(0.2).Corrupt(nil, clean, rng)
		m.objective(in, clean, true)
		grads := make([]*mat.Dense, len(m.Params()))
		for i, p := range m.Params() {
			grads[i] = mat.DenseCopyOf(p.Grad)
		}
		loss := func() float64 { return m.objective(in, clean, false).Total }
		for i, p := range m.Params() {
			q := &nn.Param{Name: p.Name, Value: p.Value, Grad: grads[i]}
			if rel := nn.CheckGradient(loss, q, 1e-4); !(rel < 1e-6) {
				t.Errorf("%v: parameter %d (%v): max relative error %.3g", cfg, i, p, rel)
			}
		}
	}
}

func TestConvFitIsDeterministicAndLearns(t *testing.T) {
	cfg := ConvConfig{Height: 8, Width: 8, Filters: []int{4, 2}, Hidden: nn.ReLU, Output: nn.Sigmoid, Seed: 5, Noise: Masking(0.2)}
	x := blobs(200, 6)
	fit := func() (*ConvAutoencoder, *History) {
		m := NewConv(cfg)
		h, err := m.Fit(x, FitOptions{Epochs: 12, Batch: 32, LR: 5e-3, Validation: x.Slice(0, 50, 0, 64).(*mat.Dense)})
		if err != nil {
			t.Fatal(err)
		}
		return m, h
	}
	m1, h1 := fit()
	m2, h2 := fit()
	for i, p := range m1.Params() {
		if !mat.Equal(p.Value, m2.Params()[i].Value) {
			t.Errorf("two runs from the same seeds differ in %v", p)
		}
	}
	if h1.Len() != 12 || h2.Last().Train != h1.Last().Train || !h1.Last().HasValidation {
		t.Errorf("histories: %v / %v", h1, h2)
	}
	tr := h1.Values("total", false)
	if !(tr[len(tr)-1] < 0.5*tr[0]) {
		t.Errorf("training loss %v did not fall", tr)
	}
	if v := h1.Last().Validation; v.Reconstruction != m1.Loss(x.Slice(0, 50, 0, 64).(*mat.Dense)).Reconstruction {
		t.Errorf("validation terms %v differ from Loss", v)
	}
}

// blobs returns n 8×8 images of one Gaussian bump each, at a random place
// with a random height in [0.5, 1]: data with a two-parameter structure.
func blobs(n int, seed uint64) *mat.Dense {
	rng := rand.New(rand.NewPCG(seed, 11))
	x := mat.NewDense(n, 64, nil)
	for i := 0; i < n; i++ {
		cy, cx, a := 1+6*rng.Float64(), 1+6*rng.Float64(), 0.5+0.5*rng.Float64()
		row := x.RawRowView(i)
		for y := 0; y < 8; y++ {
			for xx := 0; xx < 8; xx++ {
				d2 := (float64(y)-cy)*(float64(y)-cy) + (float64(xx)-cx)*(float64(xx)-cx)
				row[y*8+xx] = a * math.Exp(-d2/3)
			}
		}
	}
	return x
}

func TestConvFitCancelAndInterrupt(t *testing.T) {
	x := uniform(100, 64, 0, 1, 2)
	m := NewConv(ConvConfig{Height: 8, Width: 8, Filters: []int{2}, Hidden: nn.ReLU, Output: nn.Sigmoid, Seed: 1})
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
	if !errors.Is(err, context.Canceled) || calls != 14 {
		t.Fatalf("err %v after %d steps, want context.Canceled after 14", err, calls)
	}
	for i, q := range m.Params() {
		if !mat.Equal(q.Value, atCancel[i]) {
			t.Errorf("%v changed after the cancel", q)
		}
	}
	if h.Len() != 2 || !h.Epochs[1].Partial || h.Epochs[1].Batches != 4 {
		t.Errorf("history after cancel: %+v", h.Epochs)
	}
	if _, err := m.Fit(x, FitOptions{Epochs: 1}); err != nil {
		t.Errorf("Fit after cancel: %v", err)
	}

	ictx, icancel := context.WithCancel(context.Background())
	session.SetContextFunc(func() context.Context { return ictx })
	defer session.SetContextFunc(nil)
	steps := 0
	_, err = m.Fit(x, FitOptions{Epochs: 3, Batch: 16, OnBatch: func(Progress) { steps++; icancel() }})
	if !errors.Is(err, context.Canceled) || steps != 1 {
		t.Errorf("Fit under an interrupted session: err %v after %d steps", err, steps)
	}
}

func TestConvNaNHandling(t *testing.T) {
	x := uniform(64, 64, 0, 1, 3)
	m := NewConv(ConvConfig{Height: 8, Width: 8, Filters: []int{2}, Hidden: nn.Sigmoid, Output: nn.Identity, Seed: 1})
	var good [][]*mat.Dense
	snapshot := func() {
		var s []*mat.Dense
		for _, q := range m.Params() {
			s = append(s, mat.DenseCopyOf(q.Value))
		}
		good = append(good, s)
	}
	snapshot()
	_, err := m.Fit(x, FitOptions{Epochs: 50, Batch: 8, Optimizer: optim.NewSGD(1e305, 0, 0),
		OnBatch: func(Progress) { snapshot() }})
	if err == nil || !strings.Contains(err.Error(), "became") {
		t.Fatalf("error %v, want a non-finite loss report", err)
	}
	if len(good) < 2 {
		t.Fatal("no step was taken")
	}
	want := good[len(good)-2]
	for i, q := range m.Params() {
		if !mat.Equal(q.Value, want[i]) {
			t.Errorf("%v is not the last good snapshot", q)
		}
	}
	bad := mat.DenseCopyOf(x)
	bad.Set(3, 5, math.NaN())
	if _, err := m.Fit(bad, FitOptions{}); err == nil || !strings.Contains(err.Error(), "row 3, column 5") {
		t.Errorf("NaN in the data: error %v", err)
	}
}

// meanSquaredRowError returns the mean over rows of Σ_j (a_ij − b_ij)².
func meanSquaredRowError(a, b *mat.Dense) float64 {
	r, _ := a.Dims()
	var s float64
	for i := 0; i < r; i++ {
		br := b.RawRowView(i)
		for j, v := range a.RawRowView(i) {
			d := v - br[j]
			s += d * d
		}
	}
	return s / float64(r)
}

// TestConvAEOnMNIST trains the 16-8 convolutional autoencoder on 1000
// digits: the loss falls, and test reconstructions beat the mean training
// image by a wide margin. The denoising variant (masking noise) restores
// corrupted test digits better than the corruption leaves them and better
// than the plain model does.
func TestConvAEOnMNIST(t *testing.T) {
	train, test := smallMNIST(t, 1000, 200)
	mean := mat.NewDense(200, 784, nil)
	for i := 0; i < 1000; i++ {
		for j, v := range train.RawRowView(i) {
			mean.RawRowView(0)[j] += v / 1000
		}
	}
	for i := 1; i < 200; i++ {
		copy(mean.RawRowView(i), mean.RawRowView(0))
	}
	meanErr := meanSquaredRowError(mean, test)
	noise := Masking(0.3)
	noisy := noise.Corrupt(nil, test, rand.New(rand.NewPCG(9, 9)))
	noisyErr := meanSquaredRowError(noisy, test)
	var plainNoisy float64
	for _, nz := range []Noise{{}, noise} {
		m := NewConv(ConvConfig{Filters: []int{16, 8}, Hidden: nn.ReLU, Output: nn.Sigmoid, Loss: CrossEntropy, Seed: 1, Noise: nz})
		h, err := m.Fit(train, FitOptions{Epochs: 6, Batch: 32, LR: 3e-3})
		if err != nil {
			t.Fatal(err)
		}
		tr := h.Values("total", false)
		rec := m.ReconError(test)
		fromNoisy := meanSquaredRowError(m.Reconstruct(noisy), test)
		t.Logf("noise %v: loss per epoch %.4g; test recon error %.3g (mean image %.3g); from corrupted digits %.3g (corrupted %.3g)",
			nz, tr, rec, meanErr, fromNoisy, noisyErr)
		if !(tr[len(tr)-1] < 0.7*tr[0]) {
			t.Errorf("noise %v: loss %v did not fall", nz, tr)
		}
		if !(rec < 0.5*meanErr) {
			t.Errorf("noise %v: test reconstruction error %.3g, mean image %.3g", nz, rec, meanErr)
		}
		if !nz.Active() {
			plainNoisy = fromNoisy
			continue
		}
		if !(fromNoisy < 0.8*noisyErr && fromNoisy < 0.9*plainNoisy) {
			t.Errorf("denoising: error from corrupted digits %.3g, corrupted %.3g, plain model %.3g", fromNoisy, noisyErr, plainNoisy)
		}
	}
}

// TestConvFloat32TrainsAlike checks that float32 products give the float64
// model's loss to float32 precision and train it as well.
func TestConvFloat32TrainsAlike(t *testing.T) {
	x := blobs(200, 8)
	var final [2]float64
	for i, prec := range []Precision{Float64, Float32} {
		m := NewConv(ConvConfig{Height: 8, Width: 8, Filters: []int{4, 2}, Hidden: nn.ReLU, Output: nn.Sigmoid, Seed: 5, Precision: prec})
		if !strings.Contains(m.String(), prec.String()) {
			t.Errorf("String %q does not tell the precision", m)
		}
		h, err := m.Fit(x, FitOptions{Epochs: 10, Batch: 32, LR: 5e-3})
		if err != nil {
			t.Fatal(err)
		}
		final[i] = h.Last().Train.Total
	}
	if math.Abs(final[0]-final[1]) > 0.02*final[0] {
		t.Errorf("final loss %.6g in float64, %.6g with float32 products", final[0], final[1])
	}
}

// TestConvMicroBatchesMatchWholeBatch checks that running a batch through
// the network in micro-batches gives the whole batch's loss and gradient,
// and the same bits on one goroutine as divided among several network
// copies.
func TestConvMicroBatchesMatchWholeBatch(t *testing.T) {
	m := NewConv(ConvConfig{Height: 8, Width: 8, Filters: []int{3, 2}, Hidden: nn.ReLU, Output: nn.Sigmoid, Loss: CrossEntropy, WeightDecay: 0.01, Seed: 2, Precision: Float64})
	x := blobs(23, 3)
	run := func(micro, procs int) (Terms, []*mat.Dense) {
		defer SetMicroRows(SetMicroRows(micro))
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		terms := m.objective(x, x, true)
		var g []*mat.Dense
		for _, p := range m.Params() {
			g = append(g, mat.DenseCopyOf(p.Grad))
		}
		return terms, g
	}
	whole, gw := run(100, 1)
	one, g1 := run(3, 1)
	for _, procs := range []int{2, 4} {
		parts, gp := run(3, procs)
		if parts != one {
			t.Errorf("%d procs: loss %v, one goroutine %v", procs, parts, one)
		}
		for i := range gw {
			if !mat.Equal(g1[i], gp[i]) {
				t.Errorf("%d procs: gradient of parameter %d differs from one goroutine's", procs, i)
			}
		}
	}
	if math.Abs(whole.Total-one.Total) > 1e-12*whole.Total {
		t.Errorf("micro-batches: loss %v, whole batch %v", one, whole)
	}
	for i := range gw {
		if !mat.EqualApprox(gw[i], g1[i], 1e-12) {
			t.Errorf("micro-batches: gradient of parameter %d differs from the whole batch's", i)
		}
	}
}

// TestConvRegularizersMatchDefinitions computes every penalty of a
// regularised convolutional autoencoder from its definition, with the
// layers' public outputs and a finite-difference Jacobian, and compares
// them with the training objective's and Loss's terms. Micro-batches and
// goroutines must not change the terms (the KL one needs the whole batch's
// mean activation).
func TestConvRegularizersMatchDefinitions(t *testing.T) {
	cfg := ConvConfig{Height: 8, Width: 8, Filters: []int{3, 2}, Hidden: nn.Sigmoid, Output: nn.Sigmoid,
		Sparsity: 0.1, SparsityWeight: 2, L1: 0.3, Contractive: 0.5, Seed: 6, Precision: Float64}
	m := NewConv(cfg)
	if m.Conv(len(cfg.Filters)-1).Act != nn.Sigmoid || !strings.Contains(m.String(), "sparse ρ=0.1 β=2") ||
		!strings.Contains(m.String(), "L1 activity λ₁=0.3") || !strings.Contains(m.String(), "contractive λ=0.5") {
		t.Errorf("String: %s", m)
	}
	x := blobs(10, 9)
	rows := 10
	codes := m.Encode(x)
	var kl, l1 float64
	for u := 0; u < m.CodeSize(); u++ {
		var mean float64
		for r := 0; r < rows; r++ {
			v := codes.At(r, u)
			mean += v / float64(rows)
			l1 += math.Abs(v) / float64(rows)
		}
		kl += KL(0.1, mean)
	}
	kl *= 2
	l1 *= 0.3
	// ‖J‖²_F of the first convolution, by central differences, per row.
	first := m.Conv(0)
	var contr float64
	for r := 0; r < rows; r++ {
		row := mat.DenseCopyOf(x.Slice(r, r+1, 0, 64))
		for k := 0; k < 64; k++ {
			orig := row.At(0, k)
			row.Set(0, k, orig+1e-5)
			up := mat.DenseCopyOf(first.Forward(row))
			row.Set(0, k, orig-1e-5)
			down := first.Forward(row)
			row.Set(0, k, orig)
			for u := 0; u < first.OutSize(); u++ {
				d := (up.At(0, u) - down.At(0, u)) / 2e-5
				contr += d * d
			}
		}
	}
	contr *= 0.5 / float64(rows)
	check := func(what string, got Terms) {
		t.Helper()
		for _, c := range []struct {
			name      string
			got, want float64
		}{{"sparsity", got.Sparsity, kl}, {"L1", got.L1, l1}, {"contractive", got.Contractive, contr}} {
			if math.Abs(c.got-c.want) > 1e-6*math.Abs(c.want) || c.want == 0 {
				t.Errorf("%s: %s term %.12g, definition %.12g", what, c.name, c.got, c.want)
			}
		}
	}
	check("Loss", m.Loss(x))
	for _, procs := range []int{1, 3} {
		for _, micro := range []int{1, 4, 100} {
			func() {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				defer SetMicroRows(SetMicroRows(micro))
				check(fmt.Sprintf("objective, %d procs, micro %d, no gradient", procs, micro), m.objective(x, x, false))
				check(fmt.Sprintf("objective, %d procs, micro %d, gradient", procs, micro), m.objective(x, x, true))
			}()
		}
	}
}

// TestConvSparseAndContractiveTrain trains regularised convolutional
// autoencoders on blobs: the sparse one's mean code activation must land
// near ρ, and the contractive one's first-layer Jacobian norm must fall
// below a plain model's trained the same way.
func TestConvSparseAndContractiveTrain(t *testing.T) {
	x := blobs(300, 12)
	fit := func(cfg ConvConfig) *ConvAutoencoder {
		cfg.Height, cfg.Width, cfg.Filters, cfg.Output, cfg.Seed = 8, 8, []int{4, 3}, nn.Sigmoid, 2
		if cfg.Hidden == 0 {
			cfg.Hidden = nn.Sigmoid
		}
		m := NewConv(cfg)
		if _, err := m.Fit(x, FitOptions{Epochs: 40, Batch: 30, LR: 1e-2}); err != nil {
			t.Fatal(err)
		}
		return m
	}
	const rho = 0.1
	sp := fit(ConvConfig{Hidden: nn.ReLU, Sparsity: rho, SparsityWeight: 3})
	var mean float64
	codes := sp.Encode(x).RawMatrix().Data
	for _, v := range codes {
		mean += v / float64(len(codes))
	}
	if !(mean >= 0.5*rho && mean <= 1.5*rho) {
		t.Errorf("sparse conv AE: mean code activation %.4g, want within [0.5, 1.5]·ρ = [%g, %g]", mean, 0.5*rho, 1.5*rho)
	}
	// ‖J‖²_F of the first convolution per image (the closed form that
	// TestConvRegularizersMatchDefinitions checks against differences).
	jacobian := func(m *ConvAutoencoder) float64 {
		first := m.Conv(0)
		s := make([]float64, first.OutSize())
		tapNorms(first, s)
		// One forward pass of the first layer over 100 rows (Encode would
		// run x in chunks, leaving only the last in first.Out()).
		xs := x.Slice(0, 100, 0, 64).(*mat.Dense)
		return contractRows(first.Act, first.Forward(xs), s, 1.0/100, nil, nil)
	}
	plain, cae := jacobian(fit(ConvConfig{})), jacobian(fit(ConvConfig{Contractive: 0.5}))
	t.Logf("first-layer ‖J‖²_F per image: plain %.4g, contractive %.4g", plain, cae)
	if !(cae < 0.7*plain) {
		t.Errorf("contractive conv AE: ‖J‖²_F %.4g, not below 0.7× the plain model's %.4g", cae, plain)
	}
}
