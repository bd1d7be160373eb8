package nn

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Param is one trainable parameter matrix of a layer together with the
// gradient of the loss with respect to it.
type Param struct {
	// Name says which parameter of its layer this is, such as "W" or "B".
	Name string
	// Value holds the parameter; optimizers update it in place.
	Value *mat.Dense
	// Grad has the shape of Value. Backward adds into it; ZeroGrad clears it.
	Grad *mat.Dense
}

// NewParam returns a parameter that holds value and a zero gradient of the
// same shape.
func NewParam(name string, value *mat.Dense) *Param {
	r, c := value.Dims()
	return &Param{Name: name, Value: value, Grad: mat.NewDense(r, c, nil)}
}

// String describes the parameter, for example "W 784×128".
func (p *Param) String() string {
	r, c := p.Value.Dims()
	return fmt.Sprintf("%s %d×%d", p.Name, r, c)
}

// ZeroGrad sets the gradient of every parameter in ps to zero.
func ZeroGrad(ps []*Param) {
	for _, p := range ps {
		p.Grad.Zero()
	}
}

// NumParams returns the number of scalar values held by ps.
func NumParams(ps []*Param) int {
	n := 0
	for _, p := range ps {
		r, c := p.Value.Dims()
		n += r * c
	}
	return n
}
