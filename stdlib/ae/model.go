package ae

import (
	"fmt"
	"math/rand/v2"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

// evalRows is the chunk size of Encode, Decode, Reconstruct and Loss, which
// bounds their scratch memory whatever the size of the data set.
const evalRows = 256

// Autoencoder is an encoder stack and its mirrored decoder, with the loss
// terms of its Config. Build it with New.
type Autoencoder struct {
	cfg   Config
	net   *net
	dense []*nn.Dense // the encoder layers
}

// New returns an untrained autoencoder for cfg, its weights drawn from
// cfg.Seed. It panics with a *ConfigError if cfg is invalid.
func New(cfg Config) *Autoencoder {
	if err := cfg.validate(); err != nil {
		panic(err)
	}
	cfg.Sizes = append([]int(nil), cfg.Sizes...)
	rng := rand.New(rand.NewPCG(uint64(cfg.Seed), 0x61652d696e6974)) // "ae-init"
	L := len(cfg.Sizes) - 1
	enc := make([]*nn.Dense, L)
	for l := 0; l < L; l++ {
		act := cfg.Hidden
		if l == L-1 {
			act = cfg.codeAct()
		}
		enc[l] = nn.NewDense(cfg.Sizes[l], cfg.Sizes[l+1], act, rng)
		enc[l].Float32 = cfg.Precision.float32()
	}
	dec := make([]layer, L)
	for i := 0; i < L; i++ {
		l := L - 1 - i // mirror encoder layer
		act := cfg.Hidden
		if l == 0 {
			act = cfg.Output
		}
		if cfg.Tied {
			td := newTied(enc[l], act)
			td.float32 = cfg.Precision.float32()
			dec[i] = td
		} else {
			d := nn.NewDense(cfg.Sizes[l+1], cfg.Sizes[l], act, rng)
			d.Float32 = cfg.Precision.float32()
			dec[i] = d
		}
	}
	m := &Autoencoder{cfg: cfg, net: newNet(enc, dec), dense: enc}
	m.configure(m.net, 0)
	return m
}

// configure sets the loss terms of n, the whole model (stage 0 of a
// single-layer model) or pretraining stage `stage` of the encoder.
func (m *Autoencoder) configure(n *net, stage int) {
	c := &m.cfg
	last := stage == len(c.Sizes)-2 || len(n.enc) > 1
	n.loss = SquaredError
	if stage == 0 {
		n.loss = c.Loss
	}
	n.rho, n.beta, n.l1 = 0, 0, 0
	if last {
		n.rho, n.beta, n.l1 = c.Sparsity, c.beta(), c.L1
	}
	n.contractive = c.Contractive
	n.wd = c.WeightDecay
	n.noise = c.Noise
}

// Config returns a copy of the model's configuration.
func (m *Autoencoder) Config() Config {
	c := m.cfg
	c.Sizes = append([]int(nil), c.Sizes...)
	return c
}

// InputSize returns the width of the data, Sizes[0].
func (m *Autoencoder) InputSize() int { return m.cfg.Sizes[0] }

// CodeSize returns the width of the code, the last of Sizes.
func (m *Autoencoder) CodeSize() int { return m.cfg.Sizes[len(m.cfg.Sizes)-1] }

// Encoder returns the encoder layers, input first. Their W and B are the
// model's parameters (update in place only), e.g. to draw filters.
func (m *Autoencoder) Encoder() []*nn.Dense { return m.dense }

// Decoder returns the decoder layers, code first. With tied weights they are
// not *nn.Dense: their W is the transpose of the mirror encoder layer's.
func (m *Autoencoder) Decoder() []nn.Layer {
	out := make([]nn.Layer, len(m.net.dec))
	for i, l := range m.net.dec {
		out[i] = l
	}
	return out
}

// Params returns every trainable parameter once (a tied weight matrix
// appears only with its encoder layer), encoder first.
func (m *Autoencoder) Params() []*nn.Param { return m.net.params }

// NumParams returns the number of trainable scalars.
func (m *Autoencoder) NumParams() int { return nn.NumParams(m.net.params) }

// String describes the model, for example "Autoencoder 784-128-32-128-784
// (ReLU, code Sigmoid/Sigmoid, squared error), sparse ρ=0.05 β=3, untied".
func (m *Autoencoder) String() string {
	return fmt.Sprintf("Autoencoder %s, %d parameters", m.cfg.String(), m.NumParams())
}

// checkWidth panics with a *ShapeError unless x has want columns.
func checkWidth(op string, x *mat.Dense, want int) {
	if _, c := x.Dims(); c != want {
		panic(&ShapeError{Op: op, Got: c, Want: want})
	}
}

// chunks calls f on consecutive row blocks of at most evalRows rows of x,
// with the block's first row index.
func chunks(x *mat.Dense, f func(lo int, b *mat.Dense)) {
	r, c := x.Dims()
	for lo := 0; lo < r; lo += evalRows {
		hi := min(lo+evalRows, r)
		f(lo, x.Slice(lo, hi, 0, c).(*mat.Dense))
	}
}

// run applies step to x chunk by chunk and gathers its outputs into a new
// rows×width matrix.
func run(x *mat.Dense, width int, step func(b *mat.Dense) *mat.Dense) *mat.Dense {
	r, _ := x.Dims()
	out := mat.NewDense(r, width, nil)
	chunks(x, func(lo int, b *mat.Dense) {
		y := step(b)
		br, _ := b.Dims()
		out.Slice(lo, lo+br, 0, width).(*mat.Dense).Copy(y)
	})
	return out
}

// Encode returns the codes of the rows of x (n×CodeSize), a new matrix. It
// panics with a *ShapeError if x does not have InputSize columns.
func (m *Autoencoder) Encode(x *mat.Dense) *mat.Dense {
	checkWidth("Encode", x, m.InputSize())
	return run(x, m.CodeSize(), m.net.encode)
}

// Decode returns the reconstructions of the codes z (n×InputSize), a new
// matrix. It panics with a *ShapeError if z does not have CodeSize columns.
func (m *Autoencoder) Decode(z *mat.Dense) *mat.Dense {
	checkWidth("Decode", z, m.CodeSize())
	return run(z, m.InputSize(), m.net.decode)
}

// Reconstruct returns Decode(Encode(x)) without corruption, a new matrix.
func (m *Autoencoder) Reconstruct(x *mat.Dense) *mat.Dense {
	checkWidth("Reconstruct", x, m.InputSize())
	return run(x, m.InputSize(), func(b *mat.Dense) *mat.Dense { return m.net.decode(m.net.encode(b)) })
}

// ReconError returns the mean over the rows of x of the per-row sum of
// squared errors of Reconstruct(x): the Hinton & Salakhutdinov (2006) unit
// (PCA with 30 components scores 13.87 on MNIST test digits).
func (m *Autoencoder) ReconError(x *mat.Dense) float64 {
	checkWidth("ReconError", x, m.InputSize())
	return reconError(x, func(b *mat.Dense) *mat.Dense { return m.net.decode(m.net.encode(b)) })
}

// reconError returns the mean over the rows of x of the per-row sum of
// squared errors of recon, which reconstructs a chunk of rows.
func reconError(x *mat.Dense, recon func(b *mat.Dense) *mat.Dense) float64 {
	r, _ := x.Dims()
	var s float64
	chunks(x, func(_ int, b *mat.Dense) {
		br, _ := b.Dims()
		s += float64(br) * reconstruction(SquaredError, recon(b), b, nil)
	})
	return s / float64(r)
}

// Loss returns every term of the training loss on the clean rows of x,
// taking the whole of x as one batch (ρ̂ is the mean code activation over all
// rows), without corruption.
func (m *Autoencoder) Loss(x *mat.Dense) Terms {
	checkWidth("Loss", x, m.InputSize())
	return m.net.evaluate(x)
}

// evaluate is Loss for a net, in chunks.
func (n *net) evaluate(x *mat.Dense) Terms {
	rows, _ := x.Dims()
	var t Terms
	k := len(n.kl)
	colsum := make([]float64, k)
	chunks(x, func(_ int, b *mat.Dense) {
		br, _ := b.Dims()
		w := float64(br)
		t.Reconstruction += w * reconstruction(n.loss, n.decode(n.encode(b)), b, nil)
		h := n.code()
		if n.rho > 0 {
			for i := 0; i < br; i++ {
				for j, v := range h.RawRowView(i)[:k] {
					colsum[j] += v
				}
			}
		}
		if n.l1 > 0 {
			t.L1 += w * L1Penalty(h, n.l1, nil)
		}
		if n.contractive > 0 {
			t.Contractive += w * n.contract(nil, false)
		}
	})
	inv := 1 / float64(rows)
	t.Reconstruction *= inv
	t.L1 *= inv
	t.Contractive *= inv
	if n.rho > 0 {
		for _, s := range colsum {
			t.Sparsity += KL(n.rho, s*inv)
		}
		t.Sparsity *= n.beta
	}
	if n.wd > 0 {
		t.WeightDecay = WeightDecayPenalty(n.weights, n.wd, nil)
	}
	t.sum()
	return t
}

// JacobianNorms returns, for each row x of xs, ‖J(x)‖_F: the Frobenius norm
// of the Jacobian of the whole encoder (code with respect to input),
// computed exactly by the chain rule, J = D_L W_Lᵀ ⋯ D_1 W_1ᵀ with D_l the
// diagonal of activation slopes. It costs about Σ_l k_l·k_{l−1}·d per row.
func (m *Autoencoder) JacobianNorms(xs *mat.Dense) []float64 {
	checkWidth("JacobianNorms", xs, m.InputSize())
	rows, d := xs.Dims()
	out := make([]float64, rows)
	enc := m.dense
	chunks(xs, func(lo int, b *mat.Dense) {
		m.net.encode(b)
		br, _ := b.Dims()
		for s := 0; s < br; s++ {
			// J starts as the identity d×d, represented as Wᵀ products.
			var j *mat.Dense
			for li, l := range enc {
				h := l.Out().RawRowView(s)
				k := len(h)
				next := mat.NewDense(k, d, nil)
				if li == 0 {
					next.CloneFrom(l.W.T())
				} else {
					next.Mul(l.W.T(), j)
				}
				for u := 0; u < k; u++ {
					row := next.RawRowView(u)
					sl := slopeOut(l.Act, h[u])
					for v := range row {
						row[v] *= sl
					}
				}
				j = next
			}
			out[lo+s] = mat.Norm(j, 2)
		}
	})
	return out
}
