package ae

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

// The training pass of the convolutional autoencoder. A batch goes through
// the network microRows rows at a time, so that the activations of a few
// images stay in the caches between the layers, where those of a whole batch
// would stream through memory (16×28×28 float64 values are 100 KB per
// image). With P > 1 processors the batch is cut in P parts (at most
// maxParts): the first runs on the model's network on the calling
// goroutine, the others on replicas ("twins") on goroutines of their own;
// a twin shares the parameter matrices but has its own gradients, added
// into the model's at the end. The layers then run serially (nn's Serial),
// one goroutine per part, with one hand-off per batch instead of two per
// layer and micro-batch.

// microRows is the number of rows objective runs through the network at a
// time.
var microRows = 4

// convNet is one copy of the layers of a convolutional autoencoder.
type convNet struct {
	enc, dec []nn.Layer
	params   []*nn.Param
	dr       scratch // dLoss/dReconstruction
	serial   bool    // the layers' Serial flags, as last set
}

// encode runs the encoder on x and returns the layer-owned code.
func (n *convNet) encode(x *mat.Dense) *mat.Dense {
	for _, l := range n.enc {
		x = l.Forward(x)
	}
	return x
}

// decode runs the decoder on h and returns the layer-owned output.
func (n *convNet) decode(h *mat.Dense) *mat.Dense {
	for _, l := range n.dec {
		h = l.Forward(h)
	}
	return h
}

// setSerial sets the Serial flag of every layer that has one.
func (n *convNet) setSerial(on bool) {
	if n.serial == on {
		return
	}
	n.serial = on
	for _, l := range append(n.enc[:len(n.enc):len(n.enc)], n.dec...) {
		switch l := l.(type) {
		case *nn.Conv2D:
			l.Serial = on
		case *nn.ConvTranspose2D:
			l.Serial = on
		case *nn.MaxPool2D:
			l.Serial = on
		}
	}
}

// pass runs rows [lo, hi) of the batch (xin, target) of `rows` rows through
// the network in micro-batches and returns their share of the
// reconstruction term (their per-row losses summed, divided by rows). With
// grad it ADDS the gradient of that share into the parameters' Grad.
func (n *convNet) pass(loss LossKind, xin, target *mat.Dense, lo, hi, rows int, grad bool) float64 {
	_, cols := xin.Dims()
	var rec float64
	for a := lo; a < hi; a += microRows {
		b := min(a+microRows, hi)
		in := xin.Slice(a, b, 0, cols).(*mat.Dense)
		tg := target.Slice(a, b, 0, cols).(*mat.Dense)
		r := n.decode(n.encode(in))
		var dr *mat.Dense
		if grad {
			dr = n.dr.ensure(b-a, cols)
		}
		share := float64(b-a) / float64(rows)
		rec += share * reconstruction(loss, r, tg, dr)
		if !grad {
			continue
		}
		dr.Scale(share, dr)
		dy := dr
		for i := len(n.dec) - 1; i >= 0; i-- {
			dy = n.dec[i].Backward(dy)
		}
		for i := len(n.enc) - 1; i > 0; i-- {
			dy = n.enc[i].Backward(dy)
		}
		n.enc[0].(nn.ParamBackwarder).BackwardParams(dy)
	}
	return rec
}

// cloneLayer returns a layer of the same kind and shape as l that uses l's
// parameter matrices (with gradients of its own).
func cloneLayer(l nn.Layer) nn.Layer {
	switch l := l.(type) {
	case *nn.Conv2D:
		c, h, w := l.InShape()
		k, s, p := l.Kernel()
		d := nn.NewConv2DFrom(c, h, w, k, s, p, l.W, l.B, l.Act)
		d.Float32 = l.Float32
		return d
	case *nn.MaxPool2D:
		c, h, w := l.InShape()
		size, stride := l.Window()
		return nn.NewMaxPool2D(c, h, w, size, stride)
	case *nn.ConvTranspose2D:
		_, h, w := l.InShape()
		c, _, _ := l.OutShape()
		k, s, p, op := l.Kernel()
		return nn.NewConvTranspose2DFrom(h, w, c, k, s, p, op, l.W, l.B, l.Act)
	case *nn.Upsample:
		c, h, w := l.InShape()
		return nn.NewUpsample(c, h, w, l.Factor())
	}
	panic(fmt.Sprintf("ae: cannot clone layer %v", l))
}

// newTwin returns a copy of n sharing its parameter matrices.
func newTwin(n *convNet) *convNet {
	t := &convNet{}
	for _, l := range n.enc {
		t.enc = append(t.enc, cloneLayer(l))
	}
	for _, l := range n.dec {
		t.dec = append(t.dec, cloneLayer(l))
	}
	for _, l := range append(t.enc[:len(t.enc):len(t.enc)], t.dec...) {
		t.params = append(t.params, l.Params()...)
	}
	return t
}

