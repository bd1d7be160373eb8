package pca_test

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/gokernel/gokernel/stdlib/data"
	"github.com/gokernel/gokernel/stdlib/pca"
)

// Points near a circle in the plane: the first component carries about half
// of the variance, and the error with one component is the second
// eigenvalue.
func ExampleFit() {
	x, _ := data.NoisyCircle(2000, 0.05, 1)
	p := pca.Fit(x, 1)
	fmt.Printf("variances %.2f %.2f\n", p.Variances[0], p.Variances[1])
	fmt.Printf("explained %.2f\n", p.Explained())
	fmt.Printf("training error %.3f = residual variance %.3f\n", p.Error(x), p.ResidualVariance())
	z := p.Transform(x)
	r, c := z.Dims()
	fmt.Println("codes", r, "×", c)
	// Output:
	// variances 0.52 0.49
	// explained 0.52
	// training error 0.487 = residual variance 0.487
	// codes 2000 × 1
}

// The H06 comparison: PCA with 30 components on MNIST, error summed over
// the 784 pixels of each test image.
func ExamplePCA_Error() {
	train, test, err := data.MNIST()
	if err != nil {
		fmt.Println(err)
		return
	}
	p := pca.Fit(train.X, 30)
	fmt.Printf("%.2f\n", p.Error(test.X))
	// Output: 13.87
}

func ExampleAngles() {
	// The xy-plane and a plane through the x-axis tilted by 0.3 rad.
	a := mat.NewDense(3, 2, []float64{1, 0, 0, 1, 0, 0})
	b := mat.NewDense(3, 2, []float64{1, 0, 0, math.Cos(0.3), 0, math.Sin(0.3)})
	fmt.Printf("%.4f\n", pca.Angles(a, b))
	fmt.Printf("%.4f\n", pca.MaxAngle(a, b))
	// Output:
	// [0.0000 0.3000]
	// 0.3000
}
