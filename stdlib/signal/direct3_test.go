package signal

import (
	"context"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestDirect3x3AgainstNaive covers the fused two-rows-per-pass 3x3 path of
// the direct method: odd and even sizes (an odd last row, images narrower
// than the kernel, outputs too small to split among goroutines and large
// enough to be split at an odd row), image, kernel and destination views
// with stride > cols, every mode, correlation and convolution, against the
// naive definition.
func TestDirect3x3AgainstNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(33, 34))
	sizes := [][2]int{{1, 1}, {2, 7}, {3, 3}, {4, 4}, {5, 9}, {6, 2}, {7, 13}, {8, 8}, {9, 37}, {33, 1}, {120, 121}, {157, 203}}
	for _, sz := range sizes {
		r, c := sz[0], sz[1]
		big := randDense(rng, r+4, c+6)
		img := big.Slice(3, 3+r, 2, 2+c).(*mat.Dense)
		kbig := randDense(rng, 5, 6)
		k := kbig.Slice(1, 4, 2, 5).(*mat.Dense)
		full := naiveCorr2DFull(img, k)
		for _, mode := range allModes {
			if mode == Valid && !((r >= 3 && c >= 3) || (r <= 3 && c <= 3)) {
				continue
			}
			sr, sc := span2D(r, 3, mode, true), span2D(c, 3, mode, true)
			want := full.Slice(sr.Off, sr.Off+sr.Len, sc.Off, sc.Off+sc.Len).(*mat.Dense)
			if d := maxRelDiffDense(Correlate2DWith(img, k, mode, Direct), want); d > 1e-12 {
				t.Fatalf("%dx%d %v: rel diff %g", r, c, mode, d)
			}
			dbig := mat.NewDense(sr.Len+2, sc.Len+3, nil)
			for i := range dbig.RawMatrix().Data {
				dbig.RawMatrix().Data[i] = 7
			}
			dst := dbig.Slice(1, 1+sr.Len, 2, 2+sc.Len).(*mat.Dense)
			if err := Correlate2DInto(context.Background(), dst, img, k, mode, Direct); err != nil {
				t.Fatal(err)
			}
			if d := maxRelDiffDense(dst, want); d > 1e-12 {
				t.Fatalf("Into %dx%d %v: rel diff %g", r, c, mode, d)
			}
			if dbig.At(0, 0) != 7 || dbig.At(sr.Len+1, sc.Len+2) != 7 || dbig.At(1, 1) != 7 {
				t.Fatalf("Into %dx%d %v wrote outside the view", r, c, mode)
			}
		}
		// Convolution is correlation with the kernel rotated by 180°.
		rot := mat.NewDense(3, 3, nil)
		for a := 0; a < 3; a++ {
			for b := 0; b < 3; b++ {
				rot.Set(2-a, 2-b, k.At(a, b))
			}
		}
		if d := maxRelDiffDense(Convolve2DWith(img, k, Full, Direct), naiveCorr2DFull(img, rot)); d > 1e-12 {
			t.Fatalf("convolve %dx%d: rel diff %g", r, c, d)
		}
	}
}
