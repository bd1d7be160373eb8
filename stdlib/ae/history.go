package ae

import (
	"fmt"
	"strings"
	"time"
)

// Epoch is one row of a History: the loss terms of one pass over the data.
type Epoch struct {
	// Epoch counts from 1.
	Epoch int
	// Train holds the training terms averaged over the epoch's batches
	// (weighted by rows), measured on the corrupted input for a denoising AE
	// and with the weights of the moment of each batch.
	Train Terms
	// Validation holds the terms on the clean validation set after the
	// epoch, when HasValidation.
	Validation    Terms
	HasValidation bool
	// Batches and Samples count the steps and rows of the epoch; an epoch
	// cut short by cancellation has fewer and Partial set.
	Batches, Samples int
	Partial          bool
	// Duration is the wall time of the epoch including validation.
	Duration time.Duration
}

// History records a training run, one Epoch per pass over the data.
type History struct {
	// Stage names the run: "fit" or, for Pretrain, "pretrain layer 1 (784-128)".
	Stage  string
	Epochs []Epoch
}

// Len returns the number of epochs recorded.
func (h *History) Len() int { return len(h.Epochs) }

// Last returns the last epoch, or the zero Epoch if there is none.
func (h *History) Last() Epoch {
	if len(h.Epochs) == 0 {
		return Epoch{}
	}
	return h.Epochs[len(h.Epochs)-1]
}

// Values returns one value per epoch of the term called name (one of
// TermNames), from the training terms or, with validation, the validation
// terms (0 where an epoch has none). It is the series a loss curve draws.
func (h *History) Values(name string, validation bool) []float64 {
	out := make([]float64, len(h.Epochs))
	for i, e := range h.Epochs {
		if validation {
			out[i] = e.Validation.Get(name)
		} else {
			out[i] = e.Train.Get(name)
		}
	}
	return out
}

// String renders the history as a table with one column per term that is
// non-zero somewhere, training and validation.
func (h *History) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d epochs\n", h.Stage, len(h.Epochs))
	var cols []string
	hasVal := false
	for _, name := range TermNames {
		used := name == "total" || name == "reconstruction"
		for _, e := range h.Epochs {
			if e.Train.Get(name) != 0 || e.Validation.Get(name) != 0 {
				used = true
			}
			hasVal = hasVal || e.HasValidation
		}
		if used {
			cols = append(cols, name)
		}
	}
	fmt.Fprintf(&b, "%5s", "epoch")
	for _, c := range cols {
		fmt.Fprintf(&b, " %14s", c)
	}
	if hasVal {
		for _, c := range cols {
			fmt.Fprintf(&b, " %14s", "val "+c)
		}
	}
	fmt.Fprintf(&b, " %9s\n", "time")
	for _, e := range h.Epochs {
		mark := ""
		if e.Partial {
			mark = "*"
		}
		fmt.Fprintf(&b, "%5s", fmt.Sprint(e.Epoch, mark))
		for _, c := range cols {
			fmt.Fprintf(&b, " %14.6g", e.Train.Get(c))
		}
		if hasVal {
			for _, c := range cols {
				if e.HasValidation {
					fmt.Fprintf(&b, " %14.6g", e.Validation.Get(c))
				} else {
					fmt.Fprintf(&b, " %14s", "-")
				}
			}
		}
		fmt.Fprintf(&b, " %9s\n", e.Duration.Round(time.Millisecond))
	}
	return b.String()
}

// Progress is what the callbacks of FitOptions receive.
type Progress struct {
	// Stage is the History's Stage ("fit" or "pretrain layer …").
	Stage string
	// Epoch and Batch count from 1; Epochs and Batches are the totals.
	Epoch, Epochs, Batch, Batches int
	// Samples is the number of rows trained on so far in this run.
	Samples int
	// Terms holds, in OnBatch, the terms of this batch (before its step);
	// in OnEpoch, the epoch's training averages.
	Terms Terms
	// Validation is set in OnEpoch when a validation set was given.
	Validation    Terms
	HasValidation bool
	// Elapsed is the wall time since the run started.
	Elapsed time.Duration
}

// SamplesPerSecond returns the training throughput so far.
func (p Progress) SamplesPerSecond() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return float64(p.Samples) / p.Elapsed.Seconds()
}

// String summarises the progress on one line, for example
// "fit epoch 2/5 batch 100/469: total 23.4 = reconstruction 23.4 (51234 samples/s)".
func (p Progress) String() string {
	s := fmt.Sprintf("%s epoch %d/%d batch %d/%d: %v", p.Stage, p.Epoch, p.Epochs, p.Batch, p.Batches, p.Terms)
	if p.HasValidation {
		s += fmt.Sprintf("; validation total %.6g", p.Validation.Total)
	}
	return s + fmt.Sprintf(" (%.0f samples/s)", p.SamplesPerSecond())
}
