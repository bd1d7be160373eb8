package ae

import (
	"fmt"
	"math"
	"strings"

	"github.com/gokernel/gokernel/stdlib/nn"
)

// ConvDecoder says how a convolutional autoencoder's decoder enlarges the
// code back to the input size.
type ConvDecoder int

// The decoders of NewConv.
const (
	// TransposedConv undoes each pooling level with one transposed
	// convolution of stride Pool (kernel Kernel, padding and output padding
	// chosen so the size is multiplied by Pool exactly).
	TransposedConv ConvDecoder = iota
	// UpsampleConv undoes each pooling level with a nearest-neighbour
	// Upsample by Pool followed by a "same" convolution.
	UpsampleConv
)

// String returns "transposed conv" or "upsample+conv".
func (d ConvDecoder) String() string {
	switch d {
	case TransposedConv:
		return "transposed conv"
	case UpsampleConv:
		return "upsample+conv"
	}
	return fmt.Sprintf("ConvDecoder(%d)", int(d))
}

// ConvConfig describes a convolutional autoencoder. Only Filters is
// required; the zero values of the sizes describe MNIST.
//
// The encoder has one level per entry of Filters: a "same" Conv2D (kernel
// Kernel, stride 1, padding Kernel/2, activation Hidden) to Filters[i]
// channels, then a MaxPool2D of size and stride Pool (left out when Pool
// is 1). The code is the output of the last level: Filters[L−1] channels
// of Height/Pool^L × Width/Pool^L. The decoder mirrors the levels back to
// Channels×Height×Width; its last layer has activation Output, the others
// Hidden. For example Filters {16, 8} on 1×28×28 gives
//
//	1×28×28 → Conv 16 3×3 ReLU → pool 2 → Conv 8 3×3 ReLU → pool 2 = code 8×7×7
//	→ ConvT 16 3×3 stride 2 ReLU (14×14) → ConvT 1 3×3 stride 2 Sigmoid (28×28).
type ConvConfig struct {
	// Channels, Height and Width give the shape of one input sample, whose
	// row holds the channels one after another, each row by row. Zero
	// values mean 1, 28 and 28 (MNIST). Height and Width must be multiples
	// of Pool^len(Filters).
	Channels, Height, Width int
	// Filters lists the channels of the encoder levels, at least one, such
	// as {16, 8}.
	Filters []int
	// Kernel is the odd size of every convolution kernel (default 3).
	Kernel int
	// Pool is the size and stride of the max pooling of every level and the
	// factor by which every decoder level enlarges (default 2; 1 means no
	// pooling).
	Pool int
	// Decoder chooses transposed convolutions (the zero value) or
	// upsampling followed by convolutions.
	Decoder ConvDecoder
	// Hidden is the activation of every layer but the last (the zero value
	// is nn.Identity: linear; nn.ReLU is the usual choice).
	Hidden nn.Activation
	// Output is the activation of the last decoder layer, such as
	// nn.Sigmoid for pixels in [0, 1].
	Output nn.Activation
	// Loss is the reconstruction loss; CrossEntropy needs Output nn.Sigmoid.
	Loss LossKind
	// Noise corrupts the input of every training batch afresh (denoising
	// convolutional AE); the loss is against the clean input.
	Noise Noise
	// WeightDecay is λ_wd in (λ_wd/2)·Σ‖W‖²_F over every kernel (biases
	// excluded).
	WeightDecay float64
	// Seed initialises the weights (He uniform for ReLU, Glorot otherwise)
	// and is the default seed of Fit.
	Seed int64
	// Sparsity is the target mean activation ρ of the code units (every
	// channel and position of the code), in (0, 1); 0 disables the KL
	// penalty β·Σ_u KL(ρ‖ρ̂_u). With Sparsity > 0 the last encoder
	// convolution has Sigmoid units whatever Hidden is, so that the code
	// (its max-pooled output) lies in (0, 1).
	Sparsity float64
	// SparsityWeight is β; 0 means DefaultSparsityWeight when Sparsity > 0.
	SparsityWeight float64
	// L1 is the weight λ₁ of the L1 activity penalty on the code units; 0
	// disables it.
	L1 float64
	// Contractive is the weight λ of ‖J(x)‖²_F, the squared Frobenius norm
	// of the Jacobian of the first encoder convolution (closed form, with
	// the image border's missing taps left out); 0 disables it.
	Contractive float64
	// Precision is the arithmetic of the im2col matrices and products of
	// the stride-1 convolutions: float32 by default (the zero value),
	// Float64 for gradient checks and float64 references. Transposed
	// convolutions, parameters, gradients and the element-wise passes are
	// float64 in both.
	Precision Precision
}

