package nn

import "gonum.org/v1/gonum/mat"

// Layer is one differentiable stage of a network working on minibatches
// whose rows are samples.
type Layer interface {
	// Forward maps the batch x (batch×InSize) to the layer's output
	// (batch×OutSize). The returned matrix is owned by the layer and is
	// valid until the next Forward. x must not change before Backward.
	Forward(x *mat.Dense) *mat.Dense
	// Backward takes dy = dLoss/dOutput (batch×OutSize) for the last
	// Forward, ADDS the parameter gradients into Param.Grad and returns
	// dLoss/dInput (batch×InSize) in a layer-owned buffer.
	Backward(dy *mat.Dense) *mat.Dense
	// Params returns the trainable parameters of the layer.
	Params() []*Param
	// InSize is the number of input features.
	InSize() int
	// OutSize is the number of output features.
	OutSize() int
}
