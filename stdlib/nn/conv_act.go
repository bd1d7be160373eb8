package nn

import "math"

// The element-wise passes of the convolution layers. Unlike Dense they keep
// only the activation's output: every slope is computed from it (ReLU and
// LeakyReLU from its sign, Sigmoid as a(1−a), Tanh as 1−a²), which halves
// the memory the layers hold between Forward and Backward.

// planeActivate stores f(z[j] + bias) in dst (len(z) values).
func planeActivate(act Activation, dst, z []float64, bias float64) {
	dst = dst[:len(z)]
	switch act {
	case Identity:
		for j, v := range z {
			dst[j] = v + bias
		}
	case Sigmoid:
		for j, v := range z {
			dst[j] = fastSigmoid(v + bias)
		}
	case Tanh:
		for j, v := range z {
			dst[j] = math.Tanh(v + bias)
		}
	case ReLU:
		for j, v := range z {
			v += bias
			dst[j] = math.Float64frombits(math.Float64bits(v) & positiveMask(v))
		}
	case LeakyReLU:
		for j, v := range z {
			v += bias
			dst[j] = max(v, LeakySlope*v)
		}
	}
}

// planeSlope stores dy ⊙ f'(z) in dz, where out = f(z), and returns the sum
// of dz (the plane's share of the bias gradient).
func planeSlope(act Activation, dz, dy, out []float64) float64 {
	dy = dy[:len(dz)]
	out = out[:len(dz)]
	var s float64
	switch act {
	case Identity:
		for j, g := range dy {
			dz[j] = g
			s += g
		}
	case Sigmoid:
		for j, a := range out {
			g := dy[j] * a * (1 - a)
			dz[j] = g
			s += g
		}
	case Tanh:
		for j, a := range out {
			g := dy[j] * (1 - a*a)
			dz[j] = g
			s += g
		}
	case ReLU:
		for j, a := range out {
			g := math.Float64frombits(math.Float64bits(dy[j]) & positiveMask(a))
			dz[j] = g
			s += g
		}
	case LeakyReLU:
		const one, leaky = 0x3ff0000000000000, 0x3f847ae147ae147b // bits of 1 and 0.01
		for j, a := range out {
			m := positiveMask(a)
			g := dy[j] * math.Float64frombits(one&m|leaky&^m)
			dz[j] = g
			s += g
		}
	}
	return s
}
