package signal

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// System1D is a discrete linear time-invariant (LTI) system given by its
// impulse response: y = x ∗ Impulse.
type System1D struct {
	Impulse []float64
}

// NewSystem1D returns the LTI system with impulse response h (copied).
// It panics with a ShapeError if h is empty.
func NewSystem1D(h []float64) System1D {
	if len(h) == 0 {
		panic(ShapeError{"NewSystem1D", "empty impulse response"})
	}
	return System1D{Impulse: append([]float64(nil), h...)}
}

// Response returns the whole output y = x ∗ h, of length len(x)+len(h)−1,
// where sample n is Σ_k h[k]·x[n−k].
func (s System1D) Response(x []float64) []float64 { return Convolve(x, s.Impulse, Full) }

// ImpulseResponse returns the first n samples of the response to the unit
// impulse δ[n] (the impulse response, zero padded or cut to n).
func (s System1D) ImpulseResponse(n int) []float64 {
	y := make([]float64, n)
	copy(y, s.Impulse)
	return y
}

// StepResponse returns the first n samples of the response to the unit
// step u[n]: the running sums of the impulse response.
func (s System1D) StepResponse(n int) []float64 {
	y := make([]float64, n)
	var acc float64
	for i := range y {
		if i < len(s.Impulse) {
			acc += s.Impulse[i]
		}
		y[i] = acc
	}
	return y
}

// String describes the system.
func (s System1D) String() string { return fmt.Sprintf("LTI system, h = %v", s.Impulse) }

// System2D is a linear shift-invariant (LSI) image system given by its
// point spread function: y = img ∗ PSF, centred so that the output has the
// image's shape (Same mode).
type System2D struct {
	PSF *mat.Dense
}

// NewSystem2D returns the LSI system with point spread function psf
// (copied).
func NewSystem2D(psf *mat.Dense) System2D { return System2D{PSF: mat.DenseCopyOf(psf)} }

// Response returns Convolve2D(img, PSF, Same).
func (s System2D) Response(img *mat.Dense) *mat.Dense { return Convolve2D(img, s.PSF, Same) }

// ImpulseResponse returns the response to a unit impulse at the centre
// (rows/2, cols/2) of a rows x cols image: the PSF drawn around the centre.
func (s System2D) ImpulseResponse(rows, cols int) *mat.Dense {
	d := mat.NewDense(rows, cols, nil)
	d.Set(rows/2, cols/2, 1)
	return s.Response(d)
}

// StepResponse returns the response to a vertical step edge: a rows x cols
// image that is 0 left of column cols/2 and 1 from it on.
func (s System2D) StepResponse(rows, cols int) *mat.Dense {
	d := mat.NewDense(rows, cols, nil)
	for i := 0; i < rows; i++ {
		for j := cols / 2; j < cols; j++ {
			d.Set(i, j, 1)
		}
	}
	return s.Response(d)
}

// String describes the system.
func (s System2D) String() string {
	r, c := s.PSF.Dims()
	return fmt.Sprintf("LSI system, %dx%d PSF", r, c)
}

// ImpulseResponseOf feeds the unit impulse of length n (δ[0] = 1) to any
// system and returns its output: for an LTI system, its impulse response.
func ImpulseResponseOf(f func([]float64) []float64, n int) []float64 {
	d := make([]float64, n)
	d[0] = 1
	return f(d)
}
