package backend_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/gokernel/gokernel/stdlib/backend"
)

// Importing the package is all it takes: mat's products then run in
// OpenBLAS when it is installed, and in gonum's pure Go otherwise, with the
// same results.
func Example() {
	a := mat.NewDense(2, 3, []float64{1, 2, 3, 4, 5, 6})
	b := mat.NewDense(3, 2, []float64{7, 8, 9, 10, 11, 12})
	var c mat.Dense
	c.Mul(a, b)
	fmt.Println(mat.Formatted(&c))
	// Output:
	// ⎡ 58   64⎤
	// ⎣139  154⎦
}

// SetThreads bounds OpenBLAS's thread pool when
// several goroutines compute at once.
func ExampleSetThreads() {
	backend.SetThreads(1)
	fmt.Println(backend.Threads())
	// Output: 1
}
