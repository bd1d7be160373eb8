package data_test

import (
	"fmt"

	"github.com/gokernel/gokernel/stdlib/data"
)

func ExampleMNIST() {
	train, test, err := data.MNIST()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(train)
	fmt.Println(test.Len(), "test images; the first training digit is a", train.Labels[0])
	small := train.Subset(1000, 1)
	fmt.Println(small.Len(), small.Image(0).At(14, 14) <= 1)
	// Output:
	// data.Set(60000 images of 28×28 = 784 pixels, 10 classes)
	// 10000 test images; the first training digit is a 5
	// 1000 true
}

func ExamplePatches() {
	train, _ := data.MustMNIST()
	p := data.Patches(train.X, 28, 28, 8, 10000, 1)
	q := data.NormalizePatches(p)
	r, c := q.Dims()
	fmt.Println(r, c)
	// Output: 10000 64
}

func ExampleSwissRoll() {
	x, t := data.SwissRoll(1000, 0.1, 42)
	r, c := x.Dims()
	fmt.Println(r, c, len(t))
	// Output: 1000 3 1000
}

// Offline stand-in for natural-image patches: 8×8 patches of dead-leaves
// images, normalised for a sigmoid autoencoder.
func ExampleDeadLeaves() {
	imgs := data.DeadLeaves(10, 64, 1)
	p := data.NormalizePatches(data.Patches(imgs, 64, 64, 8, 5000, 2))
	r, c := p.Dims()
	fmt.Println(r, c)
	// Output: 5000 64
}
