package nn_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/gokernel/gokernel/stdlib/nn"
	"github.com/gokernel/gokernel/stdlib/optim"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
	"gonum.org/v1/gonum/mat"
)

// trainer is one training step of an autoencoder: Forward, MSE, Backward
// and an Adam step, with every buffer allocated up front.
type trainer struct {
	net    *nn.Sequential
	opt    *optim.Adam
	params []*nn.Param
	x, dy  *mat.Dense
}

func newTrainer(rng *rand.Rand, sizes []int, batch int, f32 bool) *trainer {
	var layers []nn.Layer
	for i := 0; i+1 < len(sizes); i++ {
		act := nn.ReLU
		if i+2 == len(sizes) {
			act = nn.Sigmoid
		}
		layers = append(layers, nn.NewDense(sizes[i], sizes[i+1], act, rng))
	}
	net := nn.NewSequential(layers)
	net.SetFloat32(f32)
	return &trainer{
		net:    net,
		opt:    optim.NewAdam(1e-3),
		params: net.Params(),
		x:      randDense(rng, batch, sizes[0], 0, 1),
		dy:     mat.NewDense(batch, sizes[0], nil),
	}
}

func (tr *trainer) step() float64 {
	nn.ZeroGrad(tr.params)
	out := tr.net.Forward(tr.x)
	loss := nn.MSEWithGrad(tr.dy, out, tr.x)
	tr.net.BackwardParams(tr.dy)
	tr.opt.Step(tr.params)
	return loss
}

// TestTrainStepAllocatesNothing checks this package and optim with gonum's
// own BLAS: the OpenBLAS backend allocates a small argument frame per call,
// which is its business, measured by BenchmarkTrainStep's allocs/op.
func TestTrainStepAllocatesNothing(t *testing.T) {
	prev64, prev32 := blas64.Implementation(), blas32.Implementation()
	blas64.Use(gonum.Implementation{})
	blas32.Use(gonum.Implementation{})
	defer func() { blas64.Use(prev64); blas32.Use(prev32) }()

	for _, f32 := range []bool{false, true} {
		t.Run(fmt.Sprint("float32=", f32), func(t *testing.T) { testTrainStepAllocs(t, f32) })
	}
}

func testTrainStepAllocs(t *testing.T, f32 bool) {
	rng := rand.New(rand.NewPCG(12, 12))
	tr := newTrainer(rng, []int{20, 8, 20}, 16, f32)
	tr.step()
	if n := testing.AllocsPerRun(50, func() { tr.step() }); n != 0 {
		t.Errorf("%g allocations per Forward+Backward+Step after warm-up", n)
	}
	full := func() {
		nn.ZeroGrad(tr.params)
		out := tr.net.Forward(tr.x)
		nn.MSEGrad(tr.dy, out, tr.x)
		tr.net.Backward(tr.dy)
		tr.opt.Step(tr.params)
	}
	full()
	if n := testing.AllocsPerRun(50, full); n != 0 {
		t.Errorf("%g allocations per step with the full Backward", n)
	}
}

func TestTrainingLowersLoss(t *testing.T) {
	for _, f32 := range []bool{false, true} {
		rng := rand.New(rand.NewPCG(13, 13))
		tr := newTrainer(rng, []int{30, 10, 30}, 32, f32)
		first := tr.step()
		var last float64
		for i := 0; i < 300; i++ {
			last = tr.step()
		}
		// Predicting the mean of U[0,1] data costs 1/12 ≈ 0.083; the net
		// must do clearly better, starting from worse.
		if !(first > 0.09 && last < 0.07) {
			t.Errorf("float32=%v: loss went from %g to %g in 300 Adam steps", f32, first, last)
		}
	}
}

// BenchmarkTrainStep measures one Forward+MSE+Backward+Adam step of an
// autoencoder on a batch of 128 random [0,1] samples. NN_SPLIT=1 in the
// environment splits the large element-wise passes over two goroutines.
func BenchmarkTrainStep(b *testing.B) {
	for _, bc := range []struct {
		name  string
		sizes []int
		batch int
		f32   bool
	}{
		{"mlp784x128", []int{784, 128, 784}, 128, false},
		{"mlp784x128-f32", []int{784, 128, 784}, 128, true},
		{"mlp784x256x64", []int{784, 256, 64, 256, 784}, 128, false},
		{"mlp784x256x64-f32", []int{784, 256, 64, 256, 784}, 128, true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			if os.Getenv("NN_SPLIT") != "" {
				defer nn.SetDenseMinSplit(nn.SetDenseMinSplit(1 << 16))
			}
			tr := newTrainer(rand.New(rand.NewPCG(1, 1)), bc.sizes, bc.batch, bc.f32)
			tr.step()
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := cpuTime()
			for i := 0; i < b.N; i++ {
				tr.step()
			}
			samples := float64(b.N * bc.batch)
			b.ReportMetric(samples/b.Elapsed().Seconds(), "samples/s")
			// On a shared machine the wall-clock rate drops with the load;
			// the rate per CPU second of this process does much less.
			if cpu := (cpuTime() - cpu0).Seconds(); cpu > 0 {
				b.ReportMetric(samples/cpu, "samples/cpu-s")
			}
		})
	}
}
