package pca

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestAnglesKnown(t *testing.T) {
	plane := mat.NewDense(3, 2, []float64{1, 0, 0, 1, 0, 0})
	for _, theta := range []float64{0, 1e-10, 1e-5, 0.3, 1.2, math.Pi / 2} {
		// b spans e1 and a vector tilted by theta out of the plane; its
		// basis is deliberately not orthonormal.
		b := mat.NewDense(3, 2, []float64{
			2, 1,
			0, math.Cos(theta),
			0, math.Sin(theta),
		})
		for _, pair := range [][2]*mat.Dense{{plane, b}, {b, plane}} {
			got := Angles(pair[0], pair[1])
			if len(got) != 2 || math.Abs(got[0]) > 1e-15 || math.Abs(got[1]-theta) > 1e-15*math.Max(1, theta) {
				t.Errorf("theta %g: angles %v", theta, got)
			}
		}
	}
	line := mat.NewDense(3, 1, []float64{0, 0, 1})
	if got := Angles(plane, line); len(got) != 1 || math.Abs(got[0]-math.Pi/2) > 1e-15 {
		t.Errorf("orthogonal line: %v", got)
	}
	if got := MaxAngle(line, plane); math.Abs(got-math.Pi/2) > 1e-15 {
		t.Errorf("MaxAngle = %v", got)
	}
}

func TestAnglesRandom(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	const n, p = 40, 5
	a := mat.NewDense(n, p, nil)
	mix := mat.NewDense(p, p, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < p; j++ {
			a.Set(i, j, rnd.NormFloat64())
		}
	}
	for i := 0; i < p; i++ {
		for j := 0; j < p; j++ {
			mix.Set(i, j, rnd.NormFloat64())
		}
	}
	// Same space, another basis: all angles vanish.
	var b mat.Dense
	b.Mul(a, mix)
	if m := MaxAngle(a, &b); m > 1e-12 {
		t.Errorf("same space: max angle %v", m)
	}
	// A perturbed space: compare with the plain cosine formula, accurate
	// for angles that are not small.
	c := mat.DenseCopyOf(a)
	for i := 0; i < n; i++ {
		for j := 0; j < p; j++ {
			c.Set(i, j, c.At(i, j)+0.5*rnd.NormFloat64())
		}
	}
	got := Angles(a, c)
	qa, qc := orthonormal(a), orthonormal(c)
	var m mat.Dense
	m.Mul(qa.T(), qc)
	cos := singularValues(&m)
	for i := range got {
		if want := math.Acos(cos[i]); math.Abs(got[i]-want) > 1e-8 {
			t.Errorf("angle %d = %v, acos formula %v", i, got[i], want)
		}
		if i > 0 && got[i] < got[i-1] {
			t.Errorf("angles not ascending: %v", got)
		}
	}
}
