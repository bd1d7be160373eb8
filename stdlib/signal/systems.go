package signal

import "gonum.org/v1/gonum/mat"

// Example systems for lessons on linearity and shift invariance. Each
// returns a new slice and leaves its input alone.

// Square is y[n] = x[n]²: shift invariant, not linear.
func Square(x []float64) []float64 {
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = v * v
	}
	return y
}

// AddOne is y[n] = x[n] + 1: shift invariant, not linear (affine: T[0] ≠ 0).
func AddOne(x []float64) []float64 { return Affine(1, 1)(x) }

// Affine returns the system y[n] = a·x[n] + b, linear only when b = 0.
func Affine(a, b float64) func([]float64) []float64 {
	return func(x []float64) []float64 {
		y := make([]float64, len(x))
		for i, v := range x {
			y[i] = a*v + b
		}
		return y
	}
}

// TimeScaledGain is y[n] = n·x[n]: linear, not shift invariant.
func TimeScaledGain(x []float64) []float64 {
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = float64(i) * v
	}
	return y
}

// Downsample2 is y[m] = x[2m]: linear, not shift invariant (a shift by one
// sample changes which samples survive).
func Downsample2(x []float64) []float64 {
	y := make([]float64, (len(x)+1)/2)
	for i := range y {
		y[i] = x[2*i]
	}
	return y
}

// Reverse is y[n] = x[N−1−n]: linear, not shift invariant (a delay of the
// input becomes an advance of the output).
func Reverse(x []float64) []float64 { return reversed(x) }

// ReLU is y[n] = max(x[n], 0): shift invariant, not linear.
func ReLU(x []float64) []float64 {
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = max(v, 0)
	}
	return y
}

// Delay returns the LTI system y[n] = x[n−k] (k >= 0), keeping the length.
func Delay(k int) func([]float64) []float64 {
	return func(x []float64) []float64 {
		y := make([]float64, len(x))
		if k < len(x) {
			copy(y[k:], x)
		}
		return y
	}
}

// MovingAverage returns the LTI system that averages the last k samples,
// y = x ∗ (1/k, …, 1/k), in Full mode.
func MovingAverage(k int) func([]float64) []float64 {
	h := make([]float64, k)
	for i := range h {
		h[i] = 1 / float64(k)
	}
	return func(x []float64) []float64 { return Convolve(x, h, Full) }
}

// Square2D squares every pixel: shift invariant, not linear.
func Square2D(m *mat.Dense) *mat.Dense {
	var out mat.Dense
	out.MulElem(m, m)
	return &out
}

// AddOne2D adds 1 to every pixel: shift invariant, not linear.
func AddOne2D(m *mat.Dense) *mat.Dense {
	var out mat.Dense
	out.Apply(func(_, _ int, v float64) float64 { return v + 1 }, m)
	return &out
}

// RowGain2D is y(i,j) = i·x(i,j): linear, not shift invariant.
func RowGain2D(m *mat.Dense) *mat.Dense {
	var out mat.Dense
	out.Apply(func(i, _ int, v float64) float64 { return float64(i) * v }, m)
	return &out
}

// Downsample2D keeps every second row and column, y(i,j) = x(2i,2j):
// linear, not shift invariant.
func Downsample2D(m *mat.Dense) *mat.Dense {
	r, c := m.Dims()
	out := mat.NewDense((r+1)/2, (c+1)/2, nil)
	for i := 0; i < (r+1)/2; i++ {
		for j := 0; j < (c+1)/2; j++ {
			out.Set(i, j, m.At(2*i, 2*j))
		}
	}
	return out
}
