package ae

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/gokernel/gokernel/stdlib/backend"
	"github.com/gokernel/gokernel/stdlib/nn"
	"github.com/gokernel/gokernel/stdlib/optim"
	"github.com/gokernel/gokernel/stdlib/session"
	"gonum.org/v1/gonum/mat"
)

// FitOptions controls a training run. The zero value trains one epoch with
// batches of 128 rows and Adam at learning rate 1e-3.
type FitOptions struct {
	// Epochs is the number of passes over the data (default 1).
	Epochs int
	// Batch is the number of rows per step (default 128). The rows are
	// shuffled every epoch; the last batch of an epoch may be smaller.
	Batch int
	// LR is the learning rate of the Adam optimizer (PyTorch's defaults
	// otherwise) that each call creates afresh; default 1e-3. Ignored with
	// Optimizer.
	LR float64
	// Optimizer, if not nil, replaces Adam(LR), e.g. optim.NewSGD(0.1, 0.9, 0).
	// Its state carries over between runs that share it.
	Optimizer optim.Optimizer
	// Seed drives the shuffling and the corruption; 0 means Config.Seed.
	Seed int64
	// Validation, if not nil, is evaluated (clean, whole set as one batch)
	// after every epoch.
	Validation *mat.Dense
	// OnBatch, if not nil, is called after every step.
	OnBatch func(Progress)
	// OnEpoch, if not nil, is called after every epoch and its validation.
	OnEpoch func(Progress)
	// Threads is the number of OpenBLAS threads during the run of a dense
	// model (stdlib/backend.SetThreads; the previous count is restored
	// afterwards). 0 means 1, unless the environment fixes the count
	// (OPENBLAS_NUM_THREADS and the like; stdlib/backend.ThreadsFromEnv),
	// which is then left alone. One thread trained the benchmark net faster
	// than two in 19 of 20 alternating epochs per CPU second (one tie) and
	// in 18 of 20 by the clock on a shared 2-core machine (bench/ae.md); on
	// an idle machine with more cores, more threads may win by the clock.
	// The convolutional model always uses one OpenBLAS thread.
	Threads int
}

func (o *FitOptions) defaults(cfg *Config) {
	if o.Epochs < 0 || o.Batch < 0 || o.LR < 0 || math.IsNaN(o.LR) {
		panic(&ConfigError{Field: "FitOptions", Msg: fmt.Sprintf("Epochs %d, Batch %d and LR %g must not be negative", o.Epochs, o.Batch, o.LR)})
	}
	if o.Epochs == 0 {
		o.Epochs = 1
	}
	if o.Batch == 0 {
		o.Batch = 128
	}
	if o.LR == 0 {
		o.LR = 1e-3
	}
	if o.Seed == 0 {
		o.Seed = cfg.Seed
	}
	if o.Threads <= 0 && !backend.ThreadsFromEnv() {
		o.Threads = 1
	}
}

// holdThreads sets OpenBLAS to n threads and returns the function that
// restores the previous count; n < 1 leaves the count alone.
func holdThreads(n int) (restore func()) {
	t := backend.Threads()
	if n < 1 || t == n || !backend.Native() {
		return func() {}
	}
	backend.SetThreads(n)
	return func() { backend.SetThreads(t) }
}

// Fit trains the model on the rows of x, polling the notebook's interrupt
// (stdlib/session.Context). See FitContext.
func (m *Autoencoder) Fit(x *mat.Dense, opts FitOptions) (*History, error) {
	return m.FitContext(session.Context(), x, opts)
}

// FitContext trains the whole model (fine-tuning, after Pretrain) on the rows
// of x and returns the History of every loss term per epoch.
//
// It stops within one batch when ctx is cancelled and returns the history so
// far with an error wrapping ctx.Err() (context.Canceled). When a loss term
// becomes NaN or Inf it restores the weights from before the step that
// produced them and returns an error naming the term, the epoch and the batch.
// NaN or Inf in x or in the validation set is returned as an error before any
// step. A width other than InputSize panics with a *ShapeError.
func (m *Autoencoder) FitContext(ctx context.Context, x *mat.Dense, opts FitOptions) (*History, error) {
	m.checkData("Fit", x, opts.Validation)
	if err := checkFinite(x, opts.Validation); err != nil {
		return &History{Stage: "fit"}, err
	}
	opts.defaults(&m.cfg)
	defer holdThreads(opts.Threads)()
	return train(ctx, m.net, x, opts.Validation, opts, "fit", 0)
}

// checkData panics unless x and val (if not nil) have InputSize columns.
func (m *Autoencoder) checkData(op string, x, val *mat.Dense) {
	checkWidth(op, x, m.InputSize())
	if val != nil {
		checkWidth(op+" (Validation)", val, m.InputSize())
	}
}

// checkFinite returns an error locating the first NaN or Inf in the
// matrices (nil ones are skipped).
func checkFinite(xs ...*mat.Dense) error {
	for k, x := range xs {
		if x == nil {
			continue
		}
		r, _ := x.Dims()
		if allFinite(x) {
			continue
		}
		for i := 0; i < r; i++ {
			for j, v := range x.RawRowView(i) {
				if v-v != 0 { // NaN or ±Inf
					what := "training data"
					if k > 0 {
						what = "validation data"
					}
					return fmt.Errorf("ae: %s has %v at row %d, column %d", what, v, i, j)
				}
			}
		}
	}
	return nil
}

// allFinite reports whether every element of x is finite. It sums v-v
// (0 for a finite v, NaN for NaN and ±Inf) in four independent
// accumulators, which runs several times faster than testing each value.
func allFinite(x *mat.Dense) bool {
	r, _ := x.Dims()
	for i := 0; i < r; i++ {
		if !finiteSlice(x.RawRowView(i)) {
			return false
		}
	}
	return true
}

