package signal

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// checkTol is the relative tolerance of the checkers: two outputs agree
// when they differ by at most checkTol·(1 + the largest magnitude involved).
const checkTol = 1e-10

// CounterExample is the evidence that a 1-D system is not linear or not
// shift invariant. For linearity the inputs were X1 and X2 and the test
// compared T[A·X1 + B·X2] (Got) with A·T[X1] + B·T[X2] (Want); for shift
// invariance it compared T[X1 shifted by Shift] (Got) with T[X1] shifted by
// Shift (Want), with circular shifts of signals whose support lies in the
// middle. Index is the output sample where they differ most, or −1 when
// the outputs differ in length (see Note).
type CounterExample struct {
	Property  string
	X1, X2    []float64
	A, B      float64
	Shift     int
	Index     int
	Got, Want float64
	Note      string
}

// String explains the failure in one sentence.
func (c *CounterExample) String() string {
	if c == nil {
		return "no counter-example"
	}
	return describe(c.Property, c.A, c.B, fmt.Sprint(c.Shift), fmt.Sprintf("n=%d", c.Index), c.Index < 0, c.Got, c.Want, c.Note)
}

func describe(prop string, a, b float64, shift, at string, badLen bool, got, want float64, note string) string {
	var sb strings.Builder
	if prop == "linearity" {
		fmt.Fprintf(&sb, "not linear: T[a·x1 + b·x2] ≠ a·T[x1] + b·T[x2] for a=%g, b=%g", a, b)
	} else {
		fmt.Fprintf(&sb, "not shift invariant: T[x shifted by %s] ≠ T[x] shifted by %s", shift, shift)
	}
	if badLen {
		sb.WriteString(": " + note)
	} else {
		fmt.Fprintf(&sb, ": at %s got %.6g, want %.6g", at, got, want)
	}
	return sb.String()
}

// LTIReport is the verdict of CheckLTI, with a counter-example for each
// property that fails.
type LTIReport struct {
	Linear, ShiftInvariant bool
	Linearity, Shift       *CounterExample
}

// LTI reports whether the system passed both tests.
func (r LTIReport) LTI() bool { return r.Linear && r.ShiftInvariant }

// String summarises the report, one line per property.
func (r LTIReport) String() string {
	return verdict(r.Linear, r.ShiftInvariant, r.Linearity.String(), r.Shift.String())
}

func verdict(lin, si bool, linCE, shiftCE string) string {
	var sb strings.Builder
	if lin {
		sb.WriteString("linear: yes\n")
	} else {
		sb.WriteString("linear: NO — " + linCE + "\n")
	}
	if si {
		sb.WriteString("shift invariant: yes")
	} else {
		sb.WriteString("shift invariant: NO — " + shiftCE)
	}
	return sb.String()
}

// CheckLTI tests a black-box 1-D system on random inputs of length n
// (n >= 32) drawn from seed: superposition with several (a, b) pairs
// (including T[0] = 0), and circular shifts of inputs supported in the
// middle half, by several amounts. A system that passes is LTI on the
// inputs tried; a failure comes with its counter-example. f gets copies,
// so it may modify its input. It panics if n < 32.
func CheckLTI(f func([]float64) []float64, n int, seed uint64) LTIReport {
	if n < 32 {
		panic(ShapeError{"CheckLTI", "need n >= 32"})
	}
	fn := func(s sig) sig { y := f(slices.Clone(s.d)); return sig{1, len(y), y} }
	shifts := [][2]int{{0, 1}, {0, -1}, {0, 2}, {0, 3}, {0, -5}, {0, n / 8}}
	lin, sh := checkCore(fn, 1, n, shifts, seed)
	rep := LTIReport{Linear: lin == nil, ShiftInvariant: sh == nil}
	if lin != nil {
		rep.Linearity = &CounterExample{"linearity", lin.x1.d, lin.x2.d, lin.a, lin.b, 0, lin.idx, lin.got, lin.want, lin.note}
	}
	if sh != nil {
		rep.Shift = &CounterExample{"shift invariance", sh.x1.d, nil, 0, 0, sh.sc, sh.idx, sh.got, sh.want, sh.note}
	}
	return rep
}

// sig is a signal or image in row-major order.
type sig struct {
	r, c int
	d    []float64
}

// failure is a counter-example in the shape-neutral form of checkCore.
type failure struct {
	x1, x2    sig
	a, b      float64
	sr, sc    int
	idx       int
	got, want float64
	note      string
}

