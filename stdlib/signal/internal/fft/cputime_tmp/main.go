package main

import (
	"fmt"
	"math/rand/v2"
	"syscall"
	"time"

	"github.com/gokernel/gokernel/stdlib/signal"
	"gonum.org/v1/gonum/mat"
)

func cpu() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(0, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func measure(name string, n int, f func()) {
	f()
	best, bestW := time.Hour, time.Hour
	for r := 0; r < 3; r++ {
		t0, w0 := cpu(), time.Now()
		for i := 0; i < n; i++ {
			f()
		}
		best = min(best, (cpu()-t0)/time.Duration(n))
		bestW = min(bestW, time.Since(w0)/time.Duration(n))
	}
	fmt.Printf("%-24s cpu %8.2f ms  wall %8.2f ms\n", name, float64(best)/1e6, float64(bestW)/1e6)
}

func uni(r, c int, seed uint64) *mat.Dense {
	rng := rand.New(rand.NewPCG(seed, 1))
	d := make([]float64, r*c)
	for i := range d {
		d[i] = rng.Float64()
	}
	return mat.NewDense(r, c, d)
}

func main() {
	img := uni(1024, 1024, 1)
	for _, t := range []int{32, 128} {
		tpl := mat.DenseCopyOf(img.Slice(300, 300+t, 400, 400+t))
		measure(fmt.Sprintf("NCC tpl%d", t), 5, func() { signal.NCC(img, tpl) })
		measure(fmt.Sprintf("corr fft tpl%d", t), 5, func() { signal.Correlate2DWith(img, tpl, signal.Valid, signal.FFT) })
	}
	a := uni(512, 512, 2)
	for _, k := range []int{3, 15, 64} {
		ker := uni(k, k, 3)
		measure(fmt.Sprintf("corr2d k%d direct", k), 5, func() { signal.Correlate2DWith(a, ker, signal.Valid, signal.Direct) })
		measure(fmt.Sprintf("corr2d k%d fft", k), 5, func() { signal.Correlate2DWith(a, ker, signal.Valid, signal.FFT) })
	}
	rng := rand.New(rand.NewPCG(3, 4))
	x, h := make([]float64, 1e6), make([]float64, 1000)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	for i := range h {
		h[i] = rng.NormFloat64()
	}
	measure("corr1d oa", 5, func() { signal.CorrelateWith(x, h, signal.Full, signal.OverlapAdd) })
}
