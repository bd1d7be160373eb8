package plots

import "fmt"

// ShapeError is the panic value for a programmer error in a plotting call:
// a matrix or slice whose shape does not fit the picture asked for (rows
// that are not imgRows×imgCols pixels, names and series of different
// lengths, a negative count).
type ShapeError struct {
	// Func names the call that panicked, e.g. "Images".
	Func string
	// Msg says what is wrong.
	Msg string
}

// Error implements error.
func (e *ShapeError) Error() string { return fmt.Sprintf("plots.%s: %s", e.Func, e.Msg) }

// shapePanic panics with a *ShapeError.
func shapePanic(fn, format string, args ...any) {
	panic(&ShapeError{Func: fn, Msg: fmt.Sprintf(format, args...)})
}
