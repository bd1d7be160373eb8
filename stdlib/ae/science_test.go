package ae

import (
	"math"
	"math/rand/v2"
	"os"
	"sync"
	"testing"

	_ "github.com/gokernel/gokernel/stdlib/backend"
	"github.com/gokernel/gokernel/stdlib/data"
	"github.com/gokernel/gokernel/stdlib/nn"
	"github.com/gokernel/gokernel/stdlib/pca"
	"gonum.org/v1/gonum/mat"
)

// The science tests of science.md §3, §5, §6 and §7 on small data.

// lowRankData returns n rows in d dimensions with standard deviations sd
// along random orthonormal directions (d = len(sd)), plus an offset.
func lowRankData(n int, sd []float64, seed uint64) *mat.Dense {
	d := len(sd)
	rng := rand.New(rand.NewPCG(seed, 3))
	g := mat.NewDense(d, d, nil)
	for i := 0; i < d; i++ {
		for j := 0; j < d; j++ {
			g.Set(i, j, rng.NormFloat64())
		}
	}
	var qr mat.QR
	qr.Factorize(g)
	var q mat.Dense
	qr.QTo(&q)
	x := mat.NewDense(n, d, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			x.Set(i, j, rng.NormFloat64()*sd[j])
		}
	}
	x.Mul(x, q.T())
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			x.Set(i, j, x.At(i, j)+0.5+0.1*float64(j))
		}
	}
	return x
}

// pcaTop returns the top-k eigenvectors (d×k) of the covariance of x (with
// the 1/n normalisation) and all eigenvalues, descending.
func pcaTop(x *mat.Dense, k int) (*mat.Dense, []float64) {
	n, d := x.Dims()
	xc := mat.DenseCopyOf(x)
	for j := 0; j < d; j++ {
		col := mat.Col(nil, j, x)
		var m float64
		for _, v := range col {
			m += v
		}
		m /= float64(n)
		for i := 0; i < n; i++ {
			xc.Set(i, j, xc.At(i, j)-m)
		}
	}
	var c mat.SymDense
	c.SymOuterK(1/float64(n), xc.T())
	var eig mat.EigenSym
	eig.Factorize(&c, true)
	vals := eig.Values(nil) // ascending
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	top := mat.NewDense(d, k, nil)
	desc := make([]float64, d)
	for i := 0; i < d; i++ {
		desc[i] = vals[d-1-i]
	}
	for j := 0; j < k; j++ {
		for i := 0; i < d; i++ {
			top.Set(i, j, vecs.At(i, d-1-j))
		}
	}
	return top, desc
}

// maxPrincipalAngle returns the largest principal angle (radians) between
// the column spaces of a and b.
func maxPrincipalAngle(a, b *mat.Dense) float64 {
	orth := func(m *mat.Dense) *mat.Dense {
		var qr mat.QR
		qr.Factorize(m)
		var q mat.Dense
		qr.QTo(&q)
		_, c := m.Dims()
		r, _ := q.Dims()
		return mat.DenseCopyOf(q.Slice(0, r, 0, c))
	}
	var p mat.Dense
	p.Mul(orth(a).T(), orth(b))
	var svd mat.SVD
	svd.Factorize(&p, mat.SVDNone)
	sv := svd.Values(nil)
	return math.Acos(math.Min(1, sv[len(sv)-1]))
}

