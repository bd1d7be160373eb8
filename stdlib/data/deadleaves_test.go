package data

import (
	"math"
	"math/cmplx"
	"testing"

	"gonum.org/v1/gonum/dsp/fourier"
	"gonum.org/v1/gonum/mat"
)

func TestDeadLeaves(t *testing.T) {
	const n, size = 8, 64
	const seed = 1
	x := DeadLeaves(n, size, seed)
	if r, c := x.Dims(); r != n || c != size*size {
		t.Fatalf("dims %d×%d", r, c)
	}
	if lo, hi := mat.Min(x), mat.Max(x); lo < 0 || hi > 1 {
		t.Fatalf("pixels in [%v, %v]", lo, hi)
	}
	if !mat.Equal(x, DeadLeaves(n, size, seed)) || mat.Equal(x, DeadLeaves(n, size, seed+1)) {
		t.Fatal("seed does not determine the images")
	}
	// Piecewise constant: most horizontal neighbours are equal, yet each
	// image has many distinct grey levels (many discs are visible).
	for k := 0; k < n; k++ {
		img := x.RawRowView(k)
		same := 0
		levels := map[float64]bool{}
		for y := 0; y < size; y++ {
			for xx := 0; xx+1 < size; xx++ {
				if img[y*size+xx] == img[y*size+xx+1] {
					same++
				}
				levels[img[y*size+xx]] = true
			}
		}
		if frac := float64(same) / float64(size*(size-1)); frac < 0.6 || frac > 0.98 {
			t.Errorf("image %d: %.2f of neighbours equal", k, frac)
		}
		if len(levels) < 20 {
			t.Errorf("image %d: only %d grey levels", k, len(levels))
		}
	}
	// Power spectrum: a 2-D spectrum ∝ 1/f² integrates, along one axis, to
	// row spectra ∝ 1/f, so the row power averaged over images and rows
	// has a log-log slope near −1 between f = 2 and 16 (white noise: 0).
	fft := fourier.NewFFT(size)
	power := make([]float64, size/2+1)
	row := make([]float64, size)
	for k := 0; k < n; k++ {
		img := x.RawRowView(k)
		for y := 0; y < size; y++ {
			copy(row, img[y*size:(y+1)*size])
			for i, c := range fft.Coefficients(nil, row) {
				power[i] += real(c * cmplx.Conj(c))
			}
		}
	}
	slope := (math.Log(power[16]) - math.Log(power[2])) / (math.Log(16) - math.Log(2))
	if slope > -0.7 || slope < -1.5 {
		t.Errorf("row power spectrum slope %.2f, want about −1", slope)
	}
	t.Logf("spectrum slope %.2f", slope)
}
