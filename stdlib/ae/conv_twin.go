package ae

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

// The training pass of the convolutional autoencoder. A batch goes through
// the network microRows rows at a time, so that the activations of a few
// images stay in the caches between the layers, where those of a whole batch
// would stream through memory (16×28×28 float64 values are 100 KB per
// image). With P > 1 processors the micro-batches are shared among
// min(P, maxParts) goroutines: the calling one with the model's network,
// the others with replicas ("twins") that share the parameter matrices but
// have their own gradients and buffers. Each goroutine takes the next
// micro-batch as it finishes one, so a goroutine the machine runs slowly
// holds up nothing; every micro-batch leaves its gradient in a slot of its
// own, and the slots are summed in order, so the result is the same bit for
// bit whoever computed what. The layers run serially (nn's Serial): one
// hand-off per batch instead of two per layer and micro-batch.

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

// pass runs micro-batch j, rows [lo, hi) of the batch b, through the
// network and leaves in b's slots j its shares of the reconstruction term
// and of the L1 and contractive terms (per-row terms summed, divided by the
// batch's rows). With b.grad it ADDS the gradient of those shares, and of
// the KL term through b.klSlope, into the parameters' Grad.
func (n *convNet) pass(b *batchWork, j, lo, hi int) {
	_, cols := b.xin.Dims()
	in := b.xin.Slice(lo, hi, 0, cols).(*mat.Dense)
	tg := b.target.Slice(lo, hi, 0, cols).(*mat.Dense)
	code := n.encode(in)
	r := n.decode(code)
	var dr *mat.Dense
	if b.grad {
		dr = n.dr.ensure(hi-lo, cols)
	}
	share := float64(hi-lo) / float64(b.rows)
	b.rec[j] = share * reconstruction(b.loss, r, tg, dr)
	b.l1v[j], b.cv[j] = 0, 0
	var a2 []float64
	if b.cw > 0 && b.grad {
		a2 = b.a2[j*b.firstSize : (j+1)*b.firstSize]
		clear(a2)
	}
	contract := func(dh *mat.Dense) {
		if b.cw > 0 {
			first := n.enc[0].(*nn.Conv2D)
			b.cv[j] = contractRows(first.Act, first.Out(), b.tapS, b.cw/float64(b.rows), dh, a2)
		}
	}
	if !b.grad {
		if b.l1 > 0 {
			b.l1v[j] = L1Penalty(code, b.l1*share, nil)
		}
		contract(nil)
		return
	}
	dr.Scale(share, dr)
	dy := dr
	for i := len(n.dec) - 1; i >= 0; i-- {
		dy = n.dec[i].Backward(dy)
	}
	// dy is now dLoss/dcode: add the code's penalties.
	if b.klSlope != nil {
		for r := 0; r < hi-lo; r++ {
			row := dy.RawRowView(r)
			row = row[:len(b.klSlope)]
			for u, g := range b.klSlope {
				row[u] += g
			}
		}
	}
	if b.l1 > 0 {
		b.l1v[j] = L1Penalty(code, b.l1*share, dy)
	}
	for i := len(n.enc) - 1; i > 0; i-- {
		dy = n.enc[i].Backward(dy)
	}
	contract(dy)
	n.enc[0].(nn.ParamBackwarder).BackwardParams(dy)
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
		if l.Same() {
			return nn.NewMaxPool2DSame(c, h, w, size, stride)
		}
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

// batchWork is one batch being divided among the network copies: they take
// micro-batches in turn from next, and each micro-batch leaves its share of
// the loss and its gradient in a slot of its own. The slots are summed in
// micro-batch order, so the result does not depend on which copy computed
// which micro-batch, nor on how many copies there were.
type batchWork struct {
	loss        LossKind
	xin, target *mat.Dense
	rows, micro int // rows of the batch; micro-batches
	grad        bool
	next        atomic.Int64
	rec         []float64 // per micro-batch: share of the reconstruction term
	grads       []float64 // per micro-batch: the gradient, every parameter in turn
	size        int       // values of one gradient

	// The regularisers (conv_reg.go), set by objective.
	encodeOnly bool      // run the encoder alone and sum the codes, for ρ̂
	codeSize   int       // values of one code
	codeSums   []float64 // per micro-batch: the column sums of its codes
	klSlope    []float64 // per code unit: the KL term's derivative; nil for none
	l1, cw     float64   // λ₁ and the contractive λ; 0 for none
	tapS       []float64 // tapNorms of the first convolution
	firstSize  int       // values of the first convolution's output
	a2         []float64 // per micro-batch: Σ_rows act'² of the first convolution's units
	l1v, cv    []float64 // per micro-batch: shares of the L1 and contractive terms
}

// slots sizes the per-micro-batch slots of the regularisers.
func (b *batchWork) slots() {
	b.l1v = growTo(b.l1v, b.micro)
	b.cv = growTo(b.cv, b.micro)
	if b.encodeOnly {
		b.codeSums = growTo(b.codeSums, b.micro*b.codeSize)
	}
	if b.cw > 0 && b.grad {
		b.a2 = growTo(b.a2, b.micro*b.firstSize)
	}
}

// work runs micro-batches taken from b.next on n until there are none left.
func (b *batchWork) work(n *convNet) {
	for {
		j := int(b.next.Add(1) - 1)
		if j >= b.micro {
			return
		}
		lo, hi := j*microRows, min((j+1)*microRows, b.rows)
		if b.encodeOnly {
			_, cols := b.xin.Dims()
			sum := b.codeSums[j*b.codeSize : (j+1)*b.codeSize]
			clear(sum)
			addColumns(sum, n.encode(b.xin.Slice(lo, hi, 0, cols).(*mat.Dense)))
			continue
		}
		if b.grad {
			nn.ZeroGrad(n.params)
		}
		n.pass(b, j, lo, hi)
		if !b.grad {
			continue
		}
		slot := b.grads[j*b.size : (j+1)*b.size]
		for _, p := range n.params {
			d := p.Grad.RawMatrix().Data
			copy(slot, d)
			slot = slot[len(d):]
		}
	}
}

// twinState is the hand-off of a batch to a replica's goroutine.
type twinState struct {
	wg       *sync.WaitGroup
	runFn    func() // run, bound once
	net      *convNet
	batch    *batchWork
	panicked any // a panic of the goroutine, re-raised by objective
}

// run is the replica goroutine's body.
func (s *twinState) run() {
	defer s.wg.Done()
	defer func() { s.panicked = recover() }()
	s.batch.work(s.net)
}

// parts returns how many network copies objective divides a batch of rows
// among: one per processor, at most maxParts, at most one per micro-batch.
func parts(rows int) int {
	return max(1, min(runtime.GOMAXPROCS(0), maxParts, (rows+microRows-1)/microRows))
}

// objective runs a forward pass on xin and returns the loss terms against
// target (the clean input). With grad it leaves the gradient of Total in
// every parameter's Grad. Every term is a mean over rows of per-row terms
// (the weight decay aside), so the result is the whole batch's, to
// rounding; it is the same, bit for bit, whatever the number of
// processors.
func (m *ConvAutoencoder) objective(xin, target *mat.Dense, grad bool) Terms {
	checkSame("reconstruction loss", xin, target)
	rows, _ := xin.Dims()
	np := parts(rows)
	cfg, b := &m.cfg, &m.batch
	first := m.net.enc[0].(*nn.Conv2D)
	b.l1, b.cw, b.klSlope = cfg.L1, cfg.Contractive, nil
	b.codeSize, b.firstSize = m.CodeSize(), first.OutSize()
	if b.cw > 0 {
		b.tapS = growTo(b.tapS, b.firstSize)
		tapNorms(first, b.tapS)
	}
	var t Terms
	if cfg.Sparsity > 0 {
		// ρ̂ needs every code of the batch before any gradient.
		b.encodeOnly = true
		m.dividedPass(np, xin, target, false)
		b.encodeOnly = false
		sum := m.regSum(b.codeSums, b.codeSize)
		var slope []float64
		if grad {
			slope = growTo(m.klSlope, b.codeSize)
			m.klSlope = slope
		}
		t.Sparsity = klFromSums(sum, rows, cfg.Sparsity, sparsityWeight(cfg.Sparsity, cfg.SparsityWeight), slope)
		b.klSlope = slope
	}
	t.Reconstruction = m.dividedPass(np, xin, target, grad)
	for j := 0; j < b.micro; j++ {
		t.L1 += b.l1v[j]
		t.Contractive += b.cv[j]
	}
	if b.cw > 0 && grad {
		contractWeights(first, m.regSum(b.a2, b.firstSize), b.cw/float64(rows), first.Params()[0].Grad)
	}
	b.klSlope = nil
	if cfg.WeightDecay > 0 {
		var g []*mat.Dense
		if grad {
			g = m.wgrad
		}
		t.WeightDecay = WeightDecayPenalty(m.weights, cfg.WeightDecay, g)
	}
	t.sum()
	return t
}

// regSum returns the sum, in micro-batch order, of the batch's per
// micro-batch slots of n values each, in a scratch slice of the model.
func (m *ConvAutoencoder) regSum(slots []float64, n int) []float64 {
	m.sum = growTo(m.sum, n)
	clear(m.sum)
	for j := 0; j < m.batch.micro; j++ {
		for u, v := range slots[j*n : (j+1)*n] {
			m.sum[u] += v
		}
	}
	return m.sum
}

// growTo returns s resliced to n values, reallocated if it is too short.
func growTo(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// dividedPass runs the micro-batches of the rows on the model's network
// here and on np−1 replicas on goroutines of their own, sums their slots
// into the model's gradients (with grad) and returns the reconstruction
// term.
func (m *ConvAutoencoder) dividedPass(np int, xin, target *mat.Dense, grad bool) float64 {
	rows, _ := xin.Dims()
	for len(m.twins) < np-1 {
		tw := newTwin(m.net)
		tw.setSerial(true)
		m.twins = append(m.twins, tw)
		s := &twinState{wg: &m.twWG, net: tw}
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
	b := &m.batch
	b.loss, b.xin, b.target, b.rows, b.grad = m.cfg.Loss, xin, target, rows, grad
	b.micro = (rows + microRows - 1) / microRows
	b.next.Store(0)
	if cap(b.rec) < b.micro {
		b.rec = make([]float64, b.micro)
	}
	b.rec = b.rec[:b.micro]
	b.slots()
	if grad {
		b.size = nn.NumParams(m.net.params)
		if n := b.micro * b.size; cap(b.grads) < n {
			b.grads = make([]float64, n)
		}
		b.grads = b.grads[:b.micro*b.size]
	}
	for _, s := range m.tw[:np-1] {
		s.batch, s.panicked = b, nil
		m.twWG.Add(1)
		go s.runFn()
	}
	b.work(m.net)
	m.twWG.Wait()
	b.xin, b.target = nil, nil
	for _, s := range m.tw[:np-1] {
		if s.panicked != nil {
			panic(s.panicked)
		}
	}
	var rec float64
	for _, r := range b.rec {
		rec += r
	}
	if grad {
		nn.ZeroGrad(m.net.params)
		for j := 0; j < b.micro; j++ {
			slot := b.grads[j*b.size : (j+1)*b.size]
			for _, p := range m.net.params {
				d := p.Grad.RawMatrix().Data
				for k, v := range slot[:len(d)] {
					d[k] += v
				}
				slot = slot[len(d):]
			}
		}
	}
	return rec
}