// checkCore runs the linearity and shift tests on r x c inputs.
func checkCore(f func(sig) sig, r, c int, shifts [][2]int, seed uint64) (lin, sh *failure) {
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	random := func() sig {
		s := sig{r, c, make([]float64, r*c)}
		for i := r / 4; i < max(r*3/4, 1); i++ {
			for j := c / 4; j < c*3/4; j++ {
				s.d[i*c+j] = rng.NormFloat64()
			}
		}
		return s
	}
	for _, ab := range [][2]float64{{rng.NormFloat64(), rng.NormFloat64()}, {1, 1}, {2.5, 0}, {-1, 0}, {0, 0}} {
		x1, x2 := random(), random()
		mix := sig{r, c, make([]float64, r*c)}
		for i := range mix.d {
			mix.d[i] = ab[0]*x1.d[i] + ab[1]*x2.d[i]
		}
		y1, y2, got := f(x1), f(x2), f(mix)
		fl := &failure{x1: x1, x2: x2, a: ab[0], b: ab[1], idx: -1}
		if len(y1.d) != len(y2.d) || len(got.d) != len(y1.d) {
			fl.note = fmt.Sprintf("outputs have lengths %d, %d and %d", len(y1.d), len(y2.d), len(got.d))
			return fl, nil
		}
		want := make([]float64, len(got.d))
		var scale float64
		for i := range want {
			p, q := ab[0]*y1.d[i], ab[1]*y2.d[i]
			want[i] = p + q
			scale = math.Max(scale, math.Max(math.Abs(p), math.Abs(q)))
		}
		if i, bad := worst(got.d, want, scale); bad {
			fl.idx, fl.got, fl.want = i, got.d[i], want[i]
			lin = fl
			break
		}
	}
	x := random()
	y := f(x)
	for _, s := range shifts {
		got := f(circShift(x, s[0], s[1]))
		fl := &failure{x1: x, sr: s[0], sc: s[1], idx: -1}
		if got.r != y.r || got.c != y.c || len(got.d) != len(y.d) {
			fl.note = fmt.Sprintf("output shapes %dx%d and %dx%d differ", got.r, got.c, y.r, y.c)
			return lin, fl
		}
		want := circShift(y, s[0], s[1])
		var scale float64
		for _, v := range want.d {
			scale = math.Max(scale, math.Abs(v))
		}
		if i, bad := worst(got.d, want.d, scale); bad {
			fl.idx, fl.got, fl.want = i, got.d[i], want.d[i]
			return lin, fl
		}
	}
	return lin, nil
}

// worst returns the index of the largest |got−want| and whether it exceeds
// the tolerance relative to scale.
func worst(got, want []float64, scale float64) (int, bool) {
	bi, bd := 0, -1.0
	for i := range got {
		d := math.Abs(got[i] - want[i])
		if d > bd || math.IsNaN(d) {
			bi, bd = i, d
			if math.IsNaN(d) {
				return i, true
			}
		}
	}
	return bi, bd > checkTol*(1+scale)
}

// circShift shifts s by (dr, dc) with wrap-around.
func circShift(s sig, dr, dc int) sig {
	out := sig{s.r, s.c, make([]float64, len(s.d))}
	for i := 0; i < s.r; i++ {
		for j := 0; j < s.c; j++ {
			out.d[mod(i+dr, s.r)*s.c+mod(j+dc, s.c)] = s.d[i*s.c+j]
		}
	}
	return out
}

// CounterExample2D is CounterExample for image systems: (Row, Col) is the
// output pixel where the two sides differ most, or (−1, −1) when the output
// shapes differ; (ShiftRow, ShiftCol) is the circular shift tried.
type CounterExample2D struct {
	Property           string
	X1, X2             *mat.Dense
	A, B               float64
	ShiftRow, ShiftCol int
	Row, Col           int
	Got, Want          float64
	Note               string
}

// String explains the failure in one sentence.
func (c *CounterExample2D) String() string {
	if c == nil {
		return "no counter-example"
	}
	return describe(c.Property, c.A, c.B, fmt.Sprintf("(%d,%d)", c.ShiftRow, c.ShiftCol),
		fmt.Sprintf("(%d,%d)", c.Row, c.Col), c.Row < 0, c.Got, c.Want, c.Note)
}

// LSIReport is the verdict of CheckLSI.
type LSIReport struct {
	Linear, ShiftInvariant bool
	Linearity, Shift       *CounterExample2D
}

// LSI reports whether the system passed both tests.
func (r LSIReport) LSI() bool { return r.Linear && r.ShiftInvariant }

// String summarises the report, one line per property.
func (r LSIReport) String() string {
	return verdict(r.Linear, r.ShiftInvariant, r.Linearity.String(), r.Shift.String())
}

// CheckLSI is CheckLTI for image systems, on rows x cols inputs (each at
// least 16) whose support is the central half in both directions, with
// circular shifts along rows, columns and both.
func CheckLSI(f func(*mat.Dense) *mat.Dense, rows, cols int, seed uint64) LSIReport {
	if rows < 16 || cols < 16 {
		panic(ShapeError{"CheckLSI", "need rows, cols >= 16"})
	}
	fn := func(s sig) sig {
		y := f(mat.NewDense(s.r, s.c, slices.Clone(s.d)))
		g := mat.DenseCopyOf(y)
		r, c := g.Dims()
		return sig{r, c, g.RawMatrix().Data}
	}
	shifts := [][2]int{{1, 0}, {0, 1}, {-1, 2}, {3, -2}, {rows / 8, cols / 8}}
	lin, sh := checkCore(fn, rows, cols, shifts, seed)
	rep := LSIReport{Linear: lin == nil, ShiftInvariant: sh == nil}
	dense := func(s sig) *mat.Dense {
		if s.d == nil {
			return nil
		}
		return mat.NewDense(s.r, s.c, s.d)
	}
	if lin != nil {
		row, col := pos(lin.idx, f, rows, cols)
		rep.Linearity = &CounterExample2D{"linearity", dense(lin.x1), dense(lin.x2), lin.a, lin.b, 0, 0, row, col, lin.got, lin.want, lin.note}
	}
	if sh != nil {
		row, col := pos(sh.idx, f, rows, cols)
		rep.Shift = &CounterExample2D{"shift invariance", dense(sh.x1), nil, 0, 0, sh.sr, sh.sc, row, col, sh.got, sh.want, sh.note}
	}
	return rep
}

// pos converts a flat output index to (row, col) using the output width of
// f on a zero input.
func pos(idx int, f func(*mat.Dense) *mat.Dense, rows, cols int) (int, int) {
	if idx < 0 {
		return -1, -1
	}
	_, c := f(mat.NewDense(rows, cols, nil)).Dims()
	return idx / c, idx % c
}
