package ae

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// NoiseKind says how a denoising autoencoder corrupts its input.
type NoiseKind int

// The corruption processes (Vincent et al. 2008, 2010).
const (
	NoNoise         NoiseKind = iota // the input is used as it is
	GaussianNoise                    // x̃ = x + N(0, σ²) independently per component
	MaskingNoise                     // each component set to 0 with probability ν
	SaltPepperNoise                  // each component, with probability ν, set to Low or High by a fair coin
)

// Noise is a corruption process q(x̃|x). The zero value is no corruption.
// Build one with Gaussian, Masking or SaltAndPepper.
type Noise struct {
	// Kind is the process.
	Kind NoiseKind
	// Level is σ for GaussianNoise and the fraction ν for the others.
	Level float64
	// Low and High are the values salt-and-pepper noise writes; both zero
	// means 0 and 1 (pixels in [0, 1]).
	Low, High float64
}

// Gaussian returns additive isotropic Gaussian noise with standard
// deviation sigma. The result is not clipped.
func Gaussian(sigma float64) Noise { return Noise{Kind: GaussianNoise, Level: sigma} }

// Masking returns masking noise: each component is independently set to 0
// with probability fraction (the Bernoulli mask of the Deep Learning
// Tutorials; the number of zeroed components per row is Binomial(d, ν)).
func Masking(fraction float64) Noise { return Noise{Kind: MaskingNoise, Level: fraction} }

// SaltAndPepper returns salt-and-pepper noise: each component is, with
// probability fraction, set to 0 or 1 by a fair coin flip.
func SaltAndPepper(fraction float64) Noise {
	return Noise{Kind: SaltPepperNoise, Level: fraction}
}

// String describes the noise, for example "Gaussian σ=0.3".
func (n Noise) String() string {
	switch n.Kind {
	case NoNoise:
		return "none"
	case GaussianNoise:
		return fmt.Sprintf("Gaussian σ=%g", n.Level)
	case MaskingNoise:
		return fmt.Sprintf("masking ν=%g", n.Level)
	case SaltPepperNoise:
		lo, hi := n.values()
		return fmt.Sprintf("salt-and-pepper ν=%g {%g,%g}", n.Level, lo, hi)
	}
	return fmt.Sprintf("NoiseKind(%d)", int(n.Kind))
}

func (n Noise) values() (lo, hi float64) {
	if n.Low == 0 && n.High == 0 {
		return 0, 1
	}
	return n.Low, n.High
}

// validate returns a *ConfigError if the noise is not well formed.
func (n Noise) validate() error {
	switch n.Kind {
	case NoNoise:
		return nil
	case GaussianNoise:
		if !(n.Level >= 0) || math.IsInf(n.Level, 0) {
			return &ConfigError{Field: "Noise", Msg: fmt.Sprintf("Gaussian σ=%g must be finite and ≥ 0", n.Level)}
		}
		return nil
	case MaskingNoise, SaltPepperNoise:
		if !(n.Level >= 0 && n.Level <= 1) {
			return &ConfigError{Field: "Noise", Msg: fmt.Sprintf("%v: fraction must be in [0, 1]", n)}
		}
		return nil
	}
	return &ConfigError{Field: "Noise", Msg: fmt.Sprintf("unknown kind %d", int(n.Kind))}
}

// Active reports whether n corrupts anything.
func (n Noise) Active() bool { return n.Kind != NoNoise && n.Level > 0 }

// Corrupt stores a corrupted copy of x in dst and returns dst. If dst is nil
// a new matrix is allocated; dst may be x itself. Random draws come from rng
// only. The probabilities of masking and salt-and-pepper noise are resolved
// to 2⁻³² (one 32-bit draw per component). It panics with a *ConfigError for
// an invalid Noise and a *ShapeError if dst and x differ in shape.
func (n Noise) Corrupt(dst, x *mat.Dense, rng *rand.Rand) *mat.Dense {
	if err := n.validate(); err != nil {
		panic(err)
	}
	r, c := x.Dims()
	if dst == nil {
		dst = mat.NewDense(r, c, nil)
	} else {
		checkSame("Noise.Corrupt", x, dst)
	}
	for i := 0; i < r; i++ {
		n.corruptRow(dst.RawRowView(i), x.RawRowView(i), rng)
	}
	return dst
}

// corruptRow writes the corruption of src into dst (same length).
func (n Noise) corruptRow(dst, src []float64, rng *rand.Rand) {
	dst = dst[:len(src)]
	if !n.Active() {
		copy(dst, src)
		return
	}
	// threshold: a uniform 32-bit draw below it means "corrupt".
	threshold := uint64(math.Round(n.Level * (1 << 32)))
	switch n.Kind {
	case GaussianNoise:
		s := n.Level
		for j, v := range src {
			dst[j] = v + s*rng.NormFloat64()
		}
	case MaskingNoise:
		// Branch-free: keepMask is all ones to keep a component, 0 to zero it.
		j := 0
		for ; j+1 < len(src); j += 2 {
			u := rng.Uint64()
			dst[j] = math.Float64frombits(math.Float64bits(src[j]) & keepMask(u&0xffffffff, threshold))
			dst[j+1] = math.Float64frombits(math.Float64bits(src[j+1]) & keepMask(u>>32, threshold))
		}
		if j < len(src) {
			dst[j] = math.Float64frombits(math.Float64bits(src[j]) & keepMask(rng.Uint64()>>32, threshold))
		}
	case SaltPepperNoise:
		lo, hi := n.values()
		lob, hib := math.Float64bits(lo), math.Float64bits(hi)
		for j, v := range src {
			u := rng.Uint64()
			keep := keepMask(u&0xffffffff, threshold)
			coin := -(u >> 63) // all ones for High
			noise := lob&^coin | hib&coin
			dst[j] = math.Float64frombits(math.Float64bits(v)&keep | noise&^keep)
		}
	}
}

// keepMask returns all ones when the 32-bit draw u is at or above
// threshold (keep the component) and 0 below it (corrupt it), without a
// branch: for u < 2³² and threshold ≤ 2³², threshold−1−u wraps around to a
// number with its top bit set exactly when u ≥ threshold.
func keepMask(u, threshold uint64) uint64 {
	return -((threshold - 1 - u) >> 63)
}
