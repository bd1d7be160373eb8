package ae

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

// TestSavedFormatFixtures pins the saved layout: testdata/*-v1.bin were
// written by the Save methods before they shared codec.go, and before
// Config.Precision replaced the Float32 field of the JSON header. Today's
// Save must write the same parameter bytes for the same model, and Load must
// read the files back to that model's parameters.
func TestSavedFormatFixtures(t *testing.T) {
	dense := New(Config{Sizes: []int{9, 5, 3}, Hidden: nn.Tanh, Output: nn.Sigmoid, Seed: 4, Noise: SaltAndPepper(0.1)})
	conv := NewConv(ConvConfig{Channels: 1, Height: 8, Width: 8, Filters: []int{4, 2}, Seed: 3})
	type model interface {
		Save(io.Writer) error
		Params() []*nn.Param
	}
	loadDense := func(r io.Reader) (model, error) { return Load(r) }
	loadConv := func(r io.Reader) (model, error) { return LoadConv(r) }
	for _, c := range []struct {
		file string
		m    model
		load func(io.Reader) (model, error)
	}{
		{"testdata/dense-v1.bin", dense, loadDense},
		{"testdata/conv-v1.bin", conv, loadConv},
	} {
		want, err := os.ReadFile(c.file)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := c.m.Save(&buf); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, p := range c.m.Params() {
			r, cols := p.Value.Dims()
			n += 8 * r * cols
		}
		if got := buf.Bytes(); len(got) < n || len(want) < n || !bytes.Equal(got[len(got)-n:], want[len(want)-n:]) {
			t.Errorf("%s: Save writes parameter bytes that differ from the fixture's", c.file)
		}
		loaded, err := c.load(bytes.NewReader(want))
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		// The fixtures were saved with "Float32": false, float64 products.
		if !strings.Contains(fmt.Sprint(loaded), "float64 products") {
			t.Errorf("%s loads as %v, want float64 products", c.file, loaded)
		}
		got, params := loaded.Params(), c.m.Params()
		if len(got) != len(params) {
			t.Fatalf("%s: %d parameters loaded, want %d", c.file, len(got), len(params))
		}
		for i, p := range got {
			if !mat.Equal(p.Value, params[i].Value) {
				t.Errorf("%s: parameter %d differs after loading", c.file, i)
			}
		}
	}
}

// TestSavedPrecision checks that a model saved today loads with the
// precision it was saved with.
func TestSavedPrecision(t *testing.T) {
	for _, prec := range []Precision{Float32, Float64} {
		var buf bytes.Buffer
		if err := New(Config{Sizes: []int{5, 2}, Precision: prec}).Save(&buf); err != nil {
			t.Fatal(err)
		}
		m, err := Load(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.Config().Precision; got != prec {
			t.Errorf("saved %v, loaded %v", prec, got)
		}
		buf.Reset()
		if err := NewConv(ConvConfig{Height: 4, Width: 4, Filters: []int{1}, Precision: prec}).Save(&buf); err != nil {
			t.Fatal(err)
		}
		c, err := LoadConv(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.Config().Precision; got != prec {
			t.Errorf("conv: saved %v, loaded %v", prec, got)
		}
	}
}
