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
	z := p.z
	for k := range z {
		z[k] = complex(x[2*k], x[2*k+1])
	}
	p.half.Forward(z)
	dst[0] = complex(real(z[0])+imag(z[0]), 0)
	dst[h] = complex(real(z[0])-imag(z[0]), 0)
	for k := 1; k < h; k++ {
		a, b := z[k], z[h-k]
		bc := complex(real(b), -imag(b))
		e := (a + bc) * 0.5
		d := (a - bc) * 0.5
		o := complex(imag(d), -real(d)) // -i·d
		dst[k] = e + p.w[k]*o
	}
}

// Inverse writes into dst (length n) the real sequence whose half spectrum
// is c (length n/2+1), unnormalised: Inverse(Forward(x)) = n·x.
func (p *Real) Inverse(dst []float64, c []complex128) {
	h := p.n / 2
	if len(dst) != p.n || len(c) != h+1 {
		panic("fft: length mismatch")
	}
	z := p.z
	for k := 0; k < h; k++ {
		a, b := c[k], c[h-k]
		bc := complex(real(b), -imag(b))
		e := a + bc
		wk := p.w[k]
		d := (a - bc) * complex(real(wk), -imag(wk))
		z[k] = e + complex(-imag(d), real(d)) // e + i·d
	}
	p.half.Inverse(z)
	for k, v := range z {
		dst[2*k] = real(v)
		dst[2*k+1] = imag(v)
	}
}
