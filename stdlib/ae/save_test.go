package ae

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

func TestSaveLoadRoundTrip(t *testing.T) {
	for _, tied := range []bool{false, true} {
		cfg := Config{Sizes: []int{9, 5, 3}, Hidden: nn.Tanh, Output: nn.Sigmoid, Tied: tied, Seed: 4,
			Sparsity: 0.1, L1: 0.01, Noise: SaltAndPepper(0.1), Contractive: 0.05, WeightDecay: 1e-4, Loss: CrossEntropy}
		m := New(cfg)
		x := uniform(50, 9, 0, 1, 5)
		if _, err := m.Fit(x, FitOptions{Epochs: 2, Batch: 10}); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := m.Save(&buf); err != nil {
			t.Fatal(err)
		}
		raw := buf.Bytes()
		got, err := Load(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		if got.String() != m.String() {
			t.Errorf("String %q after load, want %q", got.String(), m.String())
		}
		for i, p := range m.Params() {
			if !mat.Equal(p.Value, got.Params()[i].Value) {
				t.Errorf("tied=%v: %v differs after load", tied, p)
			}
		}
		if !mat.Equal(m.Reconstruct(x), got.Reconstruct(x)) || m.Loss(x) != got.Loss(x) {
			t.Errorf("tied=%v: loaded model computes differently", tied)
		}
		if _, err := Load(bytes.NewReader(raw[:len(raw)-3])); err == nil {
			t.Errorf("truncated stream loaded")
		}
		if _, err := Load(strings.NewReader("not a model")); err == nil {
			t.Errorf("garbage loaded")
		}
		path := filepath.Join(t.TempDir(), "m.ae")
		if err := m.SaveFile(path); err != nil {
			t.Fatal(err)
		}
		f, err := LoadFile(path)
		if err != nil || !mat.Equal(f.Encode(x), m.Encode(x)) {
			t.Errorf("file round trip: %v", err)
		}
	}
}
