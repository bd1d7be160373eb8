package fft

import (
	"fmt"
	"math"
)

var negZero = math.Copysign(0, -1)

// stage is one radix-r pass of the Stockham algorithm on subsequences of
// length n (n = r·m) with stride s; tw[p*(r-1)+k-1] = e^{∓2πi·p·k/n}.
type stage struct {
	r, m, s int
	fw, bw  []complex128
}

// Cmplx is a plan for complex FFTs of one length.
type Cmplx struct {
	n      int
	stages []stage
	work   []complex128
}

// NewCmplx returns a plan for length n, which must be a product of 2, 3
// and 5.
func NewCmplx(n int) *Cmplx {
	if n < 1 {
		panic(fmt.Sprintf("fft: bad length %d", n))
	}
	p := &Cmplx{n: n, work: make([]complex128, n)}
	cur, s := n, 1
	for cur > 1 {
		r := 0
		switch {
		case cur%4 == 0:
			r = 4
		case cur%2 == 0:
			r = 2
		case cur%3 == 0:
			r = 3
		case cur%5 == 0:
			r = 5
		default:
			panic(fmt.Sprintf("fft: length %d has a prime factor above 5", n))
		}
		m := cur / r
		st := stage{r: r, m: m, s: s, fw: make([]complex128, m*(r-1)), bw: make([]complex128, m*(r-1))}
		for q := 0; q < m; q++ {
			for k := 1; k < r; k++ {
				ang := -2 * math.Pi * float64(q*k) / float64(cur)
				sn, cs := math.Sincos(ang)
				st.fw[q*(r-1)+k-1] = complex(cs, sn)
				st.bw[q*(r-1)+k-1] = complex(cs, -sn)
			}
		}
		p.stages = append(p.stages, st)
		cur, s = m, s*r
	}
	return p
}

// Len returns the transform length.
func (p *Cmplx) Len() int { return p.n }

// Clone returns a plan sharing p's twiddles with its own scratch buffer.
func (p *Cmplx) Clone() *Cmplx {
	return &Cmplx{n: p.n, stages: p.stages, work: make([]complex128, p.n)}
}

// Forward replaces x by its DFT X[k] = Σ_j x[j]·e^{-2πijk/n}.
func (p *Cmplx) Forward(x []complex128) { p.run(x, false) }

// Inverse replaces x by Σ_k x[k]·e^{+2πijk/n} (unnormalised).
func (p *Cmplx) Inverse(x []complex128) { p.run(x, true) }

func (p *Cmplx) run(x []complex128, inv bool) {
	if len(x) != p.n {
		panic("fft: length mismatch")
	}
	p.runBatch(x, p.work, 1, inv)
}

// ForwardBatch transforms the width columns of x, an n x width row-major
// array (element (r, c) at x[r*width+c]), using work (same length as x) as
// scratch. Every butterfly then runs along width contiguous values.
func (p *Cmplx) ForwardBatch(x, work []complex128, width int) {
	p.checkBatch(x, work, width)
	p.runBatch(x, work, width, false)
}

// InverseBatch is the unnormalised inverse of ForwardBatch.
func (p *Cmplx) InverseBatch(x, work []complex128, width int) {
	p.checkBatch(x, work, width)
	p.runBatch(x, work, width, true)
}

func (p *Cmplx) checkBatch(x, work []complex128, width int) {
	if width < 1 || len(x) != p.n*width || len(work) < len(x) {
		panic("fft: batch length mismatch")
	}
}

// runBatch is the Stockham algorithm on elements that are runs of width
// values: stage strides are multiplied by width. The result ends in x.
func (p *Cmplx) runBatch(x, work []complex128, width int, inv bool) {
	if r := p.runTo(x, work, width, inv); &r[0] != &x[0] {
		copy(x, r)
	}
}

// BatchTo is ForwardBatch (or InverseBatch when inv) that leaves the result
// in whichever of x and work the last stage wrote, and returns it, saving
// the final copy when the number of stages is odd; the other buffer is
// scratch afterwards.
func (p *Cmplx) BatchTo(x, work []complex128, width int, inv bool) []complex128 {
	p.checkBatch(x, work, width)
	return p.runTo(x, work, width, inv)
}

