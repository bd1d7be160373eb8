package signal

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// Synthetic test images, values in [0, 1], for lessons and tests.

// Checkerboard returns a rows x cols board of square x square cells, 1 in
// the top-left cell and alternating with 0. It panics if square < 1.
func Checkerboard(rows, cols, square int) *mat.Dense {
	if square < 1 {
		panic(ShapeError{"Checkerboard", "square must be >= 1"})
	}
	m := mat.NewDense(rows, cols, nil)
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			if (i/square+j/square)%2 == 0 {
				m.Set(i, j, 1)
			}
		}
	}
	return m
}

// GaussianBlob returns exp(−((i−cr)² + (j−cc)²)/(2σ²)): 1 at the centre
// (cr, cc).
func GaussianBlob(rows, cols int, cr, cc, sigma float64) *mat.Dense {
	m := mat.NewDense(rows, cols, nil)
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			di, dj := float64(i)-cr, float64(j)-cc
			m.Set(i, j, math.Exp(-(di*di+dj*dj)/(2*sigma*sigma)))
		}
	}
	return m
}

// Disk returns 1 on the pixels within radius of (cr, cc) and 0 elsewhere.
func Disk(rows, cols int, cr, cc, radius float64) *mat.Dense {
	m := mat.NewDense(rows, cols, nil)
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			if math.Hypot(float64(i)-cr, float64(j)-cc) <= radius {
				m.Set(i, j, 1)
			}
		}
	}
	return m
}

// Gradient returns a left-to-right ramp, column j having the value
// j/(cols−1) (0 when cols is 1).
func Gradient(rows, cols int) *mat.Dense {
	m := mat.NewDense(rows, cols, nil)
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			if cols > 1 {
				m.Set(i, j, float64(j)/float64(cols-1))
			}
		}
	}
	return m
}

// Shapes returns a scene on a 0.1 background with four shapes, one per
// quadrant, each of its own brightness: a square (0.9, top left), a disk
// (0.7, top right), a triangle (0.5, bottom left) and a plus sign (1.0,
// bottom right). Sizes scale with the image.
func Shapes(rows, cols int) *mat.Dense {
	m := mat.NewDense(rows, cols, nil)
	hr, hc := float64(rows)/2, float64(cols)/2
	q := math.Min(hr, hc)
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			y, x := float64(i)+0.5, float64(j)+0.5
			v := 0.1
			switch {
			case y < hr && x < hc: // square
				if math.Abs(y-hr/2) <= q*0.3 && math.Abs(x-hc/2) <= q*0.3 {
					v = 0.9
				}
			case y < hr: // disk
				if math.Hypot(y-hr/2, x-hc*1.5) <= q*0.35 {
					v = 0.7
				}
			case x < hc: // triangle with apex up
				top, base := hr+hr*0.15, hr+hr*0.85
				if y >= top && y <= base && math.Abs(x-hc/2) <= (y-top)/(base-top)*q*0.4 {
					v = 0.5
				}
			default: // plus
				dy, dx := math.Abs(y-hr*1.5), math.Abs(x-hc*1.5)
				if (dy <= q*0.35 && dx <= q*0.08) || (dx <= q*0.35 && dy <= q*0.08) {
					v = 1
				}
			}
			m.Set(i, j, v)
		}
	}
	return m
}

// GaussianNoise returns independent N(0, σ²) pixels drawn from seed.
func GaussianNoise(rows, cols int, sigma float64, seed uint64) *mat.Dense {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	m := mat.NewDense(rows, cols, nil)
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			m.Set(i, j, sigma*rng.NormFloat64())
		}
	}
	return m
}

// Digit reshapes one MNIST row of 784 pixels into its 28x28 image (a copy).
// It panics with a ShapeError if len(row) != 784.
func Digit(row []float64) *mat.Dense {
	if len(row) != 784 {
		panic(ShapeError{"Digit", "need 784 pixels"})
	}
	return mat.NewDense(28, 28, append([]float64(nil), row...))
}