// withDefaults returns c with its zero sizes replaced by the defaults and a
// private copy of Filters.
func (c ConvConfig) withDefaults() ConvConfig {
	if c.Channels == 0 {
		c.Channels = 1
	}
	if c.Height == 0 {
		c.Height = 28
	}
	if c.Width == 0 {
		c.Width = 28
	}
	if c.Kernel == 0 {
		c.Kernel = 3
	}
	if c.Pool == 0 {
		c.Pool = 2
	}
	c.Filters = append([]int(nil), c.Filters...)
	return c
}

// validate returns a *ConfigError describing the first problem of a
// configuration with defaults applied.
func (c *ConvConfig) validate() error {
	if c.Channels < 0 || c.Height < 0 || c.Width < 0 {
		return &ConfigError{Field: "Channels, Height, Width", Msg: fmt.Sprintf("%d×%d×%d: sizes must be positive", c.Channels, c.Height, c.Width)}
	}
	if len(c.Filters) == 0 {
		return &ConfigError{Field: "Filters", Msg: "need at least one encoder level"}
	}
	for _, f := range c.Filters {
		if f <= 0 {
			return &ConfigError{Field: "Filters", Msg: fmt.Sprintf("%v: channel counts must be positive", c.Filters)}
		}
	}
	if c.Kernel < 0 || c.Kernel%2 == 0 {
		return &ConfigError{Field: "Kernel", Msg: fmt.Sprintf("%d: must be odd (a \"same\" convolution is centred)", c.Kernel)}
	}
	if c.Pool < 0 {
		return &ConfigError{Field: "Pool", Msg: fmt.Sprintf("%d: must be ≥ 1", c.Pool)}
	}
	h, w := c.Height, c.Width
	for range c.Filters {
		if h%c.Pool != 0 || w%c.Pool != 0 {
			return &ConfigError{Field: "Height, Width", Msg: fmt.Sprintf("%d×%d is not divisible by Pool^%d = %g", c.Height, c.Width, len(c.Filters), math.Pow(float64(c.Pool), float64(len(c.Filters))))}
		}
		h, w = h/c.Pool, w/c.Pool
	}
	if c.Decoder != TransposedConv && c.Decoder != UpsampleConv {
		return &ConfigError{Field: "Decoder", Msg: fmt.Sprintf("unknown decoder %d", int(c.Decoder))}
	}
	if err := validateUnits(c.Hidden, c.Output, c.Loss); err != nil {
		return err
	}
	if err := c.Precision.validate(); err != nil {
		return err
	}
	return c.penalties().validate()
}

// codeAct returns the activation of the last encoder convolution.
func (c *ConvConfig) codeAct() nn.Activation {
	if c.Sparsity > 0 {
		return nn.Sigmoid
	}
	return c.Hidden
}

// codeShape returns the channels, height and width of the code.
func (c *ConvConfig) codeShape() (ch, h, w int) {
	h, w = c.Height, c.Width
	for range c.Filters {
		h, w = h/c.Pool, w/c.Pool
	}
	return c.Filters[len(c.Filters)-1], h, w
}

// String describes the architecture, for example "1×28×28 → conv 16-8
// 3×3 pool 2 → code 8×7×7 → transposed conv (ReLU/Sigmoid, squared error)".
func (c ConvConfig) String() string {
	c = c.withDefaults()
	var b strings.Builder
	fmt.Fprintf(&b, "%d×%d×%d → conv ", c.Channels, c.Height, c.Width)
	for i, f := range c.Filters {
		if i > 0 {
			b.WriteByte('-')
		}
		fmt.Fprint(&b, f)
	}
	fmt.Fprintf(&b, " %d×%d", c.Kernel, c.Kernel)
	if c.Pool > 1 {
		fmt.Fprintf(&b, " pool %d", c.Pool)
	}
	if len(c.Filters) > 0 {
		ch, h, w := c.codeShape()
		fmt.Fprintf(&b, " → code %d×%d×%d", ch, h, w)
	}
	fmt.Fprintf(&b, " → %v (%v", c.Decoder, c.Hidden)
	if ca := c.codeAct(); ca != c.Hidden {
		fmt.Fprintf(&b, ", code %v", ca)
	}
	fmt.Fprintf(&b, "/%v, %v)", c.Output, c.Loss)
	c.penalties().describe(&b)
	fmt.Fprintf(&b, ", %v products", c.Precision)
	return b.String()
}
