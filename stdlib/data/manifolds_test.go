package data

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

type manifold func(n int, noise float64, seed int64) (*mat.Dense, []float64)

func TestManifoldsOnCurveWithoutNoise(t *testing.T) {
	// exact returns the noiseless point of parameter t (and a height for
	// the Swiss roll, taken from the point itself).
	cases := []struct {
		name  string
		f     manifold
		dim   int
		exact func(t float64, row []float64) []float64
		lo    float64
		hi    float64
	}{
		{"NoisyCircle", NoisyCircle, 2, func(t float64, _ []float64) []float64 { return []float64{math.Cos(t), math.Sin(t)} }, 0, 2 * math.Pi},
		{"Spiral", Spiral, 2, func(t float64, _ []float64) []float64 {
			return []float64{(0.1 + t) * math.Cos(3*math.Pi*t), (0.1 + t) * math.Sin(3*math.Pi*t)}
		}, 0, 1},
		{"SwissRoll", SwissRoll, 3, func(t float64, row []float64) []float64 {
			return []float64{t * math.Cos(t), row[1], t * math.Sin(t)}
		}, 1.5 * math.Pi, 4.5 * math.Pi},
	}
	for _, c := range cases {
		x, par := c.f(300, 0, 7)
		if r, d := x.Dims(); r != 300 || d != c.dim || len(par) != 300 {
			t.Fatalf("%s: %d×%d, %d parameters", c.name, r, d, len(par))
		}
		for i, p := range par {
			if p < c.lo || p >= c.hi {
				t.Fatalf("%s: parameter %v outside [%v, %v)", c.name, p, c.lo, c.hi)
			}
			row := x.RawRowView(i)
			for j, v := range c.exact(p, row) {
				if math.Abs(row[j]-v) > 1e-12 {
					t.Fatalf("%s: point %d = %v, want %v", c.name, i, row, c.exact(p, row))
				}
			}
		}
		if c.name == "SwissRoll" {
			col := mat.Col(nil, 1, x)
			if lo, hi := minMax(col); lo < 0 || hi >= 21 || hi-lo < 18 {
				t.Errorf("SwissRoll heights in [%v, %v]", lo, hi)
			}
		}
	}
}

func minMax(s []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range s {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	return lo, hi
}

func TestManifoldNoiseAndSeeds(t *testing.T) {
	for name, f := range map[string]manifold{"NoisyCircle": NoisyCircle, "Spiral": Spiral, "SwissRoll": SwissRoll} {
		a, ta := f(4000, 0.05, 1)
		b, tb := f(4000, 0.05, 1)
		c, _ := f(4000, 0.05, 2)
		if !mat.Equal(a, b) || ta[17] != tb[17] {
			t.Errorf("%s: same seed, different points", name)
		}
		if mat.Equal(a, c) {
			t.Errorf("%s: different seeds, same points", name)
		}
	}
	// Circle: the noise is visible as the spread of the distance to the
	// noiseless point.
	x, par := NoisyCircle(20000, 0.05, 3)
	var ss float64
	for i, p := range par {
		dx, dy := x.At(i, 0)-math.Cos(p), x.At(i, 1)-math.Sin(p)
		ss += dx*dx + dy*dy
	}
	if sd := math.Sqrt(ss / (2 * 20000)); math.Abs(sd-0.05) > 0.002 {
		t.Errorf("circle noise deviation %v, want 0.05", sd)
	}
}
