package ae

import (
	"fmt"
	"math"
	"strings"
)

// Terms holds the value of every term of the training loss (see the package
// documentation for their definitions) and their sum.
type Terms struct {
	Reconstruction float64
	Sparsity       float64
	L1             float64
	Contractive    float64
	WeightDecay    float64
	// Total is the sum of the terms above: the loss that is minimised.
	Total float64
}

// TermNames lists the names accepted by Terms.Get and History.Values, in
// the order of the fields of Terms.
var TermNames = []string{"reconstruction", "sparsity", "l1", "contractive", "weight decay", "total"}

// Get returns the term called name (one of TermNames). It panics with a
// *ConfigError for an unknown name.
func (t Terms) Get(name string) float64 {
	switch name {
	case "reconstruction":
		return t.Reconstruction
	case "sparsity":
		return t.Sparsity
	case "l1":
		return t.L1
	case "contractive":
		return t.Contractive
	case "weight decay":
		return t.WeightDecay
	case "total":
		return t.Total
	}
	panic(&ConfigError{Field: "term name", Msg: fmt.Sprintf("%q is not one of %v", name, TermNames)})
}

// String shows the total, the reconstruction term and the other terms
// that are not zero, for example "total 12.3 = reconstruction 11.9 +
// sparsity 0.4". Total is shown as it is, not summed here.
func (t Terms) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "total %.6g", t.Total)
	sep := " = "
	for _, name := range TermNames[:5] {
		v := t.Get(name)
		if v == 0 && name != "reconstruction" {
			continue
		}
		fmt.Fprintf(&b, "%s%s %.6g", sep, name, v)
		sep = " + "
	}
	return b.String()
}

// firstNonFinite returns the name of the first term that is NaN or ±Inf, or
// "" if all are finite.
func (t Terms) firstNonFinite() (name string, v float64) {
	for _, n := range TermNames {
		v := t.Get(n)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return n, v
		}
	}
	return "", 0
}

// add accumulates w·u into t.
func (t *Terms) add(u Terms, w float64) {
	t.Reconstruction += w * u.Reconstruction
	t.Sparsity += w * u.Sparsity
	t.L1 += w * u.L1
	t.Contractive += w * u.Contractive
	t.WeightDecay += w * u.WeightDecay
	t.Total += w * u.Total
}

// sum sets Total to the sum of the other terms.
func (t *Terms) sum() {
	t.Total = t.Reconstruction + t.Sparsity + t.L1 + t.Contractive + t.WeightDecay
}

// scale multiplies every term by f.
func (t *Terms) scale(f float64) {
	t.Reconstruction *= f
	t.Sparsity *= f
	t.L1 *= f
	t.Contractive *= f
	t.WeightDecay *= f
	t.Total *= f
}
