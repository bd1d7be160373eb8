package ae

import (
	"fmt"
	"math/rand/v2"
	"sync"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

// ConvAutoencoder is a convolutional autoencoder (see ConvConfig for its
// layers). Build it with NewConv; train it with Fit and use it with Encode,
// Decode, Reconstruct, Loss and ReconError, which behave as the
// Autoencoder methods of the same names.
type ConvAutoencoder struct {
	cfg ConvConfig
	net *convNet // the layers and parameters
	// twins share net's parameter matrices and have their own gradients
	// and buffers: objective runs parts of every batch on them, on other
	// goroutines (see conv_twin.go). They are built at the first need.
	twins []*convNet
	tw    []*twinState
	twWG  sync.WaitGroup
	batch batchWork // the batch being computed

	weights, wgrad []*mat.Dense // kernels (for weight decay) and their gradients
	klSlope, sum   []float64    // scratch of objective
}

// NewConv returns an untrained convolutional autoencoder for cfg, its
// weights drawn from cfg.Seed. It panics with a *ConfigError if cfg is
// invalid. For example
//
//	m := ae.NewConv(ae.ConvConfig{Filters: []int{16, 8}, Hidden: nn.ReLU, Output: nn.Sigmoid})
//	hist, err := m.Fit(train.X, ae.FitOptions{Epochs: 5})
func NewConv(cfg ConvConfig) *ConvAutoencoder {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		panic(err)
	}
	rng := rand.New(rand.NewPCG(uint64(cfg.Seed), 0x61652d636f6e76)) // "ae-conv"
	k, p, pad := cfg.Kernel, cfg.Pool, cfg.Kernel/2
	m := &ConvAutoencoder{cfg: cfg, net: &convNet{}}
	c, h, w := cfg.Channels, cfg.Height, cfg.Width
	for i, f := range cfg.Filters {
		act := cfg.Hidden
		if i == len(cfg.Filters)-1 {
			act = cfg.codeAct()
		}
		m.net.enc = append(m.net.enc, nn.NewConv2D(c, h, w, f, k, 1, pad, act, rng))
		c = f
		if p > 1 {
			m.net.enc = append(m.net.enc, nn.NewMaxPool2D(c, h, w, p, p))
			h, w = h/p, w/p
		}
	}
	// Transposed convolution by p: padding ⌈(k−p)/2⌉ and output padding
	// p−k+2·pad make the output exactly p times the input.
	tpad := max(0, (k-p+1)/2)
	tout := p - k + 2*tpad
	for i := len(cfg.Filters) - 1; i >= 0; i-- {
		to, act := cfg.Channels, cfg.Output
		if i > 0 {
			to, act = cfg.Filters[i-1], cfg.Hidden
		}
		switch {
		case cfg.Decoder == UpsampleConv || p == 1:
			if p > 1 {
				m.net.dec = append(m.net.dec, nn.NewUpsample(c, h, w, p))
				h, w = h*p, w*p
			}
			m.net.dec = append(m.net.dec, nn.NewConv2D(c, h, w, to, k, 1, pad, act, rng))
		default:
			m.net.dec = append(m.net.dec, nn.NewConvTranspose2D(c, h, w, to, k, p, tpad, tout, act, rng))
			h, w = h*p, w*p
		}
		c = to
	}
	for _, l := range append(append([]nn.Layer(nil), m.net.enc...), m.net.dec...) {
		if c, ok := l.(*nn.Conv2D); ok {
			c.Float32 = cfg.Precision.float32()
		}
		ps := l.Params()
		m.net.params = append(m.net.params, ps...)
		if len(ps) > 0 {
			m.weights = append(m.weights, ps[0].Value)
			m.wgrad = append(m.wgrad, ps[0].Grad)
		}
	}
	return m
}

// Config returns a copy of the model's configuration, with the default
// sizes filled in.
func (m *ConvAutoencoder) Config() ConvConfig { return m.cfg.withDefaults() }

// InputSize returns the width of a data row, Channels·Height·Width.
func (m *ConvAutoencoder) InputSize() int { return m.net.enc[0].InSize() }

// CodeSize returns the width of a code row, the product of CodeShape.
func (m *ConvAutoencoder) CodeSize() int { return m.net.enc[len(m.net.enc)-1].OutSize() }

// CodeShape returns the channels, height and width of the code.
func (m *ConvAutoencoder) CodeShape() (ch, h, w int) { return m.cfg.codeShape() }

// Encoder returns the encoder layers, input first: *nn.Conv2D and
// *nn.MaxPool2D. Their parameters are the model's (update in place only).
func (m *ConvAutoencoder) Encoder() []nn.Layer { return append([]nn.Layer(nil), m.net.enc...) }

// Decoder returns the decoder layers, code first: *nn.ConvTranspose2D, or
// *nn.Upsample and *nn.Conv2D.
func (m *ConvAutoencoder) Decoder() []nn.Layer { return append([]nn.Layer(nil), m.net.dec...) }

