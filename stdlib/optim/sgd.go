package optim

import (
	"fmt"

	"github.com/gokernel/gokernel/stdlib/nn"
)

// SGD is stochastic gradient descent with optional momentum and L2 weight
// decay, as torch.optim.SGD (dampening 0, not Nesterov):
//
//	g = grad + WeightDecay·p
//	v = Momentum·v + g        (v = g on the first step)
//	p = p - LR·v              (p = p - LR·g when Momentum is 0)
type SGD struct {
	LR, Momentum, WeightDecay float64

	vel map[*nn.Param][]float64
}

// NewSGD returns an SGD optimizer.
func NewSGD(lr, momentum, weightDecay float64) *SGD {
	return &SGD{LR: lr, Momentum: momentum, WeightDecay: weightDecay, vel: map[*nn.Param][]float64{}}
}

// String describes the optimizer.
func (o *SGD) String() string {
	return fmt.Sprintf("SGD(lr=%g, momentum=%g, weight_decay=%g)", o.LR, o.Momentum, o.WeightDecay)
}

// Reset forgets the momentum buffers.
func (o *SGD) Reset() { o.vel = map[*nn.Param][]float64{} }

// Step applies one update to every parameter in ps.
func (o *SGD) Step(ps []*nn.Param) {
	if o.vel == nil {
		o.vel = map[*nn.Param][]float64{}
	}
	lr, mu, wd := o.LR, o.Momentum, o.WeightDecay
	for _, p := range ps {
		v, g := flat(p)
		if mu == 0 {
			for i, gi := range g[:len(v)] {
				v[i] -= lr * (gi + wd*v[i])
			}
			continue
		}
		m, ok := o.vel[p]
		if !ok {
			m = make([]float64, len(v))
			o.vel[p] = m
			m = m[:len(v)]
			for i, gi := range g[:len(v)] {
				gi += wd * v[i]
				m[i] = gi
				v[i] -= lr * gi
			}
			continue
		}
		m = m[:len(v)]
		for i, gi := range g[:len(v)] {
			gi += wd * v[i]
			mi := mu*m[i] + gi
			m[i] = mi
			v[i] -= lr * mi
		}
	}
}
