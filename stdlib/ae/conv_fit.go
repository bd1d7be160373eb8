package ae

import (
	"context"
	"runtime"

	"github.com/gokernel/gokernel/stdlib/backend"
	"github.com/gokernel/gokernel/stdlib/session"
	"gonum.org/v1/gonum/mat"
)

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
	return train(ctx, m, x, opts.Validation, opts, "fit", 0x636f6e76) // "conv"
}
