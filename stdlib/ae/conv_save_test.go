package ae

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

func TestConvSaveLoadRoundTrip(t *testing.T) {
	cfg := ConvConfig{Height: 8, Width: 8, Filters: []int{3, 2}, Hidden: nn.Tanh, Output: nn.Sigmoid, Loss: CrossEntropy,
		Decoder: UpsampleConv, Noise: Masking(0.1), WeightDecay: 1e-3, Seed: 4}
	m := NewConv(cfg)
	x := blobs(40, 5)
	if _, err := m.Fit(x, FitOptions{Epochs: 2, Batch: 8}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	saved := buf.Bytes()
	got, err := LoadConv(bytes.NewReader(saved))
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != m.String() {
		t.Errorf("loaded %v, saved %v", got, m)
	}
	for i, p := range m.Params() {
		if !mat.Equal(p.Value, got.Params()[i].Value) {
			t.Errorf("parameter %d differs after the round trip", i)
		}
	}
	if !mat.Equal(m.Reconstruct(x), got.Reconstruct(x)) {
		t.Error("reconstructions differ after the round trip")
	}
	path := filepath.Join(t.TempDir(), "conv.ae")
	if err := m.SaveFile(path); err != nil {
		t.Fatal(err)
	}
	if f, err := LoadConvFile(path); err != nil || f.NumParams() != m.NumParams() {
		t.Errorf("LoadConvFile: %v", err)
	}
	for name, b := range map[string][]byte{
		"bad magic": []byte("gokernel-ae\n"),
		"truncated": saved[:len(saved)-3],
		"empty":     nil,
	} {
		if _, err := LoadConv(bytes.NewReader(b)); err == nil || !strings.HasPrefix(err.Error(), "ae: load") {
			t.Errorf("%s: error %v", name, err)
		}
	}
}
