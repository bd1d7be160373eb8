package ae

import (
	"context"
	"fmt"
	"math"

	"github.com/gokernel/gokernel/stdlib/backend"
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
	// afterwards). 0 leaves the count as it is: stdlib/backend's default
	// (one per processor Go may use) or what the environment set. On an
	// otherwise idle 2-core machine two threads trained the benchmark net
	// 1.4-1.7x faster by the clock than one; on a machine busy with other
	// work one thread was faster (bench/ae.md), so set Threads: 1 there.
	// The convolutional model always uses one OpenBLAS thread (it splits
	// the batch over goroutines instead).
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
