package optim

import "github.com/gokernel/gokernel/stdlib/nn"

// Optimizer updates parameters in place from their gradients. SGD and Adam
// also have a Reset method that forgets their per-parameter state.
type Optimizer interface {
	// Step applies one update to every parameter in ps.
	Step(ps []*nn.Param)
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
