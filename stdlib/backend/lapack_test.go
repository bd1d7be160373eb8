package backend

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/lapack"
	lapackgonum "gonum.org/v1/gonum/lapack/gonum"
	"gonum.org/v1/gonum/mat"
)

func TestDsyevMatchesGonum(t *testing.T) {
	if !Native() || lib.dsyevd == 0 {
		t.Skip("OpenBLAS LAPACK not loaded")
	}
	rnd := rand.New(rand.NewPCG(11, 12))
	for _, n := range []int{40, 97} {
		for _, ul := range uplos {
			for _, pad := range pads {
				for _, jobz := range []lapack.EVJob{lapack.EVNone, lapack.EVCompute} {
					name := fmt.Sprintf("n=%d %c pad=%d %c", n, ul, pad, jobz)
					lda := n + pad
					a := randSlice(rnd, n*lda)
					run := func(impl lapack.Float64) ([]float64, []float64) {
						aa := append([]float64(nil), a...)
						w := make([]float64, n)
						work := make([]float64, 1)
						impl.Dsyev(jobz, ul, n, aa, lda, w, work, -1)
						work = make([]float64, int(work[0]))
						if !impl.Dsyev(jobz, ul, n, aa, lda, w, work, len(work)) {
							t.Fatalf("%s: %T did not converge", name, impl)
						}
						return w, aa
					}
					wantW, wantV := run(lapackgonum.Implementation{})
					gotW, gotV := run(LAPACK{})
					if ok, msg := closeEnough(gotW, wantW, 1e-12); !ok {
						t.Errorf("%s eigenvalues: %s", name, msg)
					}
					if jobz == lapack.EVNone {
						continue
					}
					// Eigenvectors agree up to sign: |vᵀu| = 1 for each pair
					// (random matrices have well separated eigenvalues).
					for j := 0; j < n; j++ {
						var dot float64
						for i := 0; i < n; i++ {
							dot += gotV[i*lda+j] * wantV[i*lda+j]
						}
						if math.Abs(math.Abs(dot)-1) > 1e-9 {
							t.Fatalf("%s: eigenvector %d differs, |dot| = %v", name, j, math.Abs(dot))
						}
					}
					// Padding columns stay untouched.
					for i := 0; i < n && pad > 0; i++ {
						if gotV[i*lda+n] != a[i*lda+n] {
							t.Fatalf("%s: padding changed in row %d", name, i)
						}
					}
				}
			}
		}
	}
}

func TestEigenSymThroughMat(t *testing.T) {
	if !Native() || lib.dsyevd == 0 {
		t.Skip("OpenBLAS LAPACK not loaded")
	}
	// A known spectrum: A = Q·diag(1..n)·Qᵀ with Q from a QR of a random
	// matrix.
	const n = 60
	rnd := rand.New(rand.NewPCG(13, 14))
	var qr mat.QR
	qr.Factorize(mat.NewDense(n, n, randSlice(rnd, n*n)))
	var q mat.Dense
	qr.QTo(&q)
	d := mat.NewDiagDense(n, nil)
	for i := 0; i < n; i++ {
		d.SetDiag(i, float64(i+1))
	}
	var a mat.Dense
	a.Product(&q, d, q.T())
	sym := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			sym.SetSym(i, j, a.At(i, j))
		}
	}
	var es mat.EigenSym
	calls := dsyevdCalls.Load()
	if !es.Factorize(sym, true) {
		t.Fatal("no convergence")
	}
	if dsyevdCalls.Load() == calls {
		t.Fatal("mat.EigenSym did not reach OpenBLAS's dsyevd")
	}
	for i, v := range es.Values(nil) {
		if math.Abs(v-float64(i+1)) > 1e-11 {
			t.Fatalf("eigenvalue %d = %v, want %d", i, v, i+1)
		}
	}
	var v, av, vl mat.Dense
	es.VectorsTo(&v)
	av.Mul(sym, &v)
	vl.Mul(&v, mat.NewDiagDense(n, es.Values(nil)))
	av.Sub(&av, &vl)
	if r := mat.Norm(&av, math.Inf(1)); r > 1e-11 {
		t.Fatalf("‖AV - VΛ‖ = %v", r)
	}
}

func TestDsyevPanicsLikeGonum(t *testing.T) {
	a, w, work := make([]float64, 64*64), make([]float64, 64), make([]float64, 64*64)
	calls := map[string]func(lapack.Float64){
		"bad job":   func(l lapack.Float64) { l.Dsyev('X', blas.Upper, 64, a, 64, w, work, len(work)) },
		"bad lda":   func(l lapack.Float64) { l.Dsyev(lapack.EVCompute, blas.Upper, 64, a, 60, w, work, len(work)) },
		"short w":   func(l lapack.Float64) { l.Dsyev(lapack.EVCompute, blas.Upper, 64, a, 64, w[:3], work, len(work)) },
		"bad lwork": func(l lapack.Float64) { l.Dsyev(lapack.EVCompute, blas.Lower, 64, a, 64, w, work, 10) },
	}
	for name, call := range calls {
		want := panicOf(func() { call(lapackgonum.Implementation{}) })
		got := panicOf(func() { call(LAPACK{}) })
		if want == nil || got != want {
			t.Errorf("%s: panic %v, gonum panics %v", name, got, want)
		}
	}
}
