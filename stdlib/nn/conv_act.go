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
// of dz (the plane's share of the bias gradient). The sums run in four
// interleaved partial sums, so that the additions do not wait on each other.
func planeSlope(act Activation, dz, dy, out []float64) float64 {
	dy = dy[:len(dz)]
	out = out[:len(dz)]
	n := len(dz) &^ 3
	var s [4]float64
	switch act {
	case Identity:
		for j := 0; j < n; j += 4 {
			for k := 0; k < 4; k++ {
				g := dy[j+k]
				dz[j+k] = g
				s[k] += g
			}
		}
	case Sigmoid:
		for j := 0; j < n; j += 4 {
			for k := 0; k < 4; k++ {
				a := out[j+k]
				g := dy[j+k] * a * (1 - a)
				dz[j+k] = g
				s[k] += g
			}
		}
	case Tanh:
		for j := 0; j < n; j += 4 {
			for k := 0; k < 4; k++ {
				a := out[j+k]
				g := dy[j+k] * (1 - a*a)
				dz[j+k] = g
				s[k] += g
			}
		}
	case ReLU:
		for j := 0; j < n; j += 4 {
			d, o, z := dy[j:j+4], out[j:j+4], dz[j:j+4]
			g0 := math.Float64frombits(math.Float64bits(d[0]) & positiveMask(o[0]))
			g1 := math.Float64frombits(math.Float64bits(d[1]) & positiveMask(o[1]))
			g2 := math.Float64frombits(math.Float64bits(d[2]) & positiveMask(o[2]))
			g3 := math.Float64frombits(math.Float64bits(d[3]) & positiveMask(o[3]))
			z[0], z[1], z[2], z[3] = g0, g1, g2, g3
			s[0] += g0
			s[1] += g1
			s[2] += g2
			s[3] += g3
		}
	case LeakyReLU:
		for j := 0; j < n; j += 4 {
			for k := 0; k < 4; k++ {
				g := dy[j+k] * leakySlope(out[j+k])
				dz[j+k] = g
				s[k] += g
			}
		}
	}
	// The tail, fewer than four values.
	for j := n; j < len(dz); j++ {
		g := dy[j]
		switch a := out[j]; act {
		case Sigmoid:
			g *= a * (1 - a)
		case Tanh:
			g *= 1 - a*a
		case ReLU:
			g = math.Float64frombits(math.Float64bits(g) & positiveMask(a))
		case LeakyReLU:
			g *= leakySlope(a)
		}
		dz[j] = g
		s[0] += g
	}
	return (s[0] + s[1]) + (s[2] + s[3])
}

// leakySlope returns LeakyReLU's slope, 1 or LeakySlope, from its output a
// (whose sign is its input's), without a branch.
func leakySlope(a float64) float64 {
	const one, leaky = 0x3ff0000000000000, 0x3f847ae147ae147b // bits of 1 and 0.01
	m := positiveMask(a)
	return math.Float64frombits(one&m | leaky&^m)
}
