package nn

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Activation is an element-wise non-linearity applied after a layer's affine
// map.
type Activation int

// The activations known to the package.
const (
	Identity  Activation = iota // f(z) = z
	Sigmoid                     // f(z) = 1 / (1 + exp(-z))
	Tanh                        // f(z) = tanh(z)
	ReLU                        // f(z) = max(z, 0)
	LeakyReLU                   // f(z) = z for z > 0, LeakySlope·z otherwise
)

// LeakySlope is the slope of LeakyReLU for negative inputs.
const LeakySlope = 0.01

// String returns the activation's name, such as "ReLU".
func (a Activation) String() string {
	switch a {
	case Identity:
		return "Identity"
	case Sigmoid:
		return "Sigmoid"
	case Tanh:
		return "Tanh"
	case ReLU:
		return "ReLU"
	case LeakyReLU:
		return "LeakyReLU"
	}
	return fmt.Sprintf("Activation(%d)", int(a))
}

// valid panics if a is not one of the known activations.
func (a Activation) valid() {
	if a < Identity || a > LeakyReLU {
		panic(fmt.Sprintf("nn: unknown activation %d", int(a)))
	}
}

// Value returns f(z).
func (a Activation) Value(z float64) float64 {
	switch a {
	case Identity:
		return z
	case Sigmoid:
		return fastSigmoid(z)
	case Tanh:
		return math.Tanh(z)
	case ReLU:
		if z > 0 {
			return z
		}
		return 0
	case LeakyReLU:
		if z > 0 {
			return z
		}
		return LeakySlope * z
	}
	a.valid()
	return 0
}

// Slope returns the derivative f'(z). At the kink of ReLU and LeakyReLU
// (z = 0) it returns the left derivative.
func (a Activation) Slope(z float64) float64 {
	switch a {
	case Identity:
		return 1
	case Sigmoid:
		s := fastSigmoid(z)
		return s * (1 - s)
	case Tanh:
		t := math.Tanh(z)
		return 1 - t*t
	case ReLU:
		if z > 0 {
			return 1
		}
		return 0
	case LeakyReLU:
		if z > 0 {
			return 1
		}
		return LeakySlope
	}
	a.valid()
	return 0
}

// Apply stores f(z) element-wise in dst. dst and z must have the same shape;
// dst may be z.
func (a Activation) Apply(dst, z *mat.Dense) {
	a.valid()
	sameShape(dst, z)
	r, _ := z.Dims()
	for i := 0; i < r; i++ {
		activate(a, dst.RawRowView(i), z.RawRowView(i))
	}
}

// Derivative stores f'(z) element-wise in dst. dst and z must have the same
// shape; dst may be z.
func (a Activation) Derivative(dst, z *mat.Dense) {
	a.valid()
	sameShape(dst, z)
	r, c := z.Dims()
	for i := 0; i < r; i++ {
		zr := z.RawRowView(i)[:c]
		dr := dst.RawRowView(i)[:len(zr)]
		for j, v := range zr {
			dr[j] = a.Slope(v)
		}
	}
}

// sameShape panics with mat.ErrShape unless a and b have the same dimensions.
func sameShape(a, b mat.Matrix) {
	ar, ac := a.Dims()
	br, bc := b.Dims()
	if ar != br || ac != bc {
		panic(mat.ErrShape)
	}
}
