package plots_test

import (
	"bytes"
	"encoding/base64"
	"image/png"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/gokernel/gokernel/stdlib/ae"
	"github.com/gokernel/gokernel/stdlib/display"
	"github.com/gokernel/gokernel/stdlib/nn"
	"github.com/gokernel/gokernel/stdlib/plots"
	"gonum.org/v1/gonum/mat"
)

// recorder is a display.Publisher that keeps what it is sent.
type recorder struct {
	mu      sync.Mutex
	bundles []display.Bundle
	ids     []string
	updates []bool
}

func (r *recorder) Publish(b display.Bundle, id string, update bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.bundles = append(r.bundles, b)
	r.ids = append(r.ids, id)
	r.updates = append(r.updates, update)
}

func (r *recorder) Clear(bool) {}

func TestLiveLossRedrawsInPlace(t *testing.T) {
	rec := &recorder{}
	display.SetPublisher(rec)
	defer display.SetPublisher(nil)

	live := plots.NewLiveLoss(nil).WithSize(4, 3)
	for e := 1; e <= 3; e++ {
		live.OnEpoch(ae.Progress{Stage: "fit", Epoch: e, Epochs: 3, Terms: ae.Terms{Reconstruction: 1 / float64(e), Total: 1 / float64(e)}})
	}
	if len(rec.bundles) != 3 {
		t.Fatalf("%d outputs, want one per epoch", len(rec.bundles))
	}
	if rec.updates[0] || !rec.updates[1] || !rec.updates[2] {
		t.Errorf("updates %v, want first a new output then updates", rec.updates)
	}
	if rec.ids[0] == "" || rec.ids[1] != rec.ids[0] || rec.ids[2] != rec.ids[0] {
		t.Errorf("display ids %q, want one id", rec.ids)
	}
	raw, err := base64.StdEncoding.DecodeString(rec.bundles[2].Data[display.MIMEPNG].(string))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 4*96 || b.Dy() != 3*96 {
		t.Errorf("picture %v, want 384x288", b)
	}
	if h := live.History(); h.Len() != 3 || h.Last().Train.Total != 1.0/3 {
		t.Errorf("history %v", h)
	}
	// A new stage (next pretraining layer) starts a new curve.
	live.OnEpoch(ae.Progress{Stage: "pretrain layer 2", Epoch: 1, Epochs: 2})
	if h := live.History(); h.Len() != 1 || h.Stage != "pretrain layer 2" {
		t.Errorf("after a stage change: %d epochs of %q", h.Len(), h.Stage)
	}
}

func TestLiveLossWithFit(t *testing.T) {
	rec := &recorder{}
	display.SetPublisher(rec)
	defer display.SetPublisher(nil)

	rng := rand.New(rand.NewPCG(3, 4))
	x := mat.NewDense(128, 6, nil)
	for i := 0; i < 128; i++ {
		for j := 0; j < 6; j++ {
			x.Set(i, j, rng.Float64())
		}
	}
	m := ae.New(ae.Config{Sizes: []int{6, 3}, Hidden: nn.Sigmoid, Output: nn.Sigmoid, Seed: 1})
	live := plots.NewLiveLoss(display.New())
	if _, err := m.Fit(x, ae.FitOptions{Epochs: 4, Batch: 32, OnEpoch: live.OnEpoch, Validation: x}); err != nil {
		t.Fatal(err)
	}
	if len(rec.bundles) != 4 || live.History().Len() != 4 || !live.History().Last().HasValidation {
		t.Fatalf("%d outputs, history %v", len(rec.bundles), live.History())
	}
}