func (p *Cmplx) runTo(x, work []complex128, width int, inv bool) []complex128 {
	a, b := x, work[:len(x)]
	for i := range p.stages {
		st := &p.stages[i]
		tw := st.fw
		if inv {
			tw = st.bw
		}
		s := st.s * width
		switch st.r {
		case 4:
			radix4(b, a, st.m, s, tw, inv)
		case 2:
			radix2(b, a, st.m, s, tw)
		case 3:
			radix3(b, a, st.m, s, tw, inv)
		case 5:
			radix5(b, a, st.m, s, tw, inv)
		}
		a, b = b, a
	}
	return a
}

func radix2(y, x []complex128, m, s int, tw []complex128) {
	for p := 0; p < m; p++ {
		w := tw[p]
		x0, x1 := x[s*p:s*p+s], x[s*(p+m):s*(p+m)+s]
		y0, y1 := y[s*2*p:s*2*p+s], y[s*(2*p+1):s*(2*p+1)+s]
		for q := range x0 {
			a, b := x0[q], x1[q]
			y0[q] = a + b
			y1[q] = (a - b) * w
		}
	}
}

// mulMinusI returns -i·c, or +i·c when inv is true.
func mulMinusI(c complex128, inv bool) complex128 {
	if inv {
		return complex(-imag(c), real(c))
	}
	return complex(imag(c), -real(c))
}

func radix4(y, x []complex128, m, s int, tw []complex128, inv bool) {
	if s == 1 {
		radix4s1(y, x, m, tw, inv)
		return
	}
	if radix4Fast(y, x, m, s, tw, inv) {
		return
	}
	if s < 8 {
		radix4small(y, x, m, s, tw, inv)
		return
	}
	for p := 0; p < m; p++ {
		w1, w2, w3 := tw[3*p], tw[3*p+1], tw[3*p+2]
		x0 := x[s*p : s*p+s]
		x1 := x[s*(p+m) : s*(p+m)+s][:len(x0)]
		x2 := x[s*(p+2*m) : s*(p+2*m)+s][:len(x0)]
		x3 := x[s*(p+3*m) : s*(p+3*m)+s][:len(x0)]
		o := s * 4 * p
		y0 := y[o : o+s][:len(x0)]
		y1 := y[o+s : o+2*s][:len(x0)]
		y2 := y[o+2*s : o+3*s][:len(x0)]
		y3 := y[o+3*s : o+4*s][:len(x0)]
		if p == 0 {
			for q := range x0 {
				a0, a1, a2, a3 := x0[q], x1[q], x2[q], x3[q]
				t0, t1 := a0+a2, a0-a2
				t2, t3 := a1+a3, mulMinusI(a1-a3, inv)
				y0[q] = t0 + t2
				y1[q] = t1 + t3
				y2[q] = t0 - t2
				y3[q] = t1 - t3
			}
			continue
		}
		for q := range x0 {
			a0, a1, a2, a3 := x0[q], x1[q], x2[q], x3[q]
			t0, t1 := a0+a2, a0-a2
			t2, t3 := a1+a3, mulMinusI(a1-a3, inv)
			y0[q] = t0 + t2
			y1[q] = (t1 + t3) * w1
			y2[q] = (t0 - t2) * w2
			y3[q] = (t1 - t3) * w3
		}
	}
}

// radix4small is a radix-4 stage with a short stride, indexing directly
// instead of building slices of s elements.
func radix4small(y, x []complex128, m, s int, tw []complex128, inv bool) {
	sm := s * m
	x = x[:4*sm]
	y = y[:4*sm]
	for p := 0; p < m; p++ {
		w1, w2, w3 := tw[3*p], tw[3*p+1], tw[3*p+2]
		i := s * p
		o := 4 * s * p
		for q := 0; q < s; q++ {
			a0, a1, a2, a3 := x[i+q], x[i+q+sm], x[i+q+2*sm], x[i+q+3*sm]
			t0, t1 := a0+a2, a0-a2
			t2, t3 := a1+a3, mulMinusI(a1-a3, inv)
			y[o+q] = t0 + t2
			y[o+s+q] = (t1 + t3) * w1
			y[o+2*s+q] = (t0 - t2) * w2
			y[o+3*s+q] = (t1 - t3) * w3
		}
	}
}

