package optim

import "math"

// adamConsts are the per-step constants of the Adam pass. The assembly
// kernel reads them by offset: keep the order.
type adamConsts struct {
	step       float64 // LR / (1 - Beta1^t)
	invSqrtBC2 float64 // 1 / √(1 - Beta2^t)
	b1, b2     float64 // Beta1, Beta2
	c1, c2     float64 // 1 - Beta1, 1 - Beta2
	eps, wd    float64 // Eps, WeightDecay
}

// adamUpdate is the element-wise Adam pass over one parameter: it reads
// the values p and writes the new values to d, which is p for an update in
// place or another array of the same length. On amd64 with AVX it runs
// four elements at a time in assembly, with the same operations in the
// same order as adamScalar and no fused multiply-add, so both give
// bit-identical results.
func adamUpdate(d, p, g, m, v []float64, k *adamConsts) {
	d = d[:len(p)]
	g = g[:len(p)]
	m = m[:len(p)]
	v = v[:len(p)]
	if n := len(p) &^ 3; useAVX && n > 0 {
		adamAVX(&d[0], &p[0], &g[0], &m[0], &v[0], n, k)
		d, p, g, m, v = d[n:], p[n:], g[n:], m[n:], v[n:]
	}
	adamScalar(d, p, g, m, v, k)
}

// adamScalar is the Adam pass in Go. The explicit float64 conversions round
// every product, so that no build fuses them into multiply-adds.
func adamScalar(d, p, g, m, v []float64, k *adamConsts) {
	d = d[:len(p)]
	g = g[:len(p)]
	m = m[:len(p)]
	v = v[:len(p)]
	for i := range p {
		pi := p[i]
		gi := g[i] + float64(k.wd*pi)
		mi := float64(k.b1*m[i]) + float64(k.c1*gi)
		vi := float64(k.b2*v[i]) + float64(float64(k.c2*gi)*gi)
		m[i] = mi
		v[i] = vi
		d[i] = pi - float64(k.step*mi)/(float64(math.Sqrt(vi)*k.invSqrtBC2)+k.eps)
	}
}
