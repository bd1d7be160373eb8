package backend

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// The shapes of one dense layer on an MNIST batch: (128×784)·(784×128).
const benchM, benchK, benchN = 128, 784, 128

func reportGFLOPS(b *testing.B, flops float64) {
	b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOPS")
}

func BenchmarkDgemm(b *testing.B) {
	rnd := rand.New(rand.NewPCG(1, 1))
	a, bb := randSlice(rnd, benchM*benchK), randSlice(rnd, benchK*benchN)
	c := make([]float64, benchM*benchN)
	for _, impl := range []struct {
		name string
		f    blas.Float64
	}{{"openblas", Implementation{}}, {"gonum", gonum.Implementation{}}} {
		if impl.name == "openblas" && !Native() {
			continue
		}
		b.Run(fmt.Sprintf("%s/%dx%dx%d", impl.name, benchM, benchK, benchN), func(b *testing.B) {
			for b.Loop() {
				impl.f.Dgemm(blas.NoTrans, blas.NoTrans, benchM, benchN, benchK, 1, a, benchK, bb, benchN, 0, c, benchN)
			}
			reportGFLOPS(b, 2*benchM*benchN*benchK)
		})
	}
}

func BenchmarkSgemm(b *testing.B) {
	rnd := rand.New(rand.NewPCG(1, 1))
	a, bb := to32(randSlice(rnd, benchM*benchK)), to32(randSlice(rnd, benchK*benchN))
	c := make([]float32, benchM*benchN)
	for _, impl := range []struct {
		name string
		f    blas.Float32
	}{{"openblas", Implementation{}}, {"gonum", gonum.Implementation{}}} {
		if impl.name == "openblas" && !Native() {
			continue
		}
		b.Run(fmt.Sprintf("%s/%dx%dx%d", impl.name, benchM, benchK, benchN), func(b *testing.B) {
			for b.Loop() {
				impl.f.Sgemm(blas.NoTrans, blas.NoTrans, benchM, benchN, benchK, 1, a, benchK, bb, benchN, 0, c, benchN)
			}
			reportGFLOPS(b, 2*benchM*benchN*benchK)
		})
	}
}

// BenchmarkSmallDgemm measures the foreign-call overhead that minWork3
// guards against: both paths at n×n×n for small n.
func BenchmarkSmallDgemm(b *testing.B) {
	if !Native() {
		b.Skip("OpenBLAS not loaded")
	}
	rnd := rand.New(rand.NewPCG(1, 1))
	for _, n := range []int{8, 16, 24, 32, 48} {
		a, bb, c := randSlice(rnd, n*n), randSlice(rnd, n*n), make([]float64, n*n)
		b.Run(fmt.Sprintf("openblas/%d", n), func(b *testing.B) {
			w := minWork3
			minWork3 = 0
			defer func() { minWork3 = w }()
			for b.Loop() {
				Implementation{}.Dgemm(blas.NoTrans, blas.NoTrans, n, n, n, 1, a, n, bb, n, 0, c, n)
			}
			reportGFLOPS(b, 2*float64(n*n*n))
		})
		b.Run(fmt.Sprintf("gonum/%d", n), func(b *testing.B) {
			for b.Loop() {
				gonum.Implementation{}.Dgemm(blas.NoTrans, blas.NoTrans, n, n, n, 1, a, n, bb, n, 0, c, n)
			}
			reportGFLOPS(b, 2*float64(n*n*n))
		})
	}
}
