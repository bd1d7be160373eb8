package ae

import (
	"math"

	"github.com/gokernel/gokernel/stdlib/nn"
	"gonum.org/v1/gonum/mat"
)

// KL returns the Kullback-Leibler divergence between Bernoulli(rho) and
// Bernoulli(rhoHat):
//
//	KL(ρ‖ρ̂) = ρ log(ρ/ρ̂) + (1−ρ) log((1−ρ)/(1−ρ̂)).
//
// It is 0 at rhoHat = rho and grows to +Inf as rhoHat approaches 0 or 1.
// Both arguments must lie in (0, 1) for a finite result.
func KL(rho, rhoHat float64) float64 {
	return rho*math.Log(rho/rhoHat) + (1-rho)*math.Log((1-rho)/(1-rhoHat))
}

// KLSlope returns dKL(ρ‖ρ̂)/dρ̂ = −ρ/ρ̂ + (1−ρ)/(1−ρ̂). (The denominator of
// the second fraction is 1−ρ̂; an early UFLDL wiki revision had ρ̂.)
func KLSlope(rho, rhoHat float64) float64 {
	return -rho/rhoHat + (1-rho)/(1-rhoHat)
}

// MeanActivation returns ρ̂, the mean over the rows of h of each column:
// the average activation of each unit over a batch.
func MeanActivation(h *mat.Dense) []float64 {
	m, k := h.Dims()
	mean := make([]float64, k)
	for i := 0; i < m; i++ {
		row := h.RawRowView(i)
		row = row[:len(mean)]
		for j, v := range row {
			mean[j] += v
		}
	}
	for j := range mean {
		mean[j] /= float64(m)
	}
	return mean
}

// SparsityPenalty returns beta·Σ_j KL(rho‖ρ̂_j), where ρ̂_j is the mean over
// the rows of h (m×k activations in (0, 1), e.g. sigmoid units) of column j.
// If dh is not nil (m×k) it ADDS the gradient of the penalty with respect to
// h into dh: beta·KLSlope(rho, ρ̂_j)/m in every row of column j.
func SparsityPenalty(h *mat.Dense, rho, beta float64, dh *mat.Dense) float64 {
	return sparsity(h, rho, beta, dh, nil)
}

// sparsity is SparsityPenalty with an optional scratch slice of length k
// for ρ̂, so the training loop allocates nothing.
func sparsity(h *mat.Dense, rho, beta float64, dh *mat.Dense, scratch []float64) float64 {
	m, k := h.Dims()
	if dh != nil {
		checkSame("SparsityPenalty", h, dh)
	}
	if cap(scratch) < k {
		scratch = make([]float64, k)
	}
	mean := scratch[:k]
	for j := range mean {
		mean[j] = 0
	}
	for i := 0; i < m; i++ {
		row := h.RawRowView(i)
		row = row[:len(mean)]
		for j, v := range row {
			mean[j] += v
		}
	}
	var p float64
	for j := range mean {
		mean[j] /= float64(m)
		p += KL(rho, mean[j])
	}
	if dh != nil {
		// Reuse mean for the per-column gradient.
		for j, r := range mean {
			mean[j] = beta * KLSlope(rho, r) / float64(m)
		}
		for i := 0; i < m; i++ {
			row := dh.RawRowView(i)
			row = row[:len(mean)]
			for j, g := range mean {
				row[j] += g
			}
		}
	}
	return beta * p
}

// L1Penalty returns lambda·(1/m)·Σ_rows Σ_j |h_ij|, the L1 activity penalty
// on the m×k activations h. If dh is not nil it ADDS the gradient
// lambda·sign(h)/m into dh (0 where h is exactly 0).
func L1Penalty(h *mat.Dense, lambda float64, dh *mat.Dense) float64 {
	m, _ := h.Dims()
	if dh != nil {
		checkSame("L1Penalty", h, dh)
	}
	g := lambda / float64(m)
	var s float64
	for i := 0; i < m; i++ {
		row := h.RawRowView(i)
		var drow []float64
		if dh != nil {
			drow = dh.RawRowView(i)
			drow = drow[:len(row)]
		}
		for j, v := range row {
			switch {
			case v > 0:
				s += v
				if drow != nil {
					drow[j] += g
				}
			case v < 0:
				s -= v
				if drow != nil {
					drow[j] -= g
				}
			}
		}
	}
	return lambda * s / float64(m)
}

