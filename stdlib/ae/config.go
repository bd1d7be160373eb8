package ae

import (
	"fmt"
	"strings"

	"github.com/gokernel/gokernel/stdlib/nn"
)

// LossKind is the reconstruction loss of an autoencoder.
type LossKind int

// The reconstruction losses. Both are summed over the features of a row and
// averaged over the rows.
const (
	// SquaredError is Σ_k (r_k − x_k)²: the Hinton & Salakhutdinov (2006) unit.
	SquaredError LossKind = iota
	// CrossEntropy is −Σ_k [x_k log r_k + (1−x_k) log(1−r_k)], for inputs in
	// [0, 1] and a Sigmoid output; r is clamped to [1e-12, 1−1e-12]. Its
	// minimum for non-binary x is the entropy of x, not 0.
	CrossEntropy
)

// String returns "squared error" or "cross-entropy".
func (l LossKind) String() string {
	switch l {
	case SquaredError:
		return "squared error"
	case CrossEntropy:
		return "cross-entropy"
	}
	return fmt.Sprintf("LossKind(%d)", int(l))
}

// DefaultSparsityWeight is β when Config.Sparsity is set and
// Config.SparsityWeight is 0 (the UFLDL exercise's value).
const DefaultSparsityWeight = 3

// Config describes an autoencoder. Only Sizes is required.
type Config struct {
	// Sizes are the encoder widths from the input to the code, at least
	// two: {784, 32} is a shallow AE, {784, 128, 32} a deep one whose
	// decoder mirrors the encoder (784-128-32-128-784).
	Sizes []int
	// Hidden is the activation of every hidden layer (encoder layers and all
	// decoder layers but the last). The zero value is nn.Identity: linear.
	Hidden nn.Activation
	// Output is the activation of the last decoder layer, such as
	// nn.Sigmoid for pixels in [0, 1] or nn.Identity for real data.
	Output nn.Activation
	// LinearCode makes the code units linear (Hinton & Salakhutdinov 2006),
	// whatever Hidden is. It cannot be combined with Sparsity.
	LinearCode bool
	// Loss is the reconstruction loss; CrossEntropy needs Output nn.Sigmoid.
	Loss LossKind
	// Tied makes every decoder layer use the transpose of its mirror encoder
	// layer's weights (shared storage and gradient); decoder biases stay
	// separate.
	Tied bool
	// Seed initialises the weights (nn.NewDense: He for ReLU, Glorot
	// otherwise) and is the default seed of Fit.
	Seed int64

	// Sparsity is the target mean activation ρ of the code units, in (0, 1);
	// 0 disables the KL penalty. The KL divergence is defined for units in
	// (0, 1), so with Sparsity > 0 the code layer uses Sigmoid units
	// whatever Hidden is (String shows it).
	Sparsity float64
	// SparsityWeight is β, the weight of Σ_j KL(ρ‖ρ̂_j); 0 means
	// DefaultSparsityWeight when Sparsity > 0.
	SparsityWeight float64
	// L1 is the weight λ₁ of the L1 activity penalty on the code units
	// (any activation); 0 disables it.
	L1 float64
	// Noise corrupts the input of every training batch afresh (denoising
	// AE); the loss is against the clean input. Zero value: no corruption.
	Noise Noise
	// Contractive is the weight λ of ‖J(x)‖²_F, the squared Frobenius norm
	// of the Jacobian of the FIRST encoder layer (closed form; for a shallow
	// AE that is the whole encoder, as in Rifai et al. 2011; Pretrain makes
	// every layer contractive in turn). 0 disables it.
	Contractive float64
	// WeightDecay is λ_wd in (λ_wd/2)·Σ‖W‖²_F (biases excluded).
	WeightDecay float64

	// Precision is the arithmetic of the matrix products: float32 by
	// default (the zero value), Float64 for gradient checks and float64
	// references. Parameters, gradients and the element-wise passes are
	// float64 in both.
	Precision Precision
}

// codeAct returns the activation of the code layer.
func (c *Config) codeAct() nn.Activation {
	switch {
	case c.LinearCode:
		return nn.Identity
	case c.Sparsity > 0:
		return nn.Sigmoid
	}
	return c.Hidden
}

// beta returns the effective sparsity weight.
func (c *Config) beta() float64 { return sparsityWeight(c.Sparsity, c.SparsityWeight) }

// sparsityWeight returns β for the target rho and the configured weight w:
// DefaultSparsityWeight when the penalty is on and w is 0.
func sparsityWeight(rho, w float64) float64 {
	if rho > 0 && w == 0 {
		return DefaultSparsityWeight
	}
	return w
}

// validate returns a *ConfigError describing the first problem found.
func (c *Config) validate() error {
	if len(c.Sizes) < 2 {
		return &ConfigError{Field: "Sizes", Msg: fmt.Sprintf("%v: need at least an input and a code width", c.Sizes)}
	}
	for _, s := range c.Sizes {
		if s <= 0 {
			return &ConfigError{Field: "Sizes", Msg: fmt.Sprintf("%v: widths must be positive", c.Sizes)}
		}
	}
	if err := validateUnits(c.Hidden, c.Output, c.Loss); err != nil {
		return err
	}
	if c.Sparsity > 0 && c.LinearCode {
		return &ConfigError{Field: "Sparsity", Msg: "the KL penalty needs sigmoid code units, not LinearCode (use L1)"}
	}
	if err := c.Precision.validate(); err != nil {
		return err
	}
	return c.penalties().validate()
}

// String describes the architecture, the regularisers and the precision,
// for example "784-128-32-128-784 (ReLU, code Sigmoid/Sigmoid, squared
// error), sparse ρ=0.05 β=3, denoising Gaussian σ=0.3, untied, float32
// products".
func (c Config) String() string {
	var b strings.Builder
	n := len(c.Sizes)
	for i, s := range c.Sizes {
		if i > 0 {
			b.WriteByte('-')
		}
		fmt.Fprint(&b, s)
	}
	for i := n - 2; i >= 0; i-- {
		fmt.Fprintf(&b, "-%d", c.Sizes[i])
	}
	fmt.Fprintf(&b, " (%v", c.Hidden)
	if ca := c.codeAct(); ca != c.Hidden {
		fmt.Fprintf(&b, ", code %v", ca)
	}
	fmt.Fprintf(&b, "/%v, %v)", c.Output, c.Loss)
	c.penalties().describe(&b)
	if c.Tied {
		b.WriteString(", tied")
	} else {
		b.WriteString(", untied")
	}
	fmt.Fprintf(&b, ", %v products", c.Precision)
	return b.String()
}

// validateUnits checks the activations and the loss that the dense and the
// convolutional configs share.
func validateUnits(hidden, output nn.Activation, loss LossKind) error {
	for _, a := range []struct {
		name string
		act  nn.Activation
	}{{"Hidden", hidden}, {"Output", output}} {
		if a.act < nn.Identity || a.act > nn.LeakyReLU {
			return &ConfigError{Field: a.name, Msg: fmt.Sprintf("unknown activation %d", int(a.act))}
		}
	}
	switch loss {
	case SquaredError:
	case CrossEntropy:
		if output != nn.Sigmoid {
			return &ConfigError{Field: "Loss", Msg: "cross-entropy needs Output: nn.Sigmoid"}
		}
	default:
		return &ConfigError{Field: "Loss", Msg: fmt.Sprintf("unknown loss %d", int(loss))}
	}
	return nil
}
