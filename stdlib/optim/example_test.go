package optim_test

import (
	"fmt"

	"github.com/gokernel/gokernel/stdlib/nn"
	"github.com/gokernel/gokernel/stdlib/optim"
	"gonum.org/v1/gonum/mat"
)

// Minimise f(p) = (p - 3)² with Adam.
func ExampleAdam() {
	p := nn.NewParam("p", mat.NewDense(1, 1, []float64{0}))
	opt := optim.NewAdam(0.1)
	fmt.Println(opt)
	for step := 0; step < 500; step++ {
		p.Grad.Set(0, 0, 2*(p.Value.At(0, 0)-3))
		opt.Step([]*nn.Param{p})
	}
	fmt.Printf("p = %.3f after %d steps\n", p.Value.At(0, 0), opt.Steps(p))
	// Output:
	// Adam(lr=0.1, betas=(0.9, 0.999), eps=1e-08, weight_decay=0)
	// p = 3.000 after 500 steps
}

// One step of SGD by hand: p ← p - lr·grad.
func ExampleSGD() {
	p := nn.NewParam("w", mat.NewDense(1, 2, []float64{1, 2}))
	p.Grad.SetRow(0, []float64{0.5, -1})
	optim.NewSGD(0.1, 0, 0).Step([]*nn.Param{p})
	fmt.Println(mat.Formatted(p.Value))
	// Output:
	// [0.95   2.1]
}
