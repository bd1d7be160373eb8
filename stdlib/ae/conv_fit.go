package ae

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"time"

	"github.com/gokernel/gokernel/stdlib/backend"
	"github.com/gokernel/gokernel/stdlib/nn"
	"github.com/gokernel/gokernel/stdlib/optim"
	"github.com/gokernel/gokernel/stdlib/session"
	"gonum.org/v1/gonum/mat"
)

// learner is what the minibatch loop needs of a model. *ConvAutoencoder is
// one; the dense models' net could be one too (its train loop and this one
// behave the same).
type learner interface {
	// objective returns the loss terms of a forward pass on in against the
	// clean target and, with grad, leaves their gradient in the parameters.
	objective(in, target *mat.Dense, grad bool) Terms
	// evaluate returns the clean loss terms of x as one batch.
	evaluate(x *mat.Dense) Terms
	parameters() []*nn.Param
	corruption() Noise
}

// Fit trains the model on the rows of x, polling the notebook's interrupt
// (stdlib/session.Context). See FitContext.
func (m *ConvAutoencoder) Fit(x *mat.Dense, opts FitOptions) (*History, error) {
	return m.FitContext(session.Context(), x, opts)
}

// FitContext trains the model on the rows of x (each a
// Channels×Height×Width image) with minibatches and returns the History of
// the loss terms per epoch, exactly as Autoencoder.FitContext does: Adam at
// opts.LR created afresh by each call unless opts.Optimizer is set, the rows
// shuffled every epoch from opts.Seed (default ConvConfig.Seed), the input
// of every batch corrupted afresh when ConvConfig.Noise is set.
//
// It stops within one batch when ctx is cancelled and returns the history so
// far with an error wrapping ctx.Err(). When a loss term becomes NaN or Inf
// it restores the weights from before the step that produced them and
// returns an error naming the term, the epoch and the batch. NaN or Inf in x
// or in the validation set is returned as an error before any step. A width
// other than InputSize panics with a *ShapeError.
//
// With P > 1 processors the micro-batches of 4 rows of every batch are
// shared among min(P, 8) goroutines, each with a copy of the network that
// shares the weights; the gradient equals the whole batch's to rounding and
// is the same, bit for bit, whatever P. During the run OpenBLAS is held to
// one thread (stdlib/backend.SetThreads) and restored afterwards.
func (m *ConvAutoencoder) FitContext(ctx context.Context, x *mat.Dense, opts FitOptions) (*History, error) {
	checkWidth("Fit", x, m.InputSize())
	if opts.Validation != nil {
		checkWidth("Fit (Validation)", opts.Validation, m.InputSize())
	}
	if err := checkFinite(x, opts.Validation); err != nil {
		return &History{Stage: "fit"}, err
	}
	opts.defaults(&Config{Seed: m.cfg.Seed})
	// Several goroutines compute every batch: hold OpenBLAS to one thread
	// for the whole run, so that its thread pool does not fight them.
	if t := backend.Threads(); t > 1 && runtime.GOMAXPROCS(0) > 1 {
		backend.SetThreads(1)
		defer backend.SetThreads(t)
	}
	return fitLoop(ctx, m, x, opts, "fit", 0x636f6e76) // "conv"
}

// fitLoop runs minibatch training of l on x with the semantics documented
// on FitContext. stream separates its random streams from other runs.
func fitLoop(ctx context.Context, l learner, x *mat.Dense, opts FitOptions, stage string, stream uint64) (*History, error) {
	hist := &History{Stage: stage}
	rows, cols := x.Dims()
	if rows == 0 {
		return hist, fmt.Errorf("ae: %s: no training rows", stage)
	}
	opt := opts.Optimizer
	if opt == nil {
		opt = optim.NewAdam(opts.LR)
	}
	params, noise := l.parameters(), l.corruption()
	rng := rand.New(rand.NewPCG(uint64(opts.Seed), 0x61652d666974+stream)) // "ae-fit"
	idx := make([]int, rows)
	for i := range idx {
		idx[i] = i
	}
	var xb, xc scratch
	snap := newSnapshot(params)
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
			if noise.Active() {
				in = xc.ensure(hi-lo, cols)
				for i := 0; i < hi-lo; i++ {
					noise.corruptRow(in.RawRowView(i), clean.RawRowView(i), rng)
				}
			}
			t := l.objective(in, clean, true)
			if name, v := t.firstNonFinite(); name != "" {
				return hist, snap.rollback(name, v, epoch, b, stage)
			}
			snap.take()
			opt.Step(params)
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
		if !finiteParams(params) {
			return hist, snap.rollback("weights", math.NaN(), epoch, batches, stage)
		}
		if opts.Validation != nil {
			e.Validation = l.evaluate(opts.Validation)
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
