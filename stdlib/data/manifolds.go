package data

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// manifoldRand checks the arguments shared by the manifolds and returns
// their random source.
func manifoldRand(name string, n int, noise float64, seed int64) *rand.Rand {
	if n <= 0 || noise < 0 || math.IsNaN(noise) {
		panic(fmt.Sprintf("data: %s(n=%d, noise=%v): want n > 0 and noise ≥ 0", name, n, noise))
	}
	return rand.New(rand.NewPCG(uint64(seed), 0x3a21f0))
}

// NoisyCircle returns n points near the unit circle in the plane, as an n×2
// matrix, and the angle t in [0, 2π) of each point before noise: point i is
// (cos tᵢ, sin tᵢ) plus independent Gaussian noise of standard deviation
// noise in each coordinate.
func NoisyCircle(n int, noise float64, seed int64) (*mat.Dense, []float64) {
	rnd := manifoldRand("NoisyCircle", n, noise, seed)
	x := mat.NewDense(n, 2, nil)
	t := make([]float64, n)
	for i := range t {
		t[i] = 2 * math.Pi * rnd.Float64()
		x.Set(i, 0, math.Cos(t[i])+noise*rnd.NormFloat64())
		x.Set(i, 1, math.Sin(t[i])+noise*rnd.NormFloat64())
	}
	return x, t
}

// Spiral returns n points near a plane spiral of one and a half turns, as an
// n×2 matrix, and the position t in [0, 1) of each point along it: point i
// is rᵢ(cos 3πtᵢ, sin 3πtᵢ) with rᵢ = 0.1 + tᵢ, plus Gaussian noise of
// standard deviation noise in each coordinate.
func Spiral(n int, noise float64, seed int64) (*mat.Dense, []float64) {
	rnd := manifoldRand("Spiral", n, noise, seed)
	x := mat.NewDense(n, 2, nil)
	t := make([]float64, n)
	for i := range t {
		t[i] = rnd.Float64()
		r, a := 0.1+t[i], 3*math.Pi*t[i]
		x.Set(i, 0, r*math.Cos(a)+noise*rnd.NormFloat64())
		x.Set(i, 1, r*math.Sin(a)+noise*rnd.NormFloat64())
	}
	return x, t
}

// SwissRoll returns n points near the Swiss roll, a rolled-up rectangle in
// three dimensions, as an n×3 matrix, and the roll parameter t in
// [1.5π, 4.5π) of each point: point i is (tᵢ cos tᵢ, hᵢ, tᵢ sin tᵢ) with
// the height hᵢ uniform in [0, 21), plus Gaussian noise of standard
// deviation noise in each coordinate.
func SwissRoll(n int, noise float64, seed int64) (*mat.Dense, []float64) {
	rnd := manifoldRand("SwissRoll", n, noise, seed)
	x := mat.NewDense(n, 3, nil)
	t := make([]float64, n)
	for i := range t {
		t[i] = 1.5 * math.Pi * (1 + 2*rnd.Float64())
		h := 21 * rnd.Float64()
		x.Set(i, 0, t[i]*math.Cos(t[i])+noise*rnd.NormFloat64())
		x.Set(i, 1, h+noise*rnd.NormFloat64())
		x.Set(i, 2, t[i]*math.Sin(t[i])+noise*rnd.NormFloat64())
	}
	return x, t
}
