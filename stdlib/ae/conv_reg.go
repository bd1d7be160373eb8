package ae

import (
	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

// The regularisers of the convolutional autoencoder, beyond weight decay:
//
//   - the KL sparsity penalty β·Σ_u KL(ρ‖ρ̂_u) and the L1 activity penalty
//     λ₁·(1/m)·Σ_rows Σ_u |h_u| on the code units u (every channel and
//     position of the code), as for the dense models;
//   - the contractive penalty λ·(1/m)·Σ_rows ‖J(x)‖²_F of the first
//     convolution h = act(conv(x)). Output unit (c, i, j) depends on the
//     in-image pixels of its window through channel c's kernel, so in
//     closed form
//
//	‖J‖²_F = Σ_{c,i,j} act'(z_cij)² · S_c(i, j),  S_c(i, j) = Σ_{in-image taps (ch, a, b)} W[c, ch, a, b]²,
//
//     where S_c is ‖W_c‖² inside the image and less along its border, where
//     the padding's taps see no pixel.
//
// The KL term needs ρ̂, the mean of each code unit over the whole batch,
// before any gradient: the objective first runs the encoder alone over the
// micro-batches (see batchWork.encodeOnly), then the full pass.

// tapNorms sets s[c·OH·OW + i·OW + j] to S_c(i, j) for the convolution l.
func tapNorms(l *nn.Conv2D, s []float64) {
	inC, h, w := l.InShape()
	outC, oh, ow := l.OutShape()
	k, st, p := l.Kernel()
	q := make([]float64, k*k) // Σ over input channels of W², per tap
	for c := 0; c < outC; c++ {
		clear(q)
		row := l.W.RawRowView(c)
		for ch := 0; ch < inC; ch++ {
			for t, v := range row[ch*k*k : (ch+1)*k*k] {
				q[t] += v * v
			}
		}
		for i := 0; i < oh; i++ {
			a0, a1 := tapRange(i, st, p, k, h)
			for j := 0; j < ow; j++ {
				b0, b1 := tapRange(j, st, p, k, w)
				var sum float64
				for a := a0; a < a1; a++ {
					for _, v := range q[a*k+b0 : a*k+b1] {
						sum += v
					}
				}
				s[(c*oh+i)*ow+j] = sum
			}
		}
	}
}

// tapRange returns the taps [t0, t1) of a window at output index i (stride
// st, padding p, size k) that fall inside an input axis of length n.
func tapRange(i, st, p, k, n int) (t0, t1 int) {
	y := i*st - p
	return max(0, -y), min(k, n-y)
}

// contractRows returns scale·Σ_rows Σ_u act'(z_u)²·s_u for the activations
// h of the first convolution and, when dh is not nil, ADDS the derivative
// with respect to h along the chain through z into dh: 2·scale·s_u times
// the second derivative of act at z_u, which the layer's Backward then
// multiplies by act'(z). When a2 is not nil it adds Σ_rows act'(z_u)² into
// a2[u], for contractWeights.
func contractRows(act nn.Activation, h *mat.Dense, s []float64, scale float64, dh *mat.Dense, a2 []float64) float64 {
	m, _ := h.Dims()
	var p float64
	for r := 0; r < m; r++ {
		hr := h.RawRowView(r)
		hr = hr[:len(s)]
		var dr []float64
		if dh != nil {
			dr = dh.RawRowView(r)
			dr = dr[:len(s)]
		}
		for u, v := range hr {
			d := slopeOut(act, v)
			d2 := d * d
			p += d2 * s[u]
			if a2 != nil {
				a2[u] += d2
			}
			if dr != nil {
				dr[u] += 2 * scale * curvatureOut(act, v) * s[u]
			}
		}
	}
	return scale * p
}

// contractWeights ADDS into dw the direct derivative of the contractive
// penalty with respect to the kernels W of l, given a2[u] = Σ_rows
// act'(z_u)² over the batch: 2·scale·W[c, ch, a, b]·Σ_{(i, j) whose window
// tap (a, b) is inside the image} a2[c, i, j].
func contractWeights(l *nn.Conv2D, a2 []float64, scale float64, dw *mat.Dense) {
	inC, h, w := l.InShape()
	outC, oh, ow := l.OutShape()
	k, st, p := l.Kernel()
	t := make([]float64, k*k)
	for c := 0; c < outC; c++ {
		clear(t)
		ac := a2[c*oh*ow : (c+1)*oh*ow]
		for i := 0; i < oh; i++ {
			a0, a1 := tapRange(i, st, p, k, h)
			for j := 0; j < ow; j++ {
				b0, b1 := tapRange(j, st, p, k, w)
				v := ac[i*ow+j]
				for a := a0; a < a1; a++ {
					for b := b0; b < b1; b++ {
						t[a*k+b] += v
					}
				}
			}
		}
		wr, gr := l.W.RawRowView(c), dw.RawRowView(c)
		for ch := 0; ch < inC; ch++ {
			for tp, tv := range t {
				x := ch*k*k + tp
				gr[x] += 2 * scale * tv * wr[x]
			}
		}
	}
}

// addColumns adds the column sums of h into sum.
func addColumns(sum []float64, h *mat.Dense) {
	m, _ := h.Dims()
	for r := 0; r < m; r++ {
		hr := h.RawRowView(r)
		hr = hr[:len(sum)]
		for u, v := range hr {
			sum[u] += v
		}
	}
}

// klFromSums returns β·Σ_u KL(ρ‖ρ̂_u) with ρ̂ = sum/m and, when slope is not
// nil, sets slope[u] to the derivative of that penalty with respect to each
// code value of a row, β·KLSlope(ρ, ρ̂_u)/m.
func klFromSums(sum []float64, m int, rho, beta float64, slope []float64) float64 {
	var p float64
	for u, s := range sum {
		r := s / float64(m)
		p += KL(rho, r)
		if slope != nil {
			slope[u] = beta * KLSlope(rho, r) / float64(m)
		}
	}
	return beta * p
}
