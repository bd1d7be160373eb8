package plots

import (
	"fmt"
	"sync"

	"github.com/gokernel/gokernel/stdlib/ae"
	"github.com/gokernel/gokernel/stdlib/display"
)

// LiveLoss redraws a loss curve in one notebook output while a model
// trains. Its OnEpoch method has the type of ae.FitOptions.OnEpoch:
//
//	live := plots.NewLiveLoss(display.New())
//	hist, err := model.Fit(x, ae.FitOptions{Epochs: 20, OnEpoch: live.OnEpoch})
//
// The first epoch publishes the picture; later epochs replace it in place
// (update_display_data). When the Progress's Stage changes (the next layer
// of a Pretrain), the curve starts afresh for the new stage. A LiveLoss
// is safe for use by several goroutines.
type LiveLoss struct {
	mu   sync.Mutex
	d    *display.Display
	hist ae.History
	// width and height of the picture in inches.
	w, h float64
}

// NewLiveLoss returns a LiveLoss drawing into d; nil means a new
// display.New().
func NewLiveLoss(d *display.Display) *LiveLoss {
	if d == nil {
		d = display.New()
	}
	return &LiveLoss{d: d, w: defaultW, h: defaultH}
}

// WithSize sets the picture's size in inches and returns l. It panics with
// a *ShapeError unless both are positive.
func (l *LiveLoss) WithSize(wInches, hInches float64) *LiveLoss {
	if !(wInches > 0) || !(hInches > 0) {
		shapePanic("LiveLoss.WithSize", "size %gx%g in is not positive", wInches, hInches)
	}
	l.mu.Lock()
	l.w, l.h = wInches, hInches
	l.mu.Unlock()
	return l
}

// OnEpoch records the epoch p reports and redraws the loss curves. A
// rendering failure is shown as text in the same output.
func (l *LiveLoss) OnEpoch(p ae.Progress) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if p.Stage != l.hist.Stage {
		l.hist = ae.History{Stage: p.Stage}
	}
	l.hist.Epochs = append(l.hist.Epochs, ae.Epoch{
		Epoch: p.Epoch, Train: p.Terms, Validation: p.Validation,
		HasValidation: p.HasValidation, Batches: p.Batches, Samples: p.Samples,
	})
	f := LossCurves(&l.hist).WithSize(l.w, l.h)
	f.WithTitle(fmt.Sprintf("%s: epoch %d/%d, loss %.4g", p.Stage, p.Epoch, p.Epochs, p.Terms.Total))
	b, err := f.PNG()
	if err != nil {
		l.d.Text(err.Error())
		return
	}
	l.d.PNG(b)
}

// History returns a copy of the epochs recorded for the current stage.
func (l *LiveLoss) History() *ae.History {
	l.mu.Lock()
	defer l.mu.Unlock()
	h := ae.History{Stage: l.hist.Stage, Epochs: append([]ae.Epoch(nil), l.hist.Epochs...)}
	return &h
}

// Display returns the output LiveLoss draws into.
func (l *LiveLoss) Display() *display.Display { return l.d }
