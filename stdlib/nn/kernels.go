package nn

import "math"

// positiveMask returns all ones if z > 0 and zero otherwise (for -0, NaN
// with the sign bit set and negative z), computed from the bits of z
// without a branch, since the sign of a pre-activation is unpredictable.
func positiveMask(z float64) uint64 {
	x := int64(math.Float64bits(z))
	return uint64(^(x | (x - 1)) >> 63)
}

// The fused element-wise passes of a Dense layer. Each works on one row
// (one sample) at a time; callers pass slices of equal length, which the
// re-slicing at the top of each function lets the compiler prove so the
// loops run without bounds checks.

// activate stores f(z) in dst.
func activate(a Activation, dst, z []float64) {
	dst = dst[:len(z)]
	switch a {
	case Identity:
		copy(dst, z)
	case Sigmoid:
		for j, v := range z {
			dst[j] = fastSigmoid(v)
		}
	case Tanh:
		for j, v := range z {
			dst[j] = math.Tanh(v)
		}
	case ReLU:
		for j, v := range z {
			dst[j] = max(v, 0)
		}
	case LeakyReLU:
		for j, v := range z {
			dst[j] = max(v, LeakySlope*v)
		}
	}
}

// biasActivate adds the bias b to the pre-activation row z in place and
// stores f(z+b) in out, in one pass.
func biasActivate(a Activation, out, z, b []float64) {
	b = b[:len(z)]
	out = out[:len(z)]
	switch a {
	case Identity:
		for j, v := range z {
			v += b[j]
			z[j] = v
			out[j] = v
		}
	case Sigmoid:
		biasSigmoid(out, z, b)
	case Tanh:
		for j, v := range z {
			v += b[j]
			z[j] = v
			out[j] = math.Tanh(v)
		}
	case ReLU:
		for j, v := range z {
			v += b[j]
			z[j] = v
			out[j] = max(v, 0)
		}
	case LeakyReLU:
		for j, v := range z {
			v += b[j]
			z[j] = v
			out[j] = max(v, LeakySlope*v)
		}
	}
}

// backActivate stores dy ⊙ f'(z) in dz and adds it to the bias gradient gb,
// in one pass. out is f(z), from which the sigmoid and tanh slopes are
// computed without another exponential. On amd64 with AVX2, Sigmoid, Tanh
// and ReLU run four elements at a time in assembly (back_amd64.s) with the
// same operations: identical results.
func backActivate(a Activation, dz, dy, z, out, gb []float64) {
	dy = dy[:len(dz)]
	z = z[:len(dz)]
	out = out[:len(dz)]
	gb = gb[:len(dz)]
	if n := len(dz) &^ 3; useAVX2 && n > 0 && (a == Sigmoid || a == Tanh || a == ReLU) {
		switch a {
		case Sigmoid:
			backSigmoidAVX(&dz[0], &dy[0], &out[0], &gb[0], n)
		case Tanh:
			backTanhAVX(&dz[0], &dy[0], &out[0], &gb[0], n)
		case ReLU:
			backReLUAVX(&dz[0], &dy[0], &z[0], &gb[0], n)
		}
		dz, dy, z, out, gb = dz[n:], dy[n:], z[n:], out[n:], gb[n:]
	}
	switch a {
	case Identity:
		for j := range dz {
			g := dy[j]
			dz[j] = g
			gb[j] += g
		}
	case Sigmoid:
		for j := range dz {
			s := out[j]
			g := float64(dy[j] * s * (1 - s)) // rounded: never fused into gb's sum
			dz[j] = g
			gb[j] += g
		}
	case Tanh:
		for j := range dz {
			t := out[j]
			g := float64(dy[j] * (1 - float64(t*t))) // rounded products, as in backTanhAVX
			dz[j] = g
			gb[j] += g
		}
	case ReLU:
		for j := range dz {
			g := math.Float64frombits(math.Float64bits(dy[j]) & positiveMask(z[j]))
			dz[j] = g
			gb[j] += g
		}
	case LeakyReLU:
		const one, leaky = 0x3ff0000000000000, 0x3f847ae147ae147b // bits of 1 and 0.01
		for j := range dz {
			m := positiveMask(z[j])
			g := float64(dy[j] * math.Float64frombits(one&m|leaky&^m))
			dz[j] = g
			gb[j] += g
		}
	}
}

// backActivateFromZ is backActivate for a dy that overwrote the output: it
// takes the slopes from z alone. dz may be dy.
func backActivateFromZ(a Activation, dz, dy, z, gb []float64) {
	dy = dy[:len(dz)]
	z = z[:len(dz)]
	gb = gb[:len(dz)]
	for j := range dz {
		g := float64(dy[j] * a.Slope(z[j]))
		dz[j] = g
		gb[j] += g
	}
}
