package nn

import "math"

// The element-wise passes of the convolution layers. Unlike Dense they keep
// only the activation's output: every slope is computed from it (ReLU and
// LeakyReLU from its sign, Sigmoid as a(1−a), Tanh as 1−a²), which halves
// the memory the layers hold between Forward and Backward.

// planeActivate stores f(z[j] + bias) in dst (len(z) values). z is a
// float32 product on the Float32 path.
func planeActivate[T float32 | float64](act Activation, dst []float64, z []T, bias float64) {
	dst = dst[:len(z)]
	switch act {
	case Identity:
		for j, v := range z {
			dst[j] = float64(v) + bias
		}
	case Sigmoid:
		for j, v := range z {
			dst[j] = fastSigmoid(float64(v) + bias)
		}
	case Tanh:
		for j, v := range z {
			dst[j] = math.Tanh(float64(v) + bias)
		}
	case ReLU:
		for j, v := range z {
			u := float64(v) + bias
			dst[j] = math.Float64frombits(math.Float64bits(u) & positiveMask(u))
		}
	case LeakyReLU:
		for j, v := range z {
			u := float64(v) + bias
			dst[j] = max(u, LeakySlope*u)
		}
	}
}

// planeSlope stores dy ⊙ f'(z) in dz, where out = f(z), and returns the sum
// of dz (the plane's share of the bias gradient). The sums run in four
// interleaved partial sums, so that the additions do not wait on each other.
// dz is float32 on the Float32 path; the sum is always of the float64
// values.
func planeSlope[T float32 | float64](act Activation, dz []T, dy, out []float64) float64 {
	dy = dy[:len(dz)]
	out = out[:len(dz)]
	n := len(dz) &^ 3
	var s [4]float64
	switch act {
	case Identity:
		for j := 0; j < n; j += 4 {
			for k := 0; k < 4; k++ {
				g := dy[j+k]
				dz[j+k] = T(g)
				s[k] += g
			}
		}
	case Sigmoid:
		for j := 0; j < n; j += 4 {
			for k := 0; k < 4; k++ {
				a := out[j+k]
				g := dy[j+k] * a * (1 - a)
				dz[j+k] = T(g)
				s[k] += g
			}
		}
	case Tanh:
		for j := 0; j < n; j += 4 {
			for k := 0; k < 4; k++ {
				a := out[j+k]
				g := dy[j+k] * (1 - a*a)
				dz[j+k] = T(g)
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
			z[0], z[1], z[2], z[3] = T(g0), T(g1), T(g2), T(g3)
			s[0] += g0
			s[1] += g1
			s[2] += g2
			s[3] += g3
		}
	case LeakyReLU:
		for j := 0; j < n; j += 4 {
			for k := 0; k < 4; k++ {
				g := dy[j+k] * leakySlope(out[j+k])
				dz[j+k] = T(g)
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
		dz[j] = T(g)
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
