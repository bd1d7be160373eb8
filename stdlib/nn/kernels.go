package nn

import "math"

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
			dst[j] = sigmoid(v)
		}
	case Tanh:
		for j, v := range z {
			dst[j] = math.Tanh(v)
		}
	case ReLU:
		for j, v := range z {
			if v > 0 {
				dst[j] = v
			} else {
				dst[j] = 0
			}
		}
	case LeakyReLU:
		for j, v := range z {
			if v > 0 {
				dst[j] = v
			} else {
				dst[j] = LeakySlope * v
			}
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
		for j, v := range z {
			v += b[j]
			z[j] = v
			out[j] = sigmoid(v)
		}
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
			if v > 0 {
				out[j] = v
			} else {
				out[j] = 0
			}
		}
	case LeakyReLU:
		for j, v := range z {
			v += b[j]
			z[j] = v
			if v > 0 {
				out[j] = v
			} else {
				out[j] = LeakySlope * v
			}
		}
	}
}

// backActivate stores dy ⊙ f'(z) in dz and adds it to the bias gradient gb,
// in one pass. out is f(z), from which the sigmoid and tanh slopes are
// computed without another exponential.
func backActivate(a Activation, dz, dy, z, out, gb []float64) {
	dy = dy[:len(dz)]
	z = z[:len(dz)]
	out = out[:len(dz)]
	gb = gb[:len(dz)]
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
			g := dy[j] * s * (1 - s)
			dz[j] = g
			gb[j] += g
		}
	case Tanh:
		for j := range dz {
			t := out[j]
			g := dy[j] * (1 - t*t)
			dz[j] = g
			gb[j] += g
		}
	case ReLU:
		for j := range dz {
			g := 0.0
			if z[j] > 0 {
				g = dy[j]
			}
			dz[j] = g
			gb[j] += g
		}
	case LeakyReLU:
		for j := range dz {
			g := dy[j]
			if z[j] <= 0 {
				g *= LeakySlope
			}
			dz[j] = g
			gb[j] += g
		}
	}
}
