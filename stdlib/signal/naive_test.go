package signal

import (
	"context"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// naiveCorr2DFull is the full 2-D correlation straight from the definition,
// C[i][j] = Σ_{a,b} img[i−(kr−1)+a][j−(kc−1)+b]·k[a][b], independent of the
// package's code.
func naiveCorr2DFull(img, k *mat.Dense) *mat.Dense {
	r, c := img.Dims()
	kr, kc := k.Dims()
	out := mat.NewDense(r+kr-1, c+kc-1, nil)
	for i := 0; i < r+kr-1; i++ {
		for j := 0; j < c+kc-1; j++ {
			var s float64
			for a := 0; a < kr; a++ {
				for b := 0; b < kc; b++ {
					y, x := i-(kr-1)+a, j-(kc-1)+b
					if y >= 0 && y < r && x >= 0 && x < c {
						s += img.At(y, x) * k.At(a, b)
					}
				}
			}
			out.Set(i, j, s)
		}
	}
	return out
}

// TestRandomShapesAgainstNaive checks every method and mode on random shapes
// (kernels wider or taller than the image included, and matrix views)
// against the naive definition, cut with SciPy's windows.
func TestRandomShapesAgainstNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(77, 78))
	for trial := 0; trial < 60; trial++ {
		r, c := 1+rng.IntN(40), 1+rng.IntN(70)
		kr, kc := 1+rng.IntN(12), 1+rng.IntN(12)
		big := randDense(rng, r+3, c+5)
		img := big.Slice(2, 2+r, 1, 1+c).(*mat.Dense) // a view: stride > cols
		k := randDense(rng, kr, kc)
		full := naiveCorr2DFull(img, k)
		for _, mode := range allModes {
			if mode == Valid && !((r >= kr && c >= kc) || (r <= kr && c <= kc)) {
				continue
			}
			sr, sc := span2D(r, kr, mode, true), span2D(c, kc, mode, true)
			want := full.Slice(sr.Off, sr.Off+sr.Len, sc.Off, sc.Off+sc.Len).(*mat.Dense)
			for _, m := range []Method{Direct, FFT, Auto} {
				if d := maxRelDiffDense(Correlate2DWith(img, k, mode, m), want); d > 1e-12 {
					t.Fatalf("%dx%d * %dx%d %v %v: rel diff %g", r, c, kr, kc, mode, m, d)
				}
			}
		}
		// 1-D: the first row as a signal, the first kernel row as taps.
		x, h := mat.Row(nil, 0, img), mat.Row(nil, 0, k)
		fullRow := mat.Row(nil, 0, naiveCorr2DFull(mat.NewDense(1, c, x), mat.NewDense(1, kc, h)))
		for _, mode := range allModes {
			s := corrSpan1D(c, kc, mode)
			for _, m := range allMethods {
				if d := maxRelDiff(CorrelateWith(x, h, mode, m), fullRow[s.Off:s.Off+s.Len]); d > 1e-12 {
					t.Fatalf("1-D %d * %d %v %v: rel diff %g", c, kc, mode, m, d)
				}
			}
		}
	}
}

func TestNCCEdgeShapes(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	img := uniformImage(rng, 9, 7)
	// Template as large as the image: one score, 1 for the image itself.
	if g := NCC(img, img); g.RawMatrix().Rows != 1 || g.RawMatrix().Cols != 1 || g.At(0, 0) < 1-1e-12 {
		t.Errorf("whole-image template: %v", mat.Formatted(g))
	}
	// A 1x1 template has zero variance: all scores 0 by definition.
	if g := NCC(img, mat.NewDense(1, 1, []float64{3})); mat.Norm(g, 1) != 0 {
		t.Error("1x1 template must give zeros")
	}
	// A single-row template on a single-row image.
	row := uniformImage(rng, 1, 50)
	tpl := mat.DenseCopyOf(row.Slice(0, 1, 20, 27))
	if r, c, s := Match(row, tpl); r != 0 || c != 20 || s < 1-1e-12 {
		t.Errorf("1-row match (%d,%d,%g)", r, c, s)
	}
}

func TestCorrelate2DInto(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	img, k := randDense(rng, 30, 20), randDense(rng, 5, 4)
	big := mat.NewDense(40, 40, nil)
	dst := big.Slice(3, 29, 2, 19).(*mat.Dense) // 26x17, a view
	for _, m := range []Method{Direct, FFT} {
		if err := Correlate2DInto(context.Background(), dst, img, k, Valid, m); err != nil {
			t.Fatal(err)
		}
		if d := maxRelDiffDense(dst, Correlate2D(img, k, Valid)); d > 1e-12 {
			t.Errorf("%v: %g", m, d)
		}
	}
	if big.At(0, 0) != 0 || big.At(29, 19) != 0 {
		t.Error("wrote outside the view")
	}
	if !panics(func() { Correlate2DInto(context.Background(), mat.NewDense(3, 3, nil), img, k, Valid, Auto) }) {
		t.Error("wrong dst shape must panic")
	}
}
