package nn

import "math"

// A fast natural logarithm for the cross-entropy loss. x = 2^k·z with z in
// [√½, √2); the top 7 bits of z's offset mantissa pick a table entry
// c ≈ z, and log x = k·ln2 + log c + log1p(z/c − 1), where z/c − 1 is formed
// exactly with one fused multiply-add and |z/c − 1| < 0.008, so a degree-8
// polynomial is accurate far below float64 rounding. It has no division and
// one predictable branch-free path.

const (
	logTableBits = 7
	logTableSize = 1 << logTableBits
	// logOff is the bit pattern of √½: subtracting it from the bits of x
	// splits x into k and z ∈ [√½, √2).
	logOff = 0x3fe6a09e667f3bcd
	ln2Hi  = 6.93147180369123816490e-01
	ln2Lo  = 1.90821492927058770002e-10
)

// logTable[i] holds 1/c and log c for the i-th slice of [√½, √2). The two
// slices around 1 use c = 1 exactly, so log stays accurate relative to its
// (small) value near 1; there |z/c − 1| < 0.008.
var logTable = func() (t [logTableSize]struct{ invc, logc float64 }) {
	for i := range t {
		lo := math.Float64frombits(logOff + uint64(i)<<(52-logTableBits))
		hi := math.Float64frombits(logOff + uint64(i+1)<<(52-logTableBits))
		if lo > 0.99 && hi < 1.01 {
			t[i].invc, t[i].logc = 1, 0
			continue
		}
		c := (lo + hi) / 2
		t[i].invc = 1 / c
		t[i].logc = -math.Log(t[i].invc)
	}
	return t
}()

// fastLog returns log(x) for positive normal x (at least 2.2e-308) to about
// one ulp. The float64 conversions round each product so that no build
// fuses them into multiply-adds and bceRow's copy gives identical results. Zero, negative, subnormal, infinite and NaN arguments give
// meaningless results: callers clamp first.
func fastLog(x float64) float64 {
	ix := math.Float64bits(x)
	tmp := ix - logOff
	i := (tmp >> (52 - logTableBits)) & (logTableSize - 1)
	k := float64(int64(tmp) >> 52)
	z := math.Float64frombits(ix - tmp&(0xfff<<52))
	e := &logTable[i]
	r := math.FMA(z, e.invc, -1)
	r2 := r * r
	r4 := r2 * r2
	p := float64(r2*(-1.0/2+float64(r*(1.0/3)))) +
		float64(r4*((-1.0/4+float64(r*(1.0/5)))+float64(r2*(-1.0/6+float64(r*(1.0/7)))))) +
		float64(float64(r4*r4)*(-1.0/8))
	return float64(k*ln2Hi) + e.logc + (r + (p + float64(k*ln2Lo)))
}

// bceRow returns −Σ_j [t_j·log p_j + (1−t_j)·log(1−p_j)] over one row, with
// p clamped to [BCEEps, 1−BCEEps] and fastLog written out twice in the
// loop (the compiler does not inline it, and a call per logarithm costs as
// much as the arithmetic).
func bceRow(p, t []float64) float64 {
	t = t[:len(p)]
	var s float64
	for j, v := range p {
		v = clampProb(v)
		w := 1 - v

		ix := math.Float64bits(v)
		tmp := ix - logOff
		e := &logTable[(tmp>>(52-logTableBits))&(logTableSize-1)]
		k := float64(int64(tmp) >> 52)
		r := math.FMA(math.Float64frombits(ix-tmp&(0xfff<<52)), e.invc, -1)
		r2 := r * r
		r4 := r2 * r2
		q := float64(r2*(-1.0/2+float64(r*(1.0/3)))) +
			float64(r4*((-1.0/4+float64(r*(1.0/5)))+float64(r2*(-1.0/6+float64(r*(1.0/7)))))) +
			float64(float64(r4*r4)*(-1.0/8))
		lv := float64(k*ln2Hi) + e.logc + (r + (q + float64(k*ln2Lo)))

		ix = math.Float64bits(w)
		tmp = ix - logOff
		e = &logTable[(tmp>>(52-logTableBits))&(logTableSize-1)]
		k = float64(int64(tmp) >> 52)
		r = math.FMA(math.Float64frombits(ix-tmp&(0xfff<<52)), e.invc, -1)
		r2 = r * r
		r4 = r2 * r2
		q = float64(r2*(-1.0/2+float64(r*(1.0/3)))) +
			float64(r4*((-1.0/4+float64(r*(1.0/5)))+float64(r2*(-1.0/6+float64(r*(1.0/7)))))) +
			float64(float64(r4*r4)*(-1.0/8))
		lw := float64(k*ln2Hi) + e.logc + (r + (q + float64(k*ln2Lo)))

		s -= float64(t[j]*lv) + float64((1-t[j])*lw)
	}
	return s
}
