// Package shapes is a fixture for the gendocs tests.
package shapes

import "io"

// Color is a paint color.
type Color int

// The colors.
const (
	Red Color = iota // Red is warm.
	Green
	Blue
)

// Unit is the default scale.
var Unit = &Square{Side: 1}

// Square is a square.
type Square struct {
	// Side is the length of a side.
	Side      float64
	Color     // embedded
	io.Writer // embedded from another package
	area      float64
}

// NewSquare returns a square of side s.
func NewSquare(s float64) (*Square, error) { return &Square{Side: s}, nil }

// Area returns the area.
func (q *Square) Area() float64 { return q.Side * q.Side }

func (q *Square) hidden() {}

func helper() {}

// Shape is anything with an area.
type Shape interface {
	// Area returns the area.
	Area() float64
	io.Writer
	scale(f float64)
}
