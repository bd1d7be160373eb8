package ae

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/gokernel/gokernel/stdlib/nn"
	"github.com/gokernel/gokernel/stdlib/optim"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// learner is what the minibatch loop needs of a model: the dense models'
// net (the whole model, or one stage of pretraining) and *ConvAutoencoder.
type learner interface {
	// objective returns the loss terms of a forward pass on in against the
	// clean target and, with grad, leaves their gradient in the parameters.
	objective(in, target *mat.Dense, grad bool) Terms
	// evaluate returns the clean loss terms of x as one batch.
	evaluate(x *mat.Dense) Terms
	// parameters returns each trainable matrix once.
	parameters() []*nn.Param
	// corruption returns the noise applied to every batch's input.
	corruption() Noise
}

// train runs minibatch training of l on x, evaluating val (if not nil)
// after every epoch, with the semantics documented on
// Autoencoder.FitContext. stream separates the random streams of
// pretraining stages and models.
func train(ctx context.Context, l learner, x, val *mat.Dense, opts FitOptions, stage string, stream uint64) (*History, error) {
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
	snap := newSnapshot(params, opt)
	defer snap.finish()
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
			snap.step(opt)
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
		if val != nil {
			e.Validation = l.evaluate(val)
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

// snapshot keeps the parameters from before the last step, so a step that
// produced NaN or Inf can be undone. With an *optim.Adam (exactly that
// type: one embedding it may override Step, which must then run) nothing
// is copied: Adam.StepTo writes the new values to a second array per
// parameter, the parameters switch to it (mat.Dense.SetRawMatrix, so every
// pointer to them stays valid) and the previous values stay where they
// were. Other optimizers get a copy of the values before each step. finish
// puts the values back in the parameters' own arrays, so that after Fit
// they are where they were before it.
type snapshot struct {
	params []*nn.Param
	oop    *optim.Adam      // steps out of place (Adam.StepTo); nil: copy, then Step
	home   []blas64.General // each parameter's own storage
	other  []blas64.General // the second array (the copy, without oop)
	spare  [][]float64      // the Data of the arrays not in use, for StepTo
	away   bool             // the parameters hold other (oop only)
	valid  bool             // a step has been taken
}

func newSnapshot(ps []*nn.Param, opt optim.Optimizer) *snapshot {
	s := &snapshot{params: ps, home: make([]blas64.General, len(ps)), other: make([]blas64.General, len(ps)),
		spare: make([][]float64, len(ps))}
	s.oop, _ = opt.(*optim.Adam)
	for i, p := range ps {
		h := p.Value.RawMatrix()
		if h.Stride != h.Cols {
			s.oop = nil // a strided view: the optimizer rejects it anyway
		}
		s.home[i] = h
		o := h
		o.Data = make([]float64, len(h.Data))
		s.other[i] = o
		s.spare[i] = o.Data
	}
	return s
}

// step applies one update of opt (the optimizer newSnapshot was given)
// and keeps the values from before it.
func (s *snapshot) step(opt optim.Optimizer) {
	s.valid = true
	if s.oop == nil {
		for i, p := range s.params {
			copy(s.other[i].Data, p.Value.RawMatrix().Data)
		}
		opt.Step(s.params)
		return
	}
	s.oop.StepTo(s.spare, s.params)
	s.swap()
}

// swap switches every parameter to the array it does not use.
func (s *snapshot) swap() {
	s.away = !s.away
	for i, p := range s.params {
		use, free := s.other[i], s.home[i]
		if !s.away {
			use, free = free, use
		}
		p.Value.SetRawMatrix(use)
		s.spare[i] = free.Data
	}
}

// finish leaves the parameters' current values in their own arrays.
func (s *snapshot) finish() {
	if !s.away {
		return
	}
	for i, p := range s.params {
		copy(s.home[i].Data, s.other[i].Data)
		p.Value.SetRawMatrix(s.home[i])
	}
	s.away = false
	s.valid = false
}

// rollback restores the parameters from before the last step (if any) and
// returns the error reporting the non-finite term.
func (s *snapshot) rollback(term string, v float64, epoch, batch int, stage string) error {
	restored := "no step had been taken"
	if s.valid {
		if s.oop != nil {
			s.swap()
		} else {
			for i, p := range s.params {
				copy(p.Value.RawMatrix().Data, s.other[i].Data)
			}
		}
		s.valid = false
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
