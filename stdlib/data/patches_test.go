package data

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestPatchesComeFromImages(t *testing.T) {
	// Pixel (r, c) of image k holds 10000k + 100r + c, so a patch tells
	// where it was cut.
	const n, rows, cols, size = 7, 12, 10, 4
	imgs := mat.NewDense(n, rows*cols, nil)
	for k := 0; k < n; k++ {
		for r := 0; r < rows; r++ {
			for c := 0; c < cols; c++ {
				imgs.Set(k, r*cols+c, float64(10000*k+100*r+c))
			}
		}
	}
	p := Patches(imgs, rows, cols, size, 500, 3)
	if r, c := p.Dims(); r != 500 || c != size*size {
		t.Fatalf("dims %d×%d", r, c)
	}
	corners := map[[3]int]bool{}
	for i := 0; i < 500; i++ {
		v0 := int(p.At(i, 0))
		k, r0, c0 := v0/10000, v0%10000/100, v0%100
		if r0 > rows-size || c0 > cols-size {
			t.Fatalf("patch %d starts at (%d, %d), outside", i, r0, c0)
		}
		corners[[3]int{k, r0, c0}] = true
		for r := 0; r < size; r++ {
			for c := 0; c < size; c++ {
				if got, want := p.At(i, r*size+c), float64(v0+100*r+c); got != want {
					t.Fatalf("patch %d (%d, %d) = %v, want %v", i, r, c, got, want)
				}
			}
		}
	}
	// 7 images × 9 × 7 positions = 441 corners; 500 draws should hit many.
	if len(corners) < 200 {
		t.Errorf("only %d distinct patch positions in 500 draws", len(corners))
	}
	if !mat.Equal(p, Patches(imgs, rows, cols, size, 500, 3)) {
		t.Error("same seed, different patches")
	}
	if mat.Equal(p, Patches(imgs, rows, cols, size, 500, 4)) {
		t.Error("different seeds, same patches")
	}
}

func TestNormalizePatches(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 1))
	const n, d = 2000, 64
	p := mat.NewDense(n, d, nil)
	for i := 0; i < n; i++ {
		offset := 5 * rnd.Float64()
		for j := 0; j < d; j++ {
			p.Set(i, j, offset+2*rnd.NormFloat64())
		}
	}
	q := NormalizePatches(p)
	data := q.RawMatrix().Data
	var ss float64
	clipped := 0
	for _, v := range data {
		if v < 0.1-1e-12 || v > 0.9+1e-12 {
			t.Fatalf("value %v outside [0.1, 0.9]", v)
		}
		if v == 0.1 || v == 0.9 {
			clipped++
		}
		u := (v - 0.5) / 0.4 * 3 // back in units of the deviation
		ss += u * u
	}
	// Gaussian values: 0.27% lie beyond 3σ and the clipped deviation is
	// E[min(z², 9)] = 0.995 for a standard normal z, so about 0.9975.
	if frac := float64(clipped) / float64(n*d); frac < 0.001 || frac > 0.005 {
		t.Errorf("clipped fraction %v, want about 0.0027", frac)
	}
	if sd := math.Sqrt(ss / float64(n*d)); math.Abs(sd-0.9975) > 0.004 {
		t.Errorf("deviation after normalising %v, want about 0.9975", sd)
	}
	for i := 0; i < n; i += 97 {
		if m := mat.Sum(q.RowView(i)) / d; math.Abs(m-0.5) > 0.01 {
			t.Fatalf("patch %d mean %v, want about 0.5 after removing the patch mean", i, m)
		}
	}
	if mat.Equal(p, q) {
		t.Fatal("input modified or no change")
	}
	flat := NormalizePatches(mat.NewDense(2, 4, []float64{1, 1, 1, 1, 3, 3, 3, 3}))
	if mat.Min(flat) != 0.5 || mat.Max(flat) != 0.5 {
		t.Errorf("constant patches give %v", mat.Formatted(flat))
	}
}