// maxParts bounds the number of goroutines (and network copies) a batch
// is divided among.
const maxParts = 8

// twinState is the hand-off of one part of a batch to a replica's
// goroutine.
type twinState struct {
	wg           *sync.WaitGroup
	runFn        func() // run, bound once
	net          *convNet
	loss         LossKind
	xin, target  *mat.Dense
	lo, hi, rows int
	grad         bool
	rec          float64 // the part's share of the reconstruction term
	panicked     any     // a panic of the part, re-raised by objective
}

// run is the replica goroutine's body.
func (s *twinState) run() {
	defer s.wg.Done()
	defer func() { s.panicked = recover() }()
	s.rec = s.net.pass(s.loss, s.xin, s.target, s.lo, s.hi, s.rows, s.grad)
}

// parts returns how many parts objective divides a batch of rows into:
// one per processor, at most maxParts, each of at least microRows rows.
func parts(rows int) int {
	return max(1, min(runtime.GOMAXPROCS(0), maxParts, rows/microRows))
}

// objective runs a forward pass on xin and returns the loss terms against
// target (the clean input). With grad it first zeroes the gradients, then
// leaves the gradient of Total in every parameter's Grad. Every term is a
// mean over rows of per-row terms (the weight decay aside), so the result
// is the whole batch's, to rounding, however the rows are divided.
func (m *ConvAutoencoder) objective(xin, target *mat.Dense, grad bool) Terms {
	checkSame("reconstruction loss", xin, target)
	rows, _ := xin.Dims()
	if grad {
		nn.ZeroGrad(m.net.params)
	}
	var t Terms
	if np := parts(rows); np == 1 {
		m.net.setSerial(false)
		t.Reconstruction = m.net.pass(m.cfg.Loss, xin, target, 0, rows, rows, grad)
	} else {
		t.Reconstruction = m.parallelPass(np, xin, target, grad)
	}
	if m.cfg.WeightDecay > 0 {
		var g []*mat.Dense
		if grad {
			g = m.wgrad
		}
		t.WeightDecay = WeightDecayPenalty(m.weights, m.cfg.WeightDecay, g)
	}
	t.sum()
	return t
}

// parallelPass divides the rows into np parts of whole micro-batches, runs
// the first on the model's network here and the others on replicas on their
// own goroutines, adds the replicas' gradients into the model's (with
// grad) and returns the reconstruction term.
func (m *ConvAutoencoder) parallelPass(np int, xin, target *mat.Dense, grad bool) float64 {
	rows, _ := xin.Dims()
	for len(m.twins) < np-1 {
		tw := newTwin(m.net)
		tw.setSerial(true)
		m.twins = append(m.twins, tw)
		s := &twinState{wg: &m.twWG}
		s.runFn = s.run
		m.tw = append(m.tw, s)
	}
	// Follow a Float32 change on the model's layers.
	for _, tw := range m.twins[:np-1] {
		for i, l := range m.net.enc {
			if c, ok := l.(*nn.Conv2D); ok {
				tw.enc[i].(*nn.Conv2D).Float32 = c.Float32
			}
		}
		for i, l := range m.net.dec {
			if c, ok := l.(*nn.Conv2D); ok {
				tw.dec[i].(*nn.Conv2D).Float32 = c.Float32
			}
		}
	}
	m.net.setSerial(true)
	// Part k holds micro-batches [k·per, (k+1)·per) (the last part the rest).
	micro := (rows + microRows - 1) / microRows
	per := (micro + np - 1) / np
	bound := func(k int) int { return min(k*per*microRows, rows) }
	for k := 1; k < np; k++ {
		s := m.tw[k-1]
		s.net, s.loss = m.twins[k-1], m.cfg.Loss
		s.xin, s.target, s.lo, s.hi, s.rows, s.grad = xin, target, bound(k), bound(k+1), rows, grad
		s.panicked, s.rec = nil, 0
		if grad {
			nn.ZeroGrad(s.net.params)
		}
		m.twWG.Add(1)
		go s.runFn()
	}
	rec := m.net.pass(m.cfg.Loss, xin, target, 0, bound(1), rows, grad)
	m.twWG.Wait()
	for k := 1; k < np; k++ {
		s := m.tw[k-1]
		s.xin, s.target = nil, nil
		if s.panicked != nil {
			panic(s.panicked)
		}
		rec += s.rec
		if !grad {
			continue
		}
		for i, p := range m.net.params {
			g := p.Grad.RawMatrix().Data
			for j, v := range s.net.params[i].Grad.RawMatrix().Data {
				g[j] += v
			}
		}
	}
	return rec
}
