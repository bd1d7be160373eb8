package ae

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

func TestKLGoldenValues(t *testing.T) {
	// science.md §5, tolerance 1e-12 absolute.
	for _, c := range []struct{ rho, hat, kl, slope float64 }{
		{0.05, 0.5, 0.4946319372, 1.8},
		{0.05, 0.2, 0.0939430260, 0.9375},
		{0.05, 0.01, 0.0412910850, -4.0404040404},
		{0.2, 0.5, 0.1927447570, math.NaN()},
		{0.01, 0.5, 0.6371456462, math.NaN()},
	} {
		if got := KL(c.rho, c.hat); math.Abs(got-c.kl) > 1e-10 {
			t.Errorf("KL(%g‖%g) = %.12f, want %.10f", c.rho, c.hat, got, c.kl)
		}
		if !math.IsNaN(c.slope) {
			if got := KLSlope(c.rho, c.hat); math.Abs(got-c.slope) > 1e-10 {
				t.Errorf("KLSlope(%g, %g) = %.12f, want %.10f", c.rho, c.hat, got, c.slope)
			}
		}
	}
	if KL(0.05, 0.05) != 0 || KLSlope(0.05, 0.05) != 0 {
		t.Errorf("KL and its slope must vanish at ρ̂ = ρ")
	}
	// The slope is the derivative of KL (and not the buggy −ρ/ρ̂ + (1−ρ)/ρ̂).
	for _, hat := range []float64{0.02, 0.3, 0.9} {
		num := (KL(0.1, hat+1e-6) - KL(0.1, hat-1e-6)) / 2e-6
		if math.Abs(num-KLSlope(0.1, hat)) > 1e-7 {
			t.Errorf("KLSlope(0.1, %g) = %g, finite difference %g", hat, KLSlope(0.1, hat), num)
		}
	}
}

// fdPenaltyGrad checks the dh gradient of a penalty of h by central
// differences.
func fdPenaltyGrad(t *testing.T, name string, h *mat.Dense, f func(dh *mat.Dense) float64) {
	t.Helper()
	r, c := h.Dims()
	dh := mat.NewDense(r, c, nil)
	f(dh)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			v := h.At(i, j)
			h.Set(i, j, v+1e-6)
			fp := f(nil)
			h.Set(i, j, v-1e-6)
			fm := f(nil)
			h.Set(i, j, v)
			num := (fp - fm) / 2e-6
			if d := math.Abs(num - dh.At(i, j)); d > 1e-8*math.Max(1, math.Abs(num)) {
				t.Errorf("%s: d/dh[%d,%d] = %g, finite difference %g", name, i, j, dh.At(i, j), num)
			}
		}
	}
}

func TestPenaltyGradientsWrtActivations(t *testing.T) {
	h := uniform(5, 4, 0.05, 0.6, 1)
	fdPenaltyGrad(t, "sparsity", h, func(dh *mat.Dense) float64 { return SparsityPenalty(h, 0.1, 3, dh) })
	hs := uniform(5, 4, -1, 1, 2)
	fdPenaltyGrad(t, "l1", hs, func(dh *mat.Dense) float64 { return L1Penalty(hs, 0.7, dh) })
	if got, want := SparsityPenalty(h, 0.1, 3, nil), 3*func() float64 {
		s := 0.0
		for _, r := range MeanActivation(h) {
			s += KL(0.1, r)
		}
		return s
	}(); math.Abs(got-want) > 1e-14 {
		t.Errorf("SparsityPenalty = %g, want β Σ KL = %g", got, want)
	}
}

func TestContractiveClosedFormIsJacobianNorm(t *testing.T) {
	// ‖J‖²_F from the closed form equals the squared Frobenius norm of a
	// central-difference Jacobian of the layer (science.md §7: rel < 1e-8).
	for _, act := range []nn.Activation{nn.Sigmoid, nn.Tanh, nn.Identity} {
		rng := rand.New(rand.NewPCG(3, 4))
		l := nn.NewDense(6, 4, act, rng)
		for j := 0; j < 4; j++ {
			l.B.Set(0, j, rng.Float64()-0.5)
		}
		x := uniform(1, 6, 0, 1, 5)
		h := mat.DenseCopyOf(l.Forward(x))
		closed := ContractivePenalty(act, h, l.W, 1, nil, nil)
		var fd float64
		for i := 0; i < 6; i++ {
			v := x.At(0, i)
			x.Set(0, i, v+1e-5)
			hp := mat.DenseCopyOf(l.Forward(x))
			x.Set(0, i, v-1e-5)
			hm := l.Forward(x)
			x.Set(0, i, v)
			for j := 0; j < 4; j++ {
				d := (hp.At(0, j) - hm.At(0, j)) / 2e-5
				fd += d * d
			}
		}
		if math.Abs(closed-fd) > 1e-8*fd {
			t.Errorf("%v: closed form %.12f, finite-difference Jacobian %.12f", act, closed, fd)
		}
	}
	// Linear encoder: the penalty is ‖W‖²_F per example.
	w := uniform(5, 3, -1, 1, 6)
	h := uniform(7, 3, -1, 1, 7)
	if got, want := ContractivePenalty(nn.Identity, h, w, 1, nil, nil), mat.Norm(w, 2)*mat.Norm(w, 2); math.Abs(got-want) > 1e-12*want {
		t.Errorf("linear contractive penalty %g, want ‖W‖² = %g", got, want)
	}
}