// radix4s1 is the first radix-4 stage (stride 1), where the general loop
// would build slices of one element.
func radix4s1(y, x []complex128, m int, tw []complex128, inv bool) {
	x0, x1, x2, x3 := x[:m], x[m : 2*m][:m], x[2*m : 3*m][:m], x[3*m : 4*m][:m]
	y = y[:4*m]
	tw = tw[:3*m]
	for p := range x0 {
		a0, a1, a2, a3 := x0[p], x1[p], x2[p], x3[p]
		t0, t1 := a0+a2, a0-a2
		t2, t3 := a1+a3, mulMinusI(a1-a3, inv)
		yy := y[4*p : 4*p+4 : 4*p+4]
		ww := tw[3*p : 3*p+3 : 3*p+3]
		yy[0] = t0 + t2
		yy[1] = (t1 + t3) * ww[0]
		yy[2] = (t0 - t2) * ww[1]
		yy[3] = (t1 - t3) * ww[2]
	}
}

func radix3(y, x []complex128, m, s int, tw []complex128, inv bool) {
	const h = 0.8660254037844386 // √3/2
	for p := 0; p < m; p++ {
		w1, w2 := tw[2*p], tw[2*p+1]
		x0, x1, x2 := x[s*p:s*p+s], x[s*(p+m):s*(p+m)+s], x[s*(p+2*m):s*(p+2*m)+s]
		o := s * 3 * p
		y0, y1, y2 := y[o:o+s], y[o+s:o+2*s], y[o+2*s:o+3*s]
		for q := range x0 {
			a0, a1, a2 := x0[q], x1[q], x2[q]
			t := a1 + a2
			u := complex(real(a0)-0.5*real(t), imag(a0)-0.5*imag(t))
			v := mulMinusI(a1-a2, inv)
			v = complex(h*real(v), h*imag(v))
			y0[q] = a0 + t
			y1[q] = (u + v) * w1
			y2[q] = (u - v) * w2
		}
	}
}

func scale(c float64, z complex128) complex128 { return complex(c*real(z), c*imag(z)) }

func radix5(y, x []complex128, m, s int, tw []complex128, inv bool) {
	c1, c2 := math.Cos(2*math.Pi/5), math.Cos(4*math.Pi/5)
	s1, s2 := math.Sin(2*math.Pi/5), math.Sin(4*math.Pi/5)
	for p := 0; p < m; p++ {
		w1, w2, w3, w4 := tw[4*p], tw[4*p+1], tw[4*p+2], tw[4*p+3]
		x0 := x[s*p : s*p+s]
		x1 := x[s*(p+m) : s*(p+m)+s][:len(x0)]
		x2 := x[s*(p+2*m) : s*(p+2*m)+s][:len(x0)]
		x3 := x[s*(p+3*m) : s*(p+3*m)+s][:len(x0)]
		x4 := x[s*(p+4*m) : s*(p+4*m)+s][:len(x0)]
		o := s * 5 * p
		y0 := y[o : o+s][:len(x0)]
		y1 := y[o+s : o+2*s][:len(x0)]
		y2 := y[o+2*s : o+3*s][:len(x0)]
		y3 := y[o+3*s : o+4*s][:len(x0)]
		y4 := y[o+4*s : o+5*s][:len(x0)]
		for q := range x0 {
			a0 := x0[q]
			b1, b2 := x1[q]+x4[q], x2[q]+x3[q]
			d1, d2 := x1[q]-x4[q], x2[q]-x3[q]
			t1 := a0 + scale(c1, b1) + scale(c2, b2)
			t2 := a0 + scale(c2, b1) + scale(c1, b2)
			u1 := mulMinusI(scale(s1, d1)+scale(s2, d2), inv)
			u2 := mulMinusI(scale(s2, d1)-scale(s1, d2), inv)
			y0[q] = a0 + b1 + b2
			y1[q] = (t1 + u1) * w1
			y2[q] = (t2 + u2) * w2
			y3[q] = (t2 - u2) * w3
			y4[q] = (t1 - u1) * w4
		}
	}
}
