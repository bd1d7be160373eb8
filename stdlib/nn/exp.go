package nn

import "math"

// A fast exponential for the sigmoid of the hot loops. It uses Tang's
// table method: x = (32m + j)·ln2/32 + r with |r| ≤ ln2/64, so that
// exp(x) = 2^m · 2^(j/32) · exp(r), where 2^(j/32) comes from a table and
// exp(r) from a degree-6 polynomial whose truncation error (< 4e-18) is far
// below float64 rounding. Its only branches clamp the argument and are
// predictable, so it pipelines in a loop,
// and agrees with math.Exp to a few ulp.

const (
	expTableBits = 5
	expTableSize = 1 << expTableBits
	expInvLn2N   = expTableSize / math.Ln2
	// ln2/32 split so that k·expLn2NHi is exact for |k| < 2^21.
	expLn2NHi = 6.93147180369123816490e-01 / expTableSize
	expLn2NLo = 1.90821492927058770002e-10 / expTableSize
	// Adding expShifter rounds to an integer held in the low mantissa bits.
	expShifter = 0x1.8p52
	// expMax and expMin bound the argument so that 2^m stays a normal
	// float64; exp(±708) is within the float64 range.
	expMax = 708
	expMin = -708
)

// expTable[j] = 2^(j/32).
var expTable = func() (t [expTableSize]float64) {
	for j := range t {
		t[j] = math.Exp2(float64(j) / expTableSize)
	}
	return t
}()

// expClamped returns exp(x) for x in [expMin, expMax]; arguments outside are
// clamped to that range first, and NaN gives NaN.
func expClamped(x float64) float64 {
	// Predictable branches: they cost nothing on the dependency chain.
	if x > expMax {
		x = expMax
	}
	if x < expMin {
		x = expMin
	}
	// The float64 conversions round each product, so no build fuses them
	// into multiply-adds: the AVX2 kernel (sigmoid_amd64.s) repeats these
	// operations exactly.
	t := float64(x*expInvLn2N) + expShifter
	kf := t - expShifter
	k := int64(math.Float64bits(t) - math.Float64bits(expShifter))
	r := (x - float64(kf*expLn2NHi)) - float64(kf*expLn2NLo)
	// Estrin's scheme for 1 + r + r²/2 + … + r⁶/720: a shorter dependency
	// chain than Horner's, so more elements overlap in the pipeline.
	r2 := r * r
	r4 := r2 * r2
	p := (1 + r) + float64(r2*(1.0/2+float64(r*(1.0/6)))) +
		float64(r4*((1.0/24+float64(r*(1.0/120)))+float64(r2*(1.0/720))))
	scale := math.Float64frombits(uint64(k>>expTableBits+1023) << 52)
	return expTable[k&(expTableSize-1)] * p * scale
}

// fastSigmoid returns 1/(1+exp(-z)) to a few ulp, without branches. For
// z < -708 it returns about 3e-308 instead of a smaller number.
func fastSigmoid(z float64) float64 {
	return 1 / (1 + expClamped(-z))
}

// biasSigmoid stores z+b in z and sigmoid(z+b) in out. On amd64 with AVX2
// it runs four elements at a time in assembly, with the operations of
// biasSigmoidScalar in the same order, so both give identical results.
func biasSigmoid(out, z, b []float64) {
	b = b[:len(z)]
	out = out[:len(z)]
	if n := len(z) &^ 3; useAVX2 && n > 0 {
		biasSigmoidAVX2(&out[0], &z[0], &b[0], n, &sigmoidConsts)
		out, z, b = out[n:], z[n:], b[n:]
	}
	biasSigmoidScalar(out, z, b)
}

// biasSigmoidScalar is biasSigmoid in Go, with expClamped written out in
// the loop: the compiler does not inline it, and a call per element costs
// as much as the arithmetic.
func biasSigmoidScalar(out, z, b []float64) {
	b = b[:len(z)]
	out = out[:len(z)]
	for j, v := range z {
		v += b[j]
		z[j] = v
		x := -v
		if x > expMax {
			x = expMax
		}
		if x < expMin {
			x = expMin
		}
		t := float64(x*expInvLn2N) + expShifter
		kf := t - expShifter
		k := int64(math.Float64bits(t) - math.Float64bits(expShifter))
		r := (x - float64(kf*expLn2NHi)) - float64(kf*expLn2NLo)
		r2 := r * r
		r4 := r2 * r2
		p := (1 + r) + float64(r2*(1.0/2+float64(r*(1.0/6)))) +
			float64(r4*((1.0/24+float64(r*(1.0/120)))+float64(r2*(1.0/720))))
		scale := math.Float64frombits(uint64(k>>expTableBits+1023) << 52)
		out[j] = 1 / (1 + expTable[k&(expTableSize-1)]*p*scale)
	}
}