func TestJacobianNormsMatchClosedForm(t *testing.T) {
	m := New(Config{Sizes: []int{8, 5}, Hidden: nn.Sigmoid, Output: nn.Sigmoid, Seed: 1, Precision: Float64})
	randomBiases(m, rand.New(rand.NewPCG(2, 2)))
	x := uniform(4, 8, 0, 1, 3)
	norms := m.JacobianNorms(x)
	enc := m.Encoder()[0]
	for i := 0; i < 4; i++ {
		row := x.Slice(i, i+1, 0, 8).(*mat.Dense)
		h := m.Encode(row)
		want := math.Sqrt(ContractivePenalty(nn.Sigmoid, h, enc.W, 1, nil, nil))
		if math.Abs(norms[i]-want) > 1e-12*want {
			t.Errorf("row %d: JacobianNorms %g, closed form %g", i, norms[i], want)
		}
	}
	// Deep encoder: compare with a finite-difference Jacobian of Encode.
	d := New(Config{Sizes: []int{6, 5, 3}, Hidden: nn.Tanh, Output: nn.Sigmoid, Seed: 4, Precision: Float64})
	randomBiases(d, rand.New(rand.NewPCG(5, 5)))
	x1 := uniform(1, 6, 0, 1, 6)
	var fd float64
	for i := 0; i < 6; i++ {
		v := x1.At(0, i)
		x1.Set(0, i, v+1e-5)
		zp := d.Encode(x1)
		x1.Set(0, i, v-1e-5)
		zm := d.Encode(x1)
		x1.Set(0, i, v)
		for j := 0; j < 3; j++ {
			g := (zp.At(0, j) - zm.At(0, j)) / 2e-5
			fd += g * g
		}
	}
	if got := d.JacobianNorms(x1)[0]; math.Abs(got*got-fd) > 1e-8*fd {
		t.Errorf("deep JacobianNorms² %.12f, finite differences %.12f", got*got, fd)
	}
}

func TestNoiseStatistics(t *testing.T) {
	const r, c = 200, 100
	n := float64(r * c)
	x := uniform(r, c, 0.2, 0.8, 1)
	rng := rand.New(rand.NewPCG(7, 7))

	g := Gaussian(0.3).Corrupt(nil, x, rng)
	var mean, sq float64
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			d := g.At(i, j) - x.At(i, j)
			mean += d
			sq += d * d
		}
	}
	mean /= n
	v := sq/n - mean*mean
	if math.Abs(mean) > 3*0.3/math.Sqrt(n) {
		t.Errorf("Gaussian noise mean %g, want 0 ± %g", mean, 3*0.3/math.Sqrt(n))
	}
	// Var of the sample variance of a normal: 2σ⁴/n.
	if math.Abs(v-0.09) > 3*math.Sqrt(2*0.09*0.09/n) {
		t.Errorf("Gaussian noise variance %g, want 0.09", v)
	}

	mk := Masking(0.25).Corrupt(nil, x, rng)
	zeros := 0
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			switch mk.At(i, j) {
			case 0:
				zeros++
			case x.At(i, j):
			default:
				t.Fatalf("masking changed a kept value at %d,%d", i, j)
			}
		}
	}
	// Binomial(n, 0.25): 99% interval ±2.576σ.
	if sd := math.Sqrt(n * 0.25 * 0.75); math.Abs(float64(zeros)-0.25*n) > 2.576*sd {
		t.Errorf("masking zeroed %d of %g, want %g ± %g", zeros, n, 0.25*n, 2.576*sd)
	}

	sp := SaltAndPepper(0.4).Corrupt(nil, x, rng)
	lo, hi := 0, 0
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			switch sp.At(i, j) {
			case 0:
				lo++
			case 1:
				hi++
			case x.At(i, j):
			default:
				t.Fatalf("salt-and-pepper wrote %g", sp.At(i, j))
			}
		}
	}
	if sd := math.Sqrt(n * 0.4 * 0.6); math.Abs(float64(lo+hi)-0.4*n) > 2.576*sd {
		t.Errorf("salt-and-pepper corrupted %d of %g, want %g", lo+hi, n, 0.4*n)
	}
	if k := float64(lo + hi); math.Abs(float64(lo)-k/2) > 2.576*math.Sqrt(k/4) {
		t.Errorf("salt-and-pepper split %d/%d is not a fair coin", lo, hi)
	}

	// Same seed, same corruption; in place works.
	a := Masking(0.5).Corrupt(nil, x, rand.New(rand.NewPCG(1, 1)))
	b := mat.DenseCopyOf(x)
	Masking(0.5).Corrupt(b, b, rand.New(rand.NewPCG(1, 1)))
	if !mat.Equal(a, b) {
		t.Errorf("Corrupt is not reproducible from the seed or not in-place safe")
	}
	if got := (Noise{}).Corrupt(nil, x, rng); !mat.Equal(got, x) {
		t.Errorf("the zero Noise changed the input")
	}
}

func TestNoiseValidation(t *testing.T) {
	for _, n := range []Noise{Masking(1.5), SaltAndPepper(-0.1), Gaussian(math.NaN()), {Kind: 9, Level: 1}} {
		func() {
			defer func() {
				if _, ok := recover().(*ConfigError); !ok {
					t.Errorf("%v: want a *ConfigError panic", n)
				}
			}()
			n.Corrupt(nil, mat.NewDense(1, 1, nil), rand.New(rand.NewPCG(1, 1)))
		}()
	}
}
