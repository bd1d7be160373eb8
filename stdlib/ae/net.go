package ae

import (
	"math"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

// net is a stack of encoder layers and the decoder layers that mirror them,
// with the loss terms to minimise. The whole model is one net; each stage
// of greedy pretraining is a net of one encoder layer and its mirror decoder
// layer sharing the model's parameters.
type net struct {
	enc []layer // input → code
	dec []layer // code → reconstruction
	// first is enc[0] when it is a dense layer: the layer whose Jacobian the
	// contractive term penalises (nil otherwise).
	first *nn.Dense

	params         []*nn.Param  // each trainable matrix once
	weights, wgrad []*mat.Dense // weight matrices (for weight decay) and their gradients

	loss        LossKind
	rho, beta   float64 // KL sparsity on the code (rho 0: off)
	l1          float64 // L1 activity on the code
	contractive float64 // on the first encoder layer
	wd          float64
	noise       Noise

	dr   scratch   // dLoss/dReconstruction
	kl   []float64 // scratch for ρ̂
	cscr []float64 // scratch for the contractive penalty
}

// newNet collects the parameters of the dense encoder layers enc and the
// decoder layers dec.
func newNet(enc []*nn.Dense, dec []layer) *net {
	ls := make([]layer, len(enc))
	for i, l := range enc {
		ls[i] = l
	}
	return newNetOf(ls, dec)
}

// newNetOf builds a net of any layers. Every parameter not named "B" (the
// weight matrices, or convolution kernels) takes part in weight decay.
func newNetOf(enc, dec []layer) *net {
	n := &net{enc: enc, dec: dec}
	for _, l := range append(append([]layer(nil), enc...), dec...) {
		for _, p := range l.Params() {
			n.params = append(n.params, p)
			if p.Name != "B" {
				n.weights = append(n.weights, p.Value)
				n.wgrad = append(n.wgrad, p.Grad)
			}
		}
	}
	n.kl = make([]float64, enc[len(enc)-1].OutSize())
	if d, ok := enc[0].(*nn.Dense); ok {
		n.first = d
		n.cscr = make([]float64, 2*d.OutSize())
	}
	return n
}

// code returns the output of the last encoder layer after a forward pass.
func (n *net) code() *mat.Dense { return n.enc[len(n.enc)-1].Out() }

// encode runs the encoder on x and returns the layer-owned code.
func (n *net) encode(x *mat.Dense) *mat.Dense {
	h := x
	for _, l := range n.enc {
		h = l.Forward(h)
	}
	return h
}

// decode runs the decoder on h and returns the layer-owned output.
func (n *net) decode(h *mat.Dense) *mat.Dense {
	for _, l := range n.dec {
		h = l.Forward(h)
	}
	return h
}

// objective runs a forward pass on xin and returns the loss terms against
// target (the clean input). With grad it first zeroes the gradients, then
// leaves the gradient of Total in every parameter's Grad.
func (n *net) objective(xin, target *mat.Dense, grad bool) Terms {
	r := n.decode(n.encode(xin))
	var t Terms
	var dr *mat.Dense
	if grad {
		nn.ZeroGrad(n.params)
		rows, cols := r.Dims()
		dr = n.dr.ensure(rows, cols)
	}
	// With the cross-entropy and a sigmoid dense output layer, the gradient
	// with respect to the output's pre-activation is simply (r−x)/m: the
	// loss comes from nn's table-driven BCE and the backward pass starts
	// at BackwardPre, skipping 1/(r(1−r))·σ' (faster, and exact where the
	// sigmoid saturates).
	out := n.sigmoidOut()
	if grad && n.loss == CrossEntropy && out != nil {
		t.Reconstruction = crossEntropyPre(r, target, dr)
	} else {
		t.Reconstruction = reconstruction(n.loss, r, target, dr)
		out = nil
	}
	if !grad {
		h := n.code()
		if n.rho > 0 {
			t.Sparsity = sparsity(h, n.rho, n.beta, nil, n.kl)
		}
		if n.l1 > 0 {
			t.L1 = L1Penalty(h, n.l1, nil)
		}
		if n.contractive > 0 {
			t.Contractive = n.contract(nil, false)
		}
		if n.wd > 0 {
			t.WeightDecay = WeightDecayPenalty(n.weights, n.wd, nil)
		}
		t.sum()
		return t
	}
	dy := dr
	i := len(n.dec) - 1
	if out != nil {
		dy = out.BackwardPre(dr)
		i--
	}
	for ; i >= 0; i-- {
		dy = n.dec[i].Backward(dy)
	}
	h := n.code()
	if n.rho > 0 {
		t.Sparsity = sparsity(h, n.rho, n.beta, dy, n.kl)
	}
	if n.l1 > 0 {
		t.L1 = L1Penalty(h, n.l1, dy)
	}
	for i := len(n.enc) - 1; i > 0; i-- {
		dy = n.enc[i].Backward(dy)
	}
	if n.contractive > 0 {
		t.Contractive = n.contract(dy, true)
	}
	n.enc[0].BackwardParams(dy)
	if n.wd > 0 {
		t.WeightDecay = WeightDecayPenalty(n.weights, n.wd, n.wgrad)
	}
	t.sum()
	return t
}

// contract returns the contractive penalty of the first encoder layer for
// the last forward pass, adding its gradients into dh and W's gradient when
// grad is set.
func (n *net) contract(dh *mat.Dense, grad bool) float64 {
	l := n.first
	if l == nil {
		panic(&ConfigError{Field: "Contractive", Msg: "the contractive penalty needs a dense first encoder layer"})
	}
	var dw *mat.Dense
	if grad {
		dw = l.Params()[0].Grad
	}
	return contractive(l.Act, l.Out(), l.W, n.contractive, dh, dw, n.cscr, l.InSize())
}

// bceEps bounds reconstructions inside the cross-entropy.
const bceEps = 1e-12

// reconstruction returns (1/m)·Σ_rows Σ_k ℓ(r, x) and, if dr is not nil,
// stores its gradient with respect to r in dr, in the same pass.
func reconstruction(kind LossKind, r, x, dr *mat.Dense) float64 {
	checkSame("reconstruction loss", r, x)
	m, _ := r.Dims()
	inv := 1 / float64(m)
	var s float64
	for i := 0; i < m; i++ {
		rr := r.RawRowView(i)
		xr := x.RawRowView(i)
		xr = xr[:len(rr)]
		var dd []float64
		if dr != nil {
			dd = dr.RawRowView(i)
			dd = dd[:len(rr)]
		}
		switch kind {
		case SquaredError:
			if dd != nil {
				s += squaredErrorRow(dd, rr, xr, 2*inv)
			} else {
				for j, v := range rr {
					d := v - xr[j]
					s += d * d
				}
			}
		case CrossEntropy:
			for j, v := range rr {
				v = math.Min(math.Max(v, bceEps), 1-bceEps)
				t := xr[j]
				s -= t*math.Log(v) + (1-t)*math.Log(1-v)
				if dd != nil {
					dd[j] = inv * (v - t) / (v * (1 - v))
				}
			}
		}
	}
	return s * inv
}

// sigmoidOut returns the last decoder layer if it is a dense layer with
// sigmoid units, nil otherwise.
func (n *net) sigmoidOut() *nn.Dense {
	if d, ok := n.dec[len(n.dec)-1].(*nn.Dense); ok && d.Act == nn.Sigmoid {
		return d
	}
	return nil
}

// crossEntropyPre returns the cross-entropy reconstruction term of the
// sigmoid output r against x, (1/m) Σ_rows Σ_k ℓ(r, x) computed by nn.BCE
// (which clamps r to [nn.BCEEps, 1−nn.BCEEps] as reconstruction does), and
// stores in dz its gradient with respect to the output pre-activation z,
// (r − x)/m, the exact derivative of the unclamped loss.
func crossEntropyPre(r, x, dz *mat.Dense) float64 {
	checkSame("reconstruction loss", r, x)
	m, cols := r.Dims()
	inv := 1 / float64(m)
	for i := 0; i < m; i++ {
		rr := r.RawRowView(i)
		xr := x.RawRowView(i)[:len(rr)]
		dd := dz.RawRowView(i)[:len(rr)]
		for j, v := range rr {
			dd[j] = inv * (v - xr[j])
		}
	}
	return nn.BCE(r, x) * float64(cols)
}

// squaredErrorRow returns Σ_j (r_j − x_j)² and stores g·(r_j − x_j) in
// d[j], four elements at a time with four accumulators so that the
// additions overlap (and bounds checks drop out).
func squaredErrorRow(d, r, x []float64, g float64) float64 {
	x = x[:len(r)]
	d = d[:len(r)]
	var s0, s1, s2, s3 float64
	j := 0
	for ; j+4 <= len(r); j += 4 {
		rr, xx, dd := r[j:j+4:j+4], x[j:j+4:j+4], d[j:j+4:j+4]
		e0, e1, e2, e3 := rr[0]-xx[0], rr[1]-xx[1], rr[2]-xx[2], rr[3]-xx[3]
		s0 += e0 * e0
		s1 += e1 * e1
		s2 += e2 * e2
		s3 += e3 * e3
		dd[0], dd[1], dd[2], dd[3] = g*e0, g*e1, g*e2, g*e3
	}
	for ; j < len(r); j++ {
		e := r[j] - x[j]
		s0 += e * e
		d[j] = g * e
	}
	return (s0 + s1) + (s2 + s3)
}

// parameters and corruption let train drive the net (see learner).
func (n *net) parameters() []*nn.Param { return n.params }
func (n *net) corruption() Noise       { return n.noise }