// finiteSlice reports whether every value of s is finite (see allFinite).
func finiteSlice(s []float64) bool {
	var a0, a1, a2, a3 float64
	i := 0
	for ; i+4 <= len(s); i += 4 {
		v := s[i : i+4 : i+4]
		a0 += v[0] - v[0]
		a1 += v[1] - v[1]
		a2 += v[2] - v[2]
		a3 += v[3] - v[3]
	}
	for ; i < len(s); i++ {
		a0 += s[i] - s[i]
	}
	return a0+a1+a2+a3 == 0
}

// train runs minibatch training of n on x. stream separates the random
// streams of pretraining stages.
func train(ctx context.Context, n *net, x, val *mat.Dense, opts FitOptions, stage string, stream uint64) (*History, error) {
	hist := &History{Stage: stage}
	rows, cols := x.Dims()
	if rows == 0 {
		return hist, fmt.Errorf("ae: %s: no training rows", stage)
	}
	opt := opts.Optimizer
	if opt == nil {
		opt = optim.NewAdam(opts.LR)
	}
	rng := rand.New(rand.NewPCG(uint64(opts.Seed), 0x61652d666974+stream)) // "ae-fit"
	idx := make([]int, rows)
	for i := range idx {
		idx[i] = i
	}
	var xb, xc scratch
	snap := newSnapshot(n.params)
	batches := (rows + opts.Batch - 1) / opts.Batch
	start := time.Now()
	samples := 0
	for epoch := 1; epoch <= opts.Epochs; epoch++ {
		t0 := time.Now()
		rng.Shuffle(rows, func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		e := Epoch{Epoch: epoch}
		for b := 1; b <= batches; b++ {
			if err := ctx.Err(); err != nil {
				if e.Batches > 0 {
					e.Train.scale(1 / float64(e.Samples))
					e.Partial = true
					e.Duration = time.Since(t0)
					hist.Epochs = append(hist.Epochs, e)
				}
				return hist, fmt.Errorf("ae: %s stopped before epoch %d, batch %d: %w", stage, epoch, b, err)
			}
			lo, hi := (b-1)*opts.Batch, min(b*opts.Batch, rows)
			clean := xb.ensure(hi-lo, cols)
			for i, r := range idx[lo:hi] {
				copy(clean.RawRowView(i), x.RawRowView(r))
			}
			in := clean
			if n.noise.Active() {
				in = xc.ensure(hi-lo, cols)
				for i := 0; i < hi-lo; i++ {
					n.noise.corruptRow(in.RawRowView(i), clean.RawRowView(i), rng)
				}
			}
			t := n.objective(in, clean, true)
			if name, v := t.firstNonFinite(); name != "" {
				return hist, snap.rollback(name, v, epoch, b, stage)
			}
			snap.take()
			opt.Step(n.params)
			e.Train.add(t, float64(hi-lo))
			e.Batches++
			e.Samples += hi - lo
			samples += hi - lo
			if opts.OnBatch != nil {
				opts.OnBatch(Progress{Stage: stage, Epoch: epoch, Epochs: opts.Epochs, Batch: b, Batches: batches,
					Samples: samples, Terms: t, Elapsed: time.Since(start)})
			}
		}
		e.Train.scale(1 / float64(e.Samples))
		if !finiteParams(n.params) {
			return hist, snap.rollback("weights", math.NaN(), epoch, batches, stage)
		}
		if val != nil {
			e.Validation = n.evaluate(val)
			e.HasValidation = true
			if name, v := e.Validation.firstNonFinite(); name != "" {
				return hist, snap.rollback("validation "+name, v, epoch, batches, stage)
			}
		}
		e.Duration = time.Since(t0)
		hist.Epochs = append(hist.Epochs, e)
		if opts.OnEpoch != nil {
			opts.OnEpoch(Progress{Stage: stage, Epoch: epoch, Epochs: opts.Epochs, Batch: batches, Batches: batches,
				Samples: samples, Terms: e.Train, Validation: e.Validation, HasValidation: e.HasValidation,
				Elapsed: time.Since(start)})
		}
	}
	return hist, nil
}

// snapshot keeps a copy of the parameters from before the last step, so a
// step that produced NaN or Inf can be undone.
type snapshot struct {
	params []*nn.Param
	saved  [][]float64
	valid  bool
}

func newSnapshot(ps []*nn.Param) *snapshot {
	s := &snapshot{params: ps, saved: make([][]float64, len(ps))}
	for i, p := range ps {
		s.saved[i] = make([]float64, len(p.Value.RawMatrix().Data))
	}
	return s
}

// take copies the current parameters.
func (s *snapshot) take() {
	for i, p := range s.params {
		copy(s.saved[i], p.Value.RawMatrix().Data)
	}
	s.valid = true
}

// rollback restores the parameters of the last take (if any) and returns
// the error reporting the non-finite term.
func (s *snapshot) rollback(term string, v float64, epoch, batch int, stage string) error {
	restored := "no step had been taken"
	if s.valid {
		for i, p := range s.params {
			copy(p.Value.RawMatrix().Data, s.saved[i])
		}
		restored = "weights restored to before the last step"
	}
	where := ""
	if stage != "fit" {
		where = " in " + stage
	}
	what := term + " term"
	if term == "weights" {
		what = "weights"
	}
	return fmt.Errorf("ae: %s became %v at epoch %d, batch %d%s (%s)", what, v, epoch, batch, where, restored)
}

// finiteParams reports whether every parameter value is finite.
func finiteParams(ps []*nn.Param) bool {
	for _, p := range ps {
		if !finiteSlice(p.Value.RawMatrix().Data) {
			return false
		}
	}
	return true
}