// Conv returns the convolution of encoder level i (0 is next to the
// input), whose W rows are the level's kernels, e.g. to draw the filters.
// It panics if i is out of range.
func (m *ConvAutoencoder) Conv(i int) *nn.Conv2D {
	if i < 0 || i >= len(m.cfg.Filters) {
		panic(&ConfigError{Field: "level", Msg: fmt.Sprintf("%d is not in [0, %d)", i, len(m.cfg.Filters))})
	}
	step := 1
	if m.cfg.Pool > 1 {
		step = 2
	}
	return m.net.enc[i*step].(*nn.Conv2D)
}

// Params returns every trainable parameter, encoder first.
func (m *ConvAutoencoder) Params() []*nn.Param { return m.net.params }

// NumParams returns the number of trainable scalars.
func (m *ConvAutoencoder) NumParams() int { return nn.NumParams(m.net.params) }

// String describes the model, for example "ConvAutoencoder 1×28×28 → conv
// 16-8 3×3 pool 2 → code 8×7×7 → transposed conv (ReLU/Sigmoid, squared
// error), 3217 parameters".
func (m *ConvAutoencoder) String() string {
	return fmt.Sprintf("ConvAutoencoder %v, %d parameters", m.cfg, m.NumParams())
}

// encode runs the encoder on x, its layers splitting the rows over two
// goroutines, and returns the layer-owned code.
func (m *ConvAutoencoder) encode(x *mat.Dense) *mat.Dense {
	m.net.setSerial(false)
	return m.net.encode(x)
}

// decode runs the decoder on h, its layers splitting the rows over two
// goroutines, and returns the layer-owned output.
func (m *ConvAutoencoder) decode(h *mat.Dense) *mat.Dense {
	m.net.setSerial(false)
	return m.net.decode(h)
}

// Encode returns the codes of the rows of x (n×CodeSize, each row a
// CodeShape image), a new matrix. It panics with a *ShapeError if x does
// not have InputSize columns.
func (m *ConvAutoencoder) Encode(x *mat.Dense) *mat.Dense {
	checkWidth("Encode", x, m.InputSize())
	return run(x, m.CodeSize(), m.encode)
}

// Decode returns the reconstructions of the codes z (n×InputSize), a new
// matrix. It panics with a *ShapeError if z does not have CodeSize columns.
func (m *ConvAutoencoder) Decode(z *mat.Dense) *mat.Dense {
	checkWidth("Decode", z, m.CodeSize())
	return run(z, m.InputSize(), m.decode)
}

// Reconstruct returns Decode(Encode(x)) without corruption, a new matrix.
func (m *ConvAutoencoder) Reconstruct(x *mat.Dense) *mat.Dense {
	checkWidth("Reconstruct", x, m.InputSize())
	return run(x, m.InputSize(), func(b *mat.Dense) *mat.Dense { return m.decode(m.encode(b)) })
}

// ReconError returns the mean over the rows of x of the per-row sum of
// squared errors of Reconstruct(x), the unit of Autoencoder.ReconError.
func (m *ConvAutoencoder) ReconError(x *mat.Dense) float64 {
	checkWidth("ReconError", x, m.InputSize())
	return reconError(x, func(b *mat.Dense) *mat.Dense { return m.decode(m.encode(b)) })
}

// Loss returns the terms of the training loss (reconstruction and weight
// decay) on the clean rows of x.
func (m *ConvAutoencoder) Loss(x *mat.Dense) Terms {
	checkWidth("Loss", x, m.InputSize())
	return m.evaluate(x)
}

// evaluate is Loss without the width check, in chunks.
func (m *ConvAutoencoder) evaluate(x *mat.Dense) Terms {
	rows, _ := x.Dims()
	cfg := &m.cfg
	first := m.net.enc[0].(*nn.Conv2D)
	var t Terms
	var codeSum, s []float64
	if cfg.Sparsity > 0 {
		codeSum = make([]float64, m.CodeSize())
	}
	if cfg.Contractive > 0 {
		s = make([]float64, first.OutSize())
		tapNorms(first, s)
	}
	chunks(x, func(_ int, b *mat.Dense) {
		br, _ := b.Dims()
		code := m.encode(b)
		if codeSum != nil {
			addColumns(codeSum, code)
		}
		if cfg.L1 > 0 {
			t.L1 += float64(br) * L1Penalty(code, cfg.L1, nil)
		}
		if s != nil {
			t.Contractive += contractRows(first.Act, first.Out(), s, cfg.Contractive, nil, nil)
		}
		t.Reconstruction += float64(br) * reconstruction(cfg.Loss, m.decode(code), b, nil)
	})
	t.Reconstruction /= float64(rows)
	t.L1 /= float64(rows)
	t.Contractive /= float64(rows)
	if codeSum != nil {
		t.Sparsity = klFromSums(codeSum, rows, cfg.Sparsity, sparsityWeight(cfg.Sparsity, cfg.SparsityWeight), nil)
	}
	if cfg.WeightDecay > 0 {
		t.WeightDecay = WeightDecayPenalty(m.weights, cfg.WeightDecay, nil)
	}
	t.sum()
	return t
}

// parameters and corruption let train drive the model (see learner).
func (m *ConvAutoencoder) parameters() []*nn.Param { return m.net.params }
func (m *ConvAutoencoder) corruption() Noise       { return m.cfg.Noise }
