package ae

import "fmt"

// Precision is the arithmetic of a model's matrix products. Parameters,
// gradients, optimizer state and every element-wise pass are float64 in
// both; only the products (nn.Dense.Float32, nn.Conv2D.Float32) change.
type Precision int

// The precisions. The zero value, Float32, is the default: PyTorch and Keras
// also train in float32, and it is about 1.3x faster here. Ask for Float64
// for finite-difference gradient checks to 1e-6 or results that match a
// float64 reference to more than 6 digits.
const (
	// Float32 computes the matrix products of the dense layers (tied ones
	// included) and the stride-1 convolutions in float32 (about 7
	// significant digits). Transposed convolutions compute in float64.
	Float32 Precision = iota
	// Float64 computes everything in float64.
	Float64
)

// String returns "float32" or "float64".
func (p Precision) String() string {
	switch p {
	case Float32:
		return "float32"
	case Float64:
		return "float64"
	}
	return fmt.Sprintf("Precision(%d)", int(p))
}

// validate returns a *ConfigError for an unknown precision.
func (p Precision) validate() error {
	if p != Float32 && p != Float64 {
		return &ConfigError{Field: "Precision", Msg: fmt.Sprintf("unknown precision %d (use ae.Float32 or ae.Float64)", int(p))}
	}
	return nil
}

// float32 reports whether the products run in float32.
func (p Precision) float32() bool { return p == Float32 }
