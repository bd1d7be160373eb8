package plots

import (
	"math"
	"testing"

	"github.com/gokernel/gokernel/stdlib/ae"
	"gonum.org/v1/gonum/mat"
)

func TestValueRangeAndToUnit(t *testing.T) {
	lo, hi := valueRange([][]float64{{0, 0.5}, {1, math.NaN()}})
	if lo != 0 || hi != 1 {
		t.Fatalf("range of [0,1] data = [%g, %g], want [0, 1]", lo, hi)
	}
	lo, hi = valueRange([][]float64{{-2, 0.5}, {3, math.Inf(1)}})
	if lo != -2 || hi != 3 {
		t.Fatalf("range = [%g, %g], want [-2, 3]", lo, hi)
	}
	got := toUnit([]float64{-2, 0.5, 3, 9, math.NaN()}, -2, 3)
	want := []float64{0, 0.5, 1, 1, 0}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-12 {
			t.Fatalf("toUnit = %v, want %v", got, want)
		}
	}
}

func TestGridImageLayout(t *testing.T) {
	// Two 2x3 tiles side by side at scale 2: white, then black with one
	// white pixel at (1, 2).
	white := []float64{1, 1, 1, 1, 1, 1}
	black := []float64{0, 0, 0, 0, 0, 1}
	img := gridImage([][]float64{white, black}, 2, 3, 2, 2)
	if b := img.Bounds(); b.Dx() != (2*3+1)*2 || b.Dy() != 2*2 {
		t.Fatalf("bounds %v, want 14x4", b)
	}
	if g := img.GrayAt(0, 0).Y; g != 255 {
		t.Errorf("first tile pixel %d, want 255", g)
	}
	if g := img.GrayAt(6, 0).Y; g != gapColor.Y {
		t.Errorf("gap pixel %d, want %d", g, gapColor.Y)
	}
	if g := img.GrayAt(8, 0).Y; g != 0 {
		t.Errorf("second tile pixel %d, want 0", g)
	}
	// Pixel (row 1, col 2) of tile 2 covers x 12..13, y 2..3.
	if g := img.GrayAt(13, 3).Y; g != 255 {
		t.Errorf("lit pixel %d, want 255", g)
	}
}

func TestFilterTilesColumnsAreUnits(t *testing.T) {
	// nn.Dense W is inputs×units: unit j has a single positive weight on
	// pixel j of a 2x2 image.
	w := mat.NewDense(4, 3, []float64{
		1, 0, 0,
		0, 1, 0,
		0, 0, 1,
		0, 0, 0,
	})
	tiles := filterTiles(w, 2, 2)
	if len(tiles) != 3 {
		t.Fatalf("%d tiles, want 3 (one per column)", len(tiles))
	}
	for j, tile := range tiles {
		for p, v := range tile {
			if p == j && v != 1 {
				t.Errorf("unit %d pixel %d = %g, want 1 (white)", j, p, v)
			}
			if p != j && !(v < 0.5) {
				t.Errorf("unit %d pixel %d = %g, want below mid grey", j, p, v)
			}
		}
	}
	// The transpose (units×inputs) gives the same tiles.
	tt := filterTiles(mat.DenseCopyOf(w.T()), 2, 2)
	for j := range tiles {
		for p := range tiles[j] {
			if tt[j][p] != tiles[j][p] {
				t.Fatalf("transposed weights give different tiles")
			}
		}
	}
}

func TestGridRowZeroOnTop(t *testing.T) {
	m := mat.NewDense(2, 3, []float64{1, 2, 3, 4, 5, 6})
	g := grid{m: m, r: 2, c: 3}
	// y index 1 is the top of the plot and must be matrix row 0.
	if g.Z(0, 1) != 1 || g.Z(2, 0) != 6 {
		t.Fatalf("Z(0,1)=%g Z(2,0)=%g, want 1 and 6", g.Z(0, 1), g.Z(2, 0))
	}
	ts := flipTicks{off: 9}.Ticks(0, 9)
	for _, tk := range ts {
		if tk.Label == "" {
			continue
		}
		if want := 9 - tk.Value; tk.Label != formatG(want) {
			t.Errorf("tick at y=%g labelled %q, want row %g", tk.Value, tk.Label, want)
		}
	}
}

func formatG(v float64) string { return flipLabel(v) }

func TestIntTicks(t *testing.T) {
	for _, c := range []struct{ lo, hi, step float64 }{{0, 6, 1}, {0, 15, 2}, {-0.5, 40, 5}, {1, 80, 10}, {0, 300, 50}} {
		ts := intTicks{}.Ticks(c.lo, c.hi)
		if len(ts) < 2 || len(ts) > 11 {
			t.Fatalf("%v: %d ticks", c, len(ts))
		}
		if d := ts[1].Value - ts[0].Value; d != c.step {
			t.Errorf("%v: step %g, want %g", c, d, c.step)
		}
		for _, tk := range ts {
			if tk.Value != math.Trunc(tk.Value) {
				t.Errorf("%v: tick %g is not whole", c, tk.Value)
			}
		}
	}
}

func TestUsedTerms(t *testing.T) {
	plain := &ae.History{Epochs: []ae.Epoch{{Epoch: 1, Train: ae.Terms{Reconstruction: 2, Total: 2}}}}
	if got := usedTerms(plain); len(got) != 1 || got[0] != "reconstruction" {
		t.Fatalf("plain AE terms %v, want [reconstruction]", got)
	}
	sparse := &ae.History{Epochs: []ae.Epoch{{Epoch: 1, Train: ae.Terms{Reconstruction: 2, Sparsity: 0.5, Total: 2.5}}}}
	got := usedTerms(sparse)
	if len(got) != 3 || got[1] != "sparsity" || got[2] != "total" {
		t.Fatalf("sparse AE terms %v, want [reconstruction sparsity total]", got)
	}
}