func TestLinearAESpansPCASubspace(t *testing.T) {
	sd := []float64{3, 2.5, 2, 1, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2}
	x := lowRankData(2000, sd, 1)
	const k = 3
	top, vals := pcaTop(x, k)
	var optimum float64 // Σ_{i>k} λ_i: the best possible training error
	for _, v := range vals[k:] {
		optimum += v
	}
	m := New(Config{Sizes: []int{10, k}, Hidden: nn.Identity, Output: nn.Identity, Seed: 2})
	for _, stage := range []struct {
		epochs, batch int
		lr            float64
	}{{60, 50, 1e-2}, {60, 50, 1e-3}, {200, 2000, 1e-3}, {200, 2000, 1e-4}} {
		if _, err := m.Fit(x, FitOptions{Epochs: stage.epochs, Batch: stage.batch, LR: stage.lr}); err != nil {
			t.Fatal(err)
		}
	}
	// The decoder's weights (k×d) span the reconstruction subspace.
	dec := m.Decoder()[0].(*nn.Dense)
	angle := maxPrincipalAngle(mat.DenseCopyOf(dec.W.T()), top)
	// The encoder's rows span the same subspace at the optimum.
	angleEnc := maxPrincipalAngle(m.Encoder()[0].W, top)
	got := m.ReconError(x)
	excess := (got - optimum) / optimum
	t.Logf("largest principal angle: decoder %.2e rad, encoder %.2e rad; error %.6f vs PCA %.6f (rel. excess %.2e)",
		angle, angleEnc, got, optimum, excess)
	// The same comparison through stdlib/pca, the course's PCA.
	p := pca.Fit(x, k)
	if a := pca.MaxAngle(p.Components, top); a > 1e-8 {
		t.Errorf("stdlib/pca and the test's eigenvectors differ by %g rad", a)
	}
	if a := pca.MaxAngle(mat.DenseCopyOf(dec.W.T()), p.Components); math.Abs(a-angle) > 1e-6 {
		t.Errorf("pca.MaxAngle %g, test's %g", a, angle)
	}
	if e := p.Error(x); math.Abs(e-optimum) > 1e-9*optimum {
		t.Errorf("pca.Error %g, Σ trailing eigenvalues %g", e, optimum)
	}
	if angle > 1e-2 || angleEnc > 1e-2 {
		t.Errorf("largest principal angle %g (decoder), %g (encoder) rad, want < 1e-2", angle, angleEnc)
	}
	if math.Abs(excess) > 1e-2 {
		t.Errorf("error %g vs PCA optimum %g: relative excess %g, want < 1e-2", got, optimum, excess)
	}
}

var mnistOnce struct {
	sync.Once
	train, test *data.Set
	err         error
}

// smallMNIST returns the first n training and m test digits.
func smallMNIST(t *testing.T, n, m int) (train, test *mat.Dense) {
	t.Helper()
	mnistOnce.Do(func() { mnistOnce.train, mnistOnce.test, mnistOnce.err = data.MNIST() })
	if mnistOnce.err != nil {
		t.Fatalf("MNIST: %v", mnistOnce.err)
	}
	return mnistOnce.train.Head(n).X, mnistOnce.test.Head(m).X
}

func TestSparseAEReachesTargetActivation(t *testing.T) {
	train, _ := smallMNIST(t, 1000, 10)
	patches := data.NormalizePatches(data.Patches(train, 28, 28, 8, 5000, 1))
	const rho = 0.05
	meanAct := func(beta float64) []float64 {
		cfg := Config{Sizes: []int{64, 25}, Hidden: nn.Sigmoid, Output: nn.Sigmoid, Seed: 3}
		if beta > 0 {
			cfg.Sparsity, cfg.SparsityWeight = rho, beta
		}
		m := New(cfg)
		if _, err := m.Fit(patches, FitOptions{Epochs: 30, Batch: 100, LR: 1e-2}); err != nil {
			t.Fatal(err)
		}
		return MeanActivation(m.Encode(patches))
	}
	avg := func(v []float64) float64 {
		s := 0.0
		for _, x := range v {
			s += x
		}
		return s / float64(len(v))
	}
	dense := meanAct(0)
	sparse := meanAct(3)
	t.Logf("mean ρ̂: β=0 %.4f, β=3 %.4f (target %g); β=3 range %.4f…%.4f", avg(dense), avg(sparse), rho, minOf(sparse), maxOf(sparse))
	for j, r := range sparse {
		if r < 0.5*rho || r > 1.5*rho {
			t.Errorf("unit %d: ρ̂ = %.4f outside [%.3f, %.3f]", j, r, 0.5*rho, 1.5*rho)
		}
	}
	if !(avg(sparse) < avg(dense)/5) {
		t.Errorf("sparse mean activation %g not well below the unregularised %g", avg(sparse), avg(dense))
	}
}

func minOf(v []float64) float64 {
	m := math.Inf(1)
	for _, x := range v {
		m = math.Min(m, x)
	}
	return m
}

func maxOf(v []float64) float64 {
	m := math.Inf(-1)
	for _, x := range v {
		m = math.Max(m, x)
	}
	return m
}