// ContractivePenalty returns lambda·(1/m)·Σ_rows ‖J(x)‖²_F for one encoder
// layer h = act(x·W + b), with W in×out and h the m×out activations of a
// batch. The Jacobian of a row is J = diag(act'(z))·Wᵀ, so in closed form
//
//	‖J‖²_F = Σ_j act'(z_j)² Σ_i W_ij²,
//
// which for a sigmoid layer is Σ_j (h_j(1−h_j))² ‖W_·j‖² (Rifai et al. 2011).
// For a linear layer it is ‖W‖²_F (weight decay); for ReLU it counts the
// active units' squared weight norms.
//
// Gradients, each optional (nil to skip): dh (m×out) receives, ADDED, the
// derivative with respect to h along the chain through z, i.e. the value that
// the layer's Backward multiplies by act'(z) and then by x; for sigmoid it is
// 2λ/m·h(1−h)(1−2h)·‖W_·j‖². dw (in×out) receives, ADDED, the direct
// derivative with respect to W through the column norms, 2λ/m·W_ij·Σ_rows
// act'(z_j)². The full gradient with respect to W and b is the sum of the
// direct part and the layer's Backward of dh.
func ContractivePenalty(act nn.Activation, h, w *mat.Dense, lambda float64, dh, dw *mat.Dense) float64 {
	in, out := w.Dims()
	if _, c := h.Dims(); c != out {
		panic(&ShapeError{Op: "ContractivePenalty", Got: c, Want: out})
	}
	return contractive(act, h, w, lambda, dh, dw, make([]float64, 2*out), in)
}

// contractive is ContractivePenalty with a scratch slice of length ≥ 2·out.
func contractive(act nn.Activation, h, w *mat.Dense, lambda float64, dh, dw *mat.Dense, scratch []float64, in int) float64 {
	m, out := h.Dims()
	if dh != nil {
		checkSame("ContractivePenalty", h, dh)
	}
	if dw != nil {
		checkSame("ContractivePenalty", w, dw)
	}
	norms := scratch[:out]
	slopeSq := scratch[out : 2*out]
	for j := range norms {
		norms[j] = 0
		slopeSq[j] = 0
	}
	for i := 0; i < in; i++ {
		row := w.RawRowView(i)
		row = row[:len(norms)]
		for j, v := range row {
			norms[j] += v * v
		}
	}
	scale := lambda / float64(m)
	var p float64
	for s := 0; s < m; s++ {
		hrow := h.RawRowView(s)
		hrow = hrow[:len(norms)]
		var drow []float64
		if dh != nil {
			drow = dh.RawRowView(s)
			drow = drow[:len(norms)]
		}
		for j, v := range hrow {
			d := slopeOut(act, v)
			d2 := d * d
			slopeSq[j] += d2
			p += d2 * norms[j]
			if drow != nil {
				drow[j] += 2 * scale * curvatureOut(act, v) * norms[j]
			}
		}
	}
	if dw != nil {
		for j := range slopeSq {
			slopeSq[j] *= 2 * scale
		}
		for i := 0; i < in; i++ {
			wrow := w.RawRowView(i)
			wrow = wrow[:len(slopeSq)]
			grow := dw.RawRowView(i)
			grow = grow[:len(slopeSq)]
			for j, v := range wrow {
				grow[j] += slopeSq[j] * v
			}
		}
	}
	return scale * p
}

// slopeOut returns act'(z) from the activation's output h = act(z).
func slopeOut(act nn.Activation, h float64) float64 {
	switch act {
	case nn.Sigmoid:
		return h * (1 - h)
	case nn.Tanh:
		return 1 - h*h
	case nn.ReLU:
		if h > 0 {
			return 1
		}
		return 0
	case nn.LeakyReLU:
		if h > 0 {
			return 1
		}
		return nn.LeakySlope
	}
	return 1
}

// curvatureOut returns the second derivative of act at z from the output h = act(z); zero for the
// piecewise-linear activations.
func curvatureOut(act nn.Activation, h float64) float64 {
	switch act {
	case nn.Sigmoid:
		return h * (1 - h) * (1 - 2*h)
	case nn.Tanh:
		return -2 * h * (1 - h*h)
	}
	return 0
}

// WeightDecayPenalty returns (lambda/2)·Σ‖W‖²_F over ws; if dws is not nil
// (same length and shapes) it ADDS lambda·W into each dws[i].
func WeightDecayPenalty(ws []*mat.Dense, lambda float64, dws []*mat.Dense) float64 {
	var s float64
	for i, w := range ws {
		r, _ := w.Dims()
		var g *mat.Dense
		if dws != nil {
			g = dws[i]
			checkSame("WeightDecayPenalty", w, g)
		}
		for k := 0; k < r; k++ {
			row := w.RawRowView(k)
			var grow []float64
			if g != nil {
				grow = g.RawRowView(k)
				grow = grow[:len(row)]
			}
			for j, v := range row {
				s += v * v
				if grow != nil {
					grow[j] += lambda * v
				}
			}
		}
	}
	return lambda / 2 * s
}
