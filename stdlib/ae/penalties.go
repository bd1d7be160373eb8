package ae

import (
	"fmt"
	"math"
	"strings"
)

// penalties are the regularisers that the dense and the convolutional
// configurations share, for their common checks and descriptions.
type penalties struct {
	rho, beta, l1, contractive, wd float64 // beta as configured (0: default)
	noise                          Noise
}

func (c *Config) penalties() penalties {
	return penalties{c.Sparsity, c.SparsityWeight, c.L1, c.Contractive, c.WeightDecay, c.Noise}
}

func (c *ConvConfig) penalties() penalties {
	return penalties{c.Sparsity, c.SparsityWeight, c.L1, c.Contractive, c.WeightDecay, c.Noise}
}

// validate returns a *ConfigError for a target ρ outside [0, 1), a weight
// that is negative or not finite, or a bad noise.
func (p penalties) validate() error {
	if !(p.rho >= 0 && p.rho < 1) {
		return &ConfigError{Field: "Sparsity", Msg: fmt.Sprintf("ρ=%g must be in (0, 1), or 0 to disable", p.rho)}
	}
	for _, w := range []struct {
		name string
		v    float64
	}{{"SparsityWeight", p.beta}, {"L1", p.l1}, {"Contractive", p.contractive}, {"WeightDecay", p.wd}} {
		if !(w.v >= 0) || math.IsInf(w.v, 0) {
			return &ConfigError{Field: w.name, Msg: fmt.Sprintf("%g must be finite and ≥ 0", w.v)}
		}
	}
	return p.noise.validate()
}

// describe appends the active penalties to b, such as ", sparse ρ=0.05
// β=3, denoising masking ν=0.2".
func (p penalties) describe(b *strings.Builder) {
	if p.rho > 0 {
		fmt.Fprintf(b, ", sparse ρ=%g β=%g", p.rho, sparsityWeight(p.rho, p.beta))
	}
	if p.l1 > 0 {
		fmt.Fprintf(b, ", L1 activity λ₁=%g", p.l1)
	}
	if p.noise.Active() {
		fmt.Fprintf(b, ", denoising %v", p.noise)
	}
	if p.contractive > 0 {
		fmt.Fprintf(b, ", contractive λ=%g", p.contractive)
	}
	if p.wd > 0 {
		fmt.Fprintf(b, ", weight decay %g", p.wd)
	}
}