func mean(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

// mnistAE trains a 784-100 sigmoid AE with the given extra settings.
func mnistAE(t *testing.T, train *mat.Dense, cfg Config, epochs int) *Autoencoder {
	t.Helper()
	cfg.Sizes = []int{784, 100}
	cfg.Hidden, cfg.Output, cfg.Seed = nn.Sigmoid, nn.Sigmoid, 5
	m := New(cfg)
	if _, err := m.Fit(train, FitOptions{Epochs: epochs, Batch: 50, LR: 1e-2}); err != nil {
		t.Fatal(err)
	}
	return m
}

var plainOnce struct {
	sync.Once
	m *Autoencoder
}

// plainMNISTAE is the unregularised 784-100 AE on 2000 digits that the
// denoising and contractive tests compare against, trained once.
func plainMNISTAE(t *testing.T, train *mat.Dense) *Autoencoder {
	plainOnce.Do(func() { plainOnce.m = mnistAE(t, train, Config{}, 20) })
	if plainOnce.m == nil {
		t.Fatal("plain AE failed to train")
	}
	return plainOnce.m
}

func TestDenoisingAEDenoises(t *testing.T) {
	train, test := smallMNIST(t, 2000, 500)
	noise := Masking(0.25)
	corrupted := noise.Corrupt(nil, test, rand.New(rand.NewPCG(11, 12)))
	identity := reconstruction(SquaredError, corrupted, test, nil)
	plain := plainMNISTAE(t, train)
	dae := mnistAE(t, train, Config{Noise: noise}, 20)
	plainErr := reconstruction(SquaredError, plain.Reconstruct(corrupted), test, nil)
	daeErr := reconstruction(SquaredError, dae.Reconstruct(corrupted), test, nil)
	t.Logf("‖x̃−x‖² %.2f, plain AE ‖r(x̃)−x‖² %.2f, DAE %.2f (clean: plain %.2f, DAE %.2f)",
		identity, plainErr, daeErr, plain.ReconError(test), dae.ReconError(test))
	if !(daeErr < 0.75*identity) {
		t.Errorf("DAE error %g not under 0.75 × corrupted input's %g", daeErr, identity)
	}
	if !(daeErr < plainErr) {
		t.Errorf("DAE error %g not under the plain AE's %g", daeErr, plainErr)
	}
}

func TestContractiveAEContracts(t *testing.T) {
	train, test := smallMNIST(t, 2000, 500)
	plain := plainMNISTAE(t, train)
	cae := mnistAE(t, train, Config{Contractive: 0.1}, 20)
	jp, jc := mean(plain.JacobianNorms(test)), mean(cae.JacobianNorms(test))
	t.Logf("mean ‖J_f(x)‖_F on test digits: plain %.3f, contractive %.3f (ratio %.2f); errors %.2f, %.2f",
		jp, jc, jc/jp, plain.ReconError(test), cae.ReconError(test))
	if !(jc < 0.7*jp) {
		t.Errorf("contractive Jacobian norm %g not below 0.7 × plain %g", jc, jp)
	}
}

// pca30TestError is PCA with 30 components fitted on the 60 000 MNIST
// training digits, scored on the 10 000 test digits in the Hinton &
// Salakhutdinov unit (science.md §3: 13.866, their Fig. 2B: 13.87).
const pca30TestError = 13.866

// TestDeepAEBeatsPCA30 trains a 784-256-30 autoencoder (ReLU, linear code,
// sigmoid output) for two epochs of the full MNIST training set: its test
// error must be below PCA's at the same code size (measured here: 10.16).
// It takes ~15 s on a loaded 2-core
// machine, so it runs only with GOKERNEL_SLOW=1.
func TestDeepAEBeatsPCA30(t *testing.T) {
	if os.Getenv("GOKERNEL_SLOW") != "1" {
		t.Skip("set GOKERNEL_SLOW=1 to train on the full MNIST training set")
	}
	smallMNIST(t, 1, 1) // loads the sets
	train, test := mnistOnce.train.X, mnistOnce.test.X
	m := New(Config{Sizes: []int{784, 256, 30}, Hidden: nn.ReLU, Output: nn.Sigmoid, LinearCode: true, Seed: 1})
	if _, err := m.Fit(train, FitOptions{Epochs: 2, Batch: 128, LR: 1e-3}); err != nil {
		t.Fatal(err)
	}
	got := m.ReconError(test)
	t.Logf("784-256-30 AE after 2 epochs: test error %.3f per digit (PCA-30: %.3f)", got, pca30TestError)
	if !(got < pca30TestError) {
		t.Errorf("deep AE test error %g not below PCA-30's %g", got, pca30TestError)
	}
}
