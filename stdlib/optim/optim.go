package optim

import "github.com/gokernel/gokernel/stdlib/nn"

// Optimizer updates parameters in place from their gradients. SGD and Adam
// also have a Reset method that forgets their per-parameter state.
type Optimizer interface {
	// Step applies one update to every parameter in ps.
	Step(ps []*nn.Param)
}

// OutOfPlace is implemented by optimizers that can write a step's new values
// to other storage (Adam). A training loop that must be able to undo a step
// uses it to keep the previous values without copying them: it alternates
// each parameter between two arrays.
type OutOfPlace interface {
	Optimizer
	// StepTo applies one update, writing the new values of ps[i] to dst[i]
	// (of the same length) and leaving the parameters' values unchanged;
	// the optimizer's own state advances as in Step.
	StepTo(dst [][]float64, ps []*nn.Param)
}

// flat returns the contiguous storage of a parameter's value and gradient.
// Parameters are whole matrices (not views), so their data are contiguous;
// views are rejected.
func flat(p *nn.Param) (v, g []float64) {
	vm := p.Value.RawMatrix()
	gm := p.Grad.RawMatrix()
	if vm.Rows != gm.Rows || vm.Cols != gm.Cols {
		panic("optim: " + p.Name + ": gradient shape differs from value shape")
	}
	if vm.Stride != vm.Cols || gm.Stride != gm.Cols {
		panic("optim: " + p.Name + ": parameter is a strided view")
	}
	n := vm.Rows * vm.Cols
	return vm.Data[:n], gm.Data[:n]
}
