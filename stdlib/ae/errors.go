package ae

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// ShapeError is the panic value for a matrix whose shape does not fit the
// model or the other arguments: a programmer error.
type ShapeError struct {
	// Op is the function or method that found the mismatch.
	Op string
	// Got is the offending width (or count); Want is what was expected.
	Got, Want int
}

// Error describes the mismatch.
func (e *ShapeError) Error() string {
	return fmt.Sprintf("ae: %s: got width %d, want %d", e.Op, e.Got, e.Want)
}

// ConfigError is the panic value for an invalid Config or FitOptions: a
// programmer error.
type ConfigError struct {
	// Field names the offending field, such as "Sizes".
	Field string
	// Msg says what is wrong with it.
	Msg string
}

// Error describes the problem.
func (e *ConfigError) Error() string {
	return fmt.Sprintf("ae: invalid %s: %s", e.Field, e.Msg)
}

// checkSame panics with a *ShapeError unless a and b have the same shape.
func checkSame(op string, a, b *mat.Dense) {
	ar, ac := a.Dims()
	br, bc := b.Dims()
	if ar != br {
		panic(&ShapeError{Op: op + " (rows)", Got: br, Want: ar})
	}
	if ac != bc {
		panic(&ShapeError{Op: op, Got: bc, Want: ac})
	}
}
