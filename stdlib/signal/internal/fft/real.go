package fft

import (
	"fmt"
	"math"
)

// Real is a plan for FFTs of real sequences of one even length n, computed
// through a complex FFT of length n/2.
type Real struct {
	n    int
	half *Cmplx
	w    []complex128 // e^{-2πik/n}, k < n/2
	z    []complex128
}

// NewReal returns a plan for real sequences of even length n whose half is
// a product of 2, 3 and 5.
func NewReal(n int) *Real {
	if n < 2 || n%2 != 0 {
		panic(fmt.Sprintf("fft: real length %d must be even", n))
	}
	h := n / 2
	p := &Real{n: n, half: NewCmplx(h), w: make([]complex128, h), z: make([]complex128, h)}
	for k := range p.w {
		sn, cs := math.Sincos(-2 * math.Pi * float64(k) / float64(n))
		p.w[k] = complex(cs, sn)
	}
	return p
}

// Len returns the length of the real sequences.
func (p *Real) Len() int { return p.n }

// Clone returns a plan sharing p's tables with its own scratch buffers.
func (p *Real) Clone() *Real {
	return &Real{n: p.n, half: p.half.Clone(), w: p.w, z: make([]complex128, p.n/2)}
}

// Forward writes into dst (length n/2+1) the first half of the spectrum of
// the real sequence x (length n): X[k] = Σ_j x[j]·e^{-2πijk/n}.
func (p *Real) Forward(dst []complex128, x []float64) {
	h := p.n / 2
	if len(x) != p.n || len(dst) != h+1 {
		panic("fft: length mismatch")
	}
	for k := range p.z {
		p.z[k] = complex(x[2*k], x[2*k+1])
	}
	z := p.half.runTo(p.z, p.half.work, 1, false)
	dst[0] = complex(real(z[0])+imag(z[0]), 0)
	dst[h] = complex(real(z[0])-imag(z[0]), 0)
	w := p.w[:h]
	dst = dst[:h+1]
	for k := 1; k < h; k++ {
		a, b := z[k], z[h-k]
		ar, ai, br, bi := real(a), imag(a), real(b), imag(b)
		er, ei := 0.5*(ar+br), 0.5*(ai-bi)
		// o = -i·(a − conj(b))/2
		or, oi := 0.5*(ai+bi), -0.5*(ar-br)
		wr, wi := real(w[k]), imag(w[k])
		dst[k] = complex(er+wr*or-wi*oi, ei+wr*oi+wi*or)
	}
}

// Inverse writes into dst (length n) the real sequence whose half spectrum
// is c (length n/2+1), unnormalised: Inverse(Forward(x)) = n·x.
func (p *Real) Inverse(dst []float64, c []complex128) {
	h := p.n / 2
	if len(dst) != p.n || len(c) != h+1 {
		panic("fft: length mismatch")
	}
	z := p.z[:h]
	w := p.w[:h]
	c = c[:h+1]
	for k := range z {
		a, b := c[k], c[h-k]
		ar, ai, br, bi := real(a), imag(a), real(b), imag(b)
		er, ei := ar+br, ai-bi
		// d = (a − conj(b))·conj(w); z = e + i·d
		xr, xi := ar-br, ai+bi
		wr, wi := real(w[k]), imag(w[k])
		dr, di := xr*wr+xi*wi, xi*wr-xr*wi
		z[k] = complex(er-di, ei+dr)
	}
	z = p.half.runTo(z, p.half.work, 1, true)
	for k, v := range z {
		dst[2*k] = real(v)
		dst[2*k+1] = imag(v)
	}
}
