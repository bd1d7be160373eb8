package nn

import (
	"fmt"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// ParamBackwarder is implemented by layers that can compute their
// parameter gradients without the input gradient. Sequential.BackwardParams
// uses it for the first layer.
type ParamBackwarder interface {
	BackwardParams(dy *mat.Dense)
}

// Sequential chains layers: the output of each is the input of the next.
type Sequential struct {
	// Layers run in order in Forward and in reverse order in Backward.
	Layers []Layer

	params []*Param // cache of Params
}

// NewSequential returns a Sequential of the given layers, checking that
// each layer's OutSize matches the next one's InSize.
func NewSequential(layers []Layer) *Sequential {
	for i := 1; i < len(layers); i++ {
		if layers[i-1].OutSize() != layers[i].InSize() {
			panic(mat.ErrShape)
		}
	}
	return &Sequential{Layers: layers}
}

// InSize returns the input size of the first layer (0 with no layers).
func (s *Sequential) InSize() int {
	if len(s.Layers) == 0 {
		return 0
	}
	return s.Layers[0].InSize()
}

// OutSize returns the output size of the last layer (0 with no layers).
func (s *Sequential) OutSize() int {
	if len(s.Layers) == 0 {
		return 0
	}
	return s.Layers[len(s.Layers)-1].OutSize()
}

// Forward runs x through every layer and returns the last layer's output
// (owned by that layer).
func (s *Sequential) Forward(x *mat.Dense) *mat.Dense {
	for _, l := range s.Layers {
		x = l.Forward(x)
	}
	return x
}

// Backward runs dy = dLoss/dOutput back through every layer, adding into
// all parameter gradients, and returns dLoss/dInput (owned by the first
// layer).
func (s *Sequential) Backward(dy *mat.Dense) *mat.Dense {
	for i := len(s.Layers) - 1; i >= 0; i-- {
		dy = s.Layers[i].Backward(dy)
	}
	return dy
}

// BackwardParams is Backward when dLoss/dInput is not needed, as in
// training: the first layer skips its input gradient if it implements
// ParamBackwarder.
func (s *Sequential) BackwardParams(dy *mat.Dense) {
	if len(s.Layers) == 0 {
		return
	}
	for i := len(s.Layers) - 1; i > 0; i-- {
		dy = s.Layers[i].Backward(dy)
	}
	if pb, ok := s.Layers[0].(ParamBackwarder); ok {
		pb.BackwardParams(dy)
		return
	}
	s.Layers[0].Backward(dy)
}

// BackwardPreParams is BackwardParams given dLoss/dz of the last layer,
// the gradient with respect to its pre-activation (see Dense.BackwardPre).
// The last layer must have a BackwardPre method, as Dense does.
func (s *Sequential) BackwardPreParams(dz *mat.Dense) {
	n := len(s.Layers)
	if n == 0 {
		return
	}
	last, ok := s.Layers[n-1].(interface {
		BackwardPre(dz *mat.Dense) *mat.Dense
		BackwardPreParams(dz *mat.Dense)
	})
	if !ok {
		panic(fmt.Sprintf("nn: Sequential.BackwardPreParams: last layer %T has no BackwardPre", s.Layers[n-1]))
	}
	if n == 1 {
		last.BackwardPreParams(dz)
		return
	}
	dy := last.BackwardPre(dz)
	for i := n - 2; i > 0; i-- {
		dy = s.Layers[i].Backward(dy)
	}
	if pb, ok := s.Layers[0].(ParamBackwarder); ok {
		pb.BackwardParams(dy)
		return
	}
	s.Layers[0].Backward(dy)
}

// Params returns the parameters of all layers in order. The slice is cached
// and rebuilt when a layer's parameters change (for instance after
// replacing an element of Layers); callers must not modify it.
func (s *Sequential) Params() []*Param {
	if s.params != nil && s.cached() {
		return s.params
	}
	var ps []*Param
	for _, l := range s.Layers {
		ps = append(ps, l.Params()...)
	}
	s.params = ps
	return ps
}

// cached reports whether s.params still lists the layers' parameters. It
// compares *Param pointers, never the layers themselves: a layer defined
// in the notebook reaches here as an interpreter wrapper that cannot be
// compared.
func (s *Sequential) cached() bool {
	k := 0
	for _, l := range s.Layers {
		for _, p := range l.Params() {
			if k >= len(s.params) || s.params[k] != p {
				return false
			}
			k++
		}
	}
	return k == len(s.params)
}

// SetFloat32 sets the Float32 flag of every Dense layer: their matrix
// products then run in float32 (see Dense.Float32).
func (s *Sequential) SetFloat32(on bool) {
	for _, l := range s.Layers {
		if d, ok := l.(*Dense); ok {
			d.Float32 = on
		}
	}
}

// ZeroGrad sets every parameter gradient of the network to zero.
func (s *Sequential) ZeroGrad() { ZeroGrad(s.Params()) }

// String lists the layers, one a line, in the style of PyTorch.
func (s *Sequential) String() string {
	var b strings.Builder
	b.WriteString("Sequential(\n")
	for i, l := range s.Layers {
		if st, ok := l.(fmt.Stringer); ok {
			fmt.Fprintf(&b, "  (%d): %s\n", i, st.String())
		} else {
			fmt.Fprintf(&b, "  (%d): Layer(%d -> %d)\n", i, l.InSize(), l.OutSize())
		}
	}
	b.WriteString(")")
	return b.String()
}
