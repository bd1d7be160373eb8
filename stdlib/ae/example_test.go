package ae_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"

	"github.com/gokernel/gokernel/stdlib/ae"
	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

// points returns n rows of 8 features that depend on 2 hidden factors.
func points(n int, seed uint64) *mat.Dense {
	rng := rand.New(rand.NewPCG(seed, 0))
	x := mat.NewDense(n, 8, nil)
	for i := 0; i < n; i++ {
		a, b := rng.Float64(), rng.Float64()
		for j := 0; j < 8; j++ {
			x.Set(i, j, 0.5*a*float64(j%3)/2+0.4*b*float64(j%2)+0.05)
		}
	}
	return x
}

// A sparse denoising autoencoder is one Config; Fit returns the history of
// every loss term.
func Example() {
	train, test := points(512, 1), points(128, 2)
	m := ae.New(ae.Config{Sizes: []int{8, 6, 3}, Hidden: nn.Tanh, Output: nn.Sigmoid, Seed: 1,
		Sparsity: 0.1, Noise: ae.Masking(0.2)})
	fmt.Println(m)
	before := m.ReconError(test)
	hist, err := m.Fit(train, ae.FitOptions{Epochs: 30, Batch: 32, LR: 1e-2, Validation: test})
	if err != nil {
		panic(err)
	}
	fmt.Println(hist.Len(), "epochs; error fell:", m.ReconError(test) < before/2)
	z := m.Encode(test)
	r, c := z.Dims()
	fmt.Println("codes:", r, "x", c)
	// Output:
	// Autoencoder 8-6-3-6-8 (Tanh, code Sigmoid/Sigmoid, squared error), sparse ρ=0.1 β=3, denoising masking ν=0.2, untied, float32 products, 155 parameters
	// 30 epochs; error fell: true
	// codes: 128 x 3
}

// Fit stops within a batch when its context is cancelled and returns an
// error wrapping context.Canceled; the model stays usable.
func ExampleAutoencoder_FitContext() {
	x := points(256, 3)
	m := ae.New(ae.Config{Sizes: []int{8, 3}, Hidden: nn.Sigmoid, Output: nn.Sigmoid, Seed: 2})
	ctx, cancel := context.WithCancel(context.Background())
	hist, err := m.FitContext(ctx, x, ae.FitOptions{Epochs: 10, Batch: 64, OnBatch: func(p ae.Progress) {
		if p.Epoch == 3 && p.Batch == 2 {
			cancel() // what the notebook's interrupt does
		}
	}})
	fmt.Println(errors.Is(err, context.Canceled), hist.Len(), hist.Last().Partial)
	fmt.Println(err)
	_, c := m.Encode(x).Dims()
	fmt.Println("still encodes:", c)
	// Output:
	// true 3 true
	// ae: fit stopped before epoch 3, batch 3: context canceled
	// still encodes: 3
}

// Greedy layer-wise pretraining, then fine-tuning of the whole stack.
func ExampleAutoencoder_Pretrain() {
	x := points(512, 4)
	m := ae.New(ae.Config{Sizes: []int{8, 6, 2}, Hidden: nn.Sigmoid, Output: nn.Sigmoid, Tied: true, Seed: 3})
	stages, err := m.Pretrain(x, ae.FitOptions{Epochs: 5, Batch: 32, LR: 1e-2})
	if err != nil {
		panic(err)
	}
	for _, h := range stages {
		fmt.Println(h.Stage, h.Len(), "epochs")
	}
	_, err = m.Fit(x, ae.FitOptions{Epochs: 5, Batch: 32, LR: 1e-2})
	fmt.Println("fine-tuned:", err == nil)
	// Output:
	// pretrain layer 1 (8-6) 5 epochs
	// pretrain layer 2 (6-2) 5 epochs
	// fine-tuned: true
}

// The regularisers are plain functions too, for plots and checks.
func ExampleKL() {
	fmt.Printf("%.10f\n", ae.KL(0.05, 0.5))
	fmt.Printf("%.4f\n", ae.KLSlope(0.05, 0.2))
	fmt.Println(ae.KL(0.05, 0.05))
	// Output:
	// 0.4946319372
	// 0.9375
	// 0
}

// Corruption for denoising autoencoders, drawn from a seeded generator into
// a reused buffer.
func ExampleNoise_Corrupt() {
	x := mat.NewDense(1, 8, []float64{0.2, 0.4, 0.6, 0.8, 0.2, 0.4, 0.6, 0.8})
	buf := mat.NewDense(1, 8, nil)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []ae.Noise{ae.Masking(0.5), ae.SaltAndPepper(0.5)} {
		n.Corrupt(buf, x, rng)
		fmt.Println(n, mat.Formatted(buf))
	}
	// Output:
	// masking ν=0.5 [  0  0.4    0  0.8    0  0.4  0.6  0.8]
	// salt-and-pepper ν=0.5 {0,1} [0.2  0.4    0    0  0.2  0.4  0.6    0]
}
