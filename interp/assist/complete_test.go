package assist

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// cursor splits a sample at its ‸ marker: the code and the cursor position
// in code points.
func cursor(sample string) (string, int) {
	i := strings.Index(sample, "‸")
	if i < 0 {
		return sample, utf8.RuneCountInString(sample)
	}
	return sample[:i] + sample[i+len("‸"):], utf8.RuneCountInString(sample[:i])
}

func TestComplete(t *testing.T) {
	s := newFakeScope()
	cases := []struct {
		name    string
		code    string
		want    []string // all must be in matches
		exclude []string // none may be
		exact   bool     // matches must equal want
	}{
		{"package member", "mat.NewD", []string{"NewDense", "NewDiagDense", "NewDiagonalRect"}, []string{"Dense"}, true},
		{"session-only package member", "mat.NewS", []string{"NewSessionOnly", "NewSymDense", "NewSymBandDense"}, nil, false},
		{"value methods pointer set", "m.Mu", []string{"Mul", "MulElem"}, nil, true},
		{"compiled struct fields and both method sets", "layer.", []string{"Forward", "Name", "Rate", "W"}, []string{"hidden"}, true},
		{"nested selector", "layer.W.Mu", []string{"Mul", "MulElem"}, nil, true},
		{"interpreted value: reflect fields, recorded methods", "net.", []string{"Layers", "Train", "size"}, []string{"Xsize"}, true},
		{"unexported field of interpreted value", "net.size.", nil, nil, true},
		{"index into live slice", "net.Layers[0].Fo", []string{"Forward"}, nil, true},
		{"keyword", "fo", []string{"for"}, nil, true},
		{"builtins keywords packages imports", "ma", []string{"make", "map", "mat", "math", "max"}, nil, true},
		{"globals", "co", []string{"comparable", "complex", "complex128", "complex64", "const", "continue", "copy", "count"}, nil, true},
		{"cell local :=", "n := 3; n", []string{"n", "net", "new", "nil"}, nil, false},
		{"cell local var", "var buf []int\nbu", []string{"buf"}, nil, true},
		{"cell local not after cursor", "x‸\nxyz := 1", nil, []string{"xyz"}, false},
		{"cell local from documented call", "d := mat.NewDense(2, 2, nil)\nd.Mu", []string{"Mul", "MulElem"}, nil, true},
		{"multi-value call", "f, err := os.Open(\"x\")\n_ = err\nf.Na", []string{"Name"}, nil, true},
		{"documented constructor", "p := plot.New()\np.Ad", []string{"Add"}, nil, true},
		{"interface result, live", "x := m.T()\nx.Di", []string{"Dims"}, nil, true},
		{"interface result, documented", "var a mat.Matrix\na.Di", []string{"Dims"}, nil, true},
		{"untyped constant has no members", "x := math.Pi\nx.", nil, nil, true},
		{"call chain", "mat.NewDense(2, 2, nil).T", []string{"T", "Trace"}, nil, true},
		{"documented package not imported", "strings.Spl", []string{"Split", "SplitAfter", "SplitAfterN", "SplitN", "SplitSeq", "SplitAfterSeq"}, nil, false},
		{"cell import alias", "import m2 \"gonum.org/v1/gonum/mat\"\nm2.NewDe", []string{"NewDense"}, nil, true},
		{"cell type, method and field", "type P struct{ X, Y float64 }\nfunc (p P) Norm() float64 { return 0 }\nq := P{}\nq.", []string{"Norm", "X", "Y"}, nil, true},
		{"cell pointer composite", "type P struct{ Val int }\nq := &P{}\nq.V", []string{"Val"}, nil, true},
		{"documented method result", "t := time.Now()\nt.Add(time.Second).Tru", []string{"Truncate"}, nil, true},
		{"func param in cell decl", "func f(a *mat.Dense) {\n\ta.Mu", []string{"Mul", "MulElem"}, nil, true},
		{"session func result", "q := NewNet(3)\nq.Tr", []string{"Train"}, nil, true},
		{"struct field via docs", "var p plot.Plot\np.Ti", []string{"Title"}, nil, true},
		{"inside string", `fmt.Println("mat.NewD`, nil, nil, true},
		{"inside comment", "// mat.NewD", nil, nil, true},
		{"after closed string", `x := "a"; mat.NewDe`, []string{"NewDense"}, nil, true},
		{"nothing", "zzzq", nil, nil, true},
		{"case-insensitive fallback", "mat.newdense", []string{"NewDense"}, nil, true},
		{"number then dot", "1.", nil, nil, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, pos := cursor(c.code)
			got, _, end := Complete(s, code, pos)
			if got == nil {
				t.Fatal("matches is nil")
			}
			if end != pos {
				t.Errorf("end = %d, want cursor %d", end, pos)
			}
			if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
				t.Errorf("matches not sorted and unique: %v", got)
			}
			if c.exact && !slices.Equal(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
				t.Fatalf("matches = %v, want %v", got, c.want)
			}
			for _, w := range c.want {
				if !slices.Contains(got, w) {
					t.Errorf("missing %q in %v", w, got)
				}
			}
			for _, x := range c.exclude {
				if slices.Contains(got, x) {
					t.Errorf("unexpected %q in %v", x, got)
				}
			}
		})
	}
}

func TestCompleteCodePoints(t *testing.T) {
	s := newFakeScope()
	cases := []struct {
		code       string
		start, end int
		want       string
	}{
		{"é := 1; é", 8, 9, "é"},
		{"é := 1; é‸ + 2", 8, 9, "é"},
		{`s := "😀🎉"; mat.NewDe`, 15, 20, "NewDense"},
		{"// ünïcødé\nmat.NewDe‸nse", 15, 20, "NewDense"},
		{"x := '€'\nfmt.Prin", 13, 17, "Println"},
	}
	for _, c := range cases {
		code, pos := cursor(c.code)
		got, start, end := Complete(s, code, pos)
		if start != c.start || end != c.end || !slices.Contains(got, c.want) {
			t.Errorf("Complete(%q, %d) = %v [%d,%d), want %q at [%d,%d)", code, pos, got, start, end, c.want, c.start, c.end)
		}
		// Replacing [start,end) in code points with the match gives valid text.
		r := []rune(code)
		if start <= end && end <= len(r) && !strings.HasPrefix(c.want, string(r[start:end])) {
			t.Errorf("%q: replaced text %q is not a prefix of %q", code, string(r[start:end]), c.want)
		}
	}
}

func TestCompleteSymbolsCarryDocs(t *testing.T) {
	syms, _, _ := CompleteSymbols(newFakeScope(), "mat.NewDen", 10)
	if len(syms) != 1 || syms[0].Kind != KindFunc || !strings.Contains(syms[0].Doc, "creates a new Dense matrix") {
		t.Fatalf("symbols = %+v", syms)
	}
}

func TestCompleteNilScope(t *testing.T) {
	got, start, end := Complete(nil, "strings.ToUp", 12)
	if !slices.Equal(got, []string{"ToUpper", "ToUpperSpecial"}) || start != 8 || end != 12 {
		t.Fatalf("got %v [%d,%d)", got, start, end)
	}
}

func TestCompleteFieldScope(t *testing.T) {
	got, _, _ := Complete(withFields{newFakeScope()}, "q := NewNet(1)\nq.", 17)
	for _, w := range []string{"Layers", "Train", "size"} {
		if !slices.Contains(got, w) {
			t.Errorf("missing %q in %v", w, got)
		}
	}
}

func TestTypesMetadata(t *testing.T) {
	syms, start, end := CompleteSymbols(newFakeScope(), "x := mat.NewDen", 15)
	md := TypesMetadata(syms, start, end)
	if len(md) != 1 {
		t.Fatalf("metadata = %v", md)
	}
	e := md[0]
	if e["text"] != "NewDense" || e["type"] != "function" || e["start"] != 9 || e["end"] != 15 ||
		e["signature"] != "func NewDense(r, c int, data []float64) *Dense" {
		t.Errorf("entry = %v", e)
	}
	if md := TypesMetadata(nil, 0, 0); md == nil || len(md) != 0 {
		t.Errorf("empty metadata = %#v", md)
	}
}

func TestCompleteNamesInterpretedValueByFields(t *testing.T) {
	s := newFakeScope()
	// As yaegi reports it: the value's type is an unnamed struct.
	s.globals = append(s.globals, Symbol{Name: "net2", Kind: KindVar, Type: "*struct { Layers []*assist.Layer; Xsize int }"})
	s.values["net2"] = s.values["net"]
	got, _, _ := Complete(withFields{s}, "net2.", 5)
	if !slices.Equal(got, []string{"Layers", "Train", "size"}) {
		t.Errorf("matches = %v", got)
	}
	// Without FieldScope the type cannot be named: fields only.
	got, _, _ = Complete(s, "net2.", 5)
	if !slices.Equal(got, []string{"Layers", "size"}) {
		t.Errorf("matches without FieldScope = %v", got)
	}
	text, _ := Inspect(withFields{s}, "net2", 4, 0)
	if !strings.Contains(text, "Type: *Net\n") {
		t.Errorf("inspect:\n%s", text)
	}
}

type pkgScope struct{ *fakeScope }

func (pkgScope) Packages() []string { return []string{"encoding/json", "encoding/csv", "fmt"} }

func TestCompleteImportPaths(t *testing.T) {
	cases := []struct {
		code  string
		want  []string
		start int
	}{
		{`import "gonum.org/v1/plot/p`, []string{"gonum.org/v1/plot/plotter"}, 8},
		{`import m "gonum.org/v1/gonum/m`, []string{"gonum.org/v1/gonum/mat"}, 10},
		{"import (\n\t\"fmt\"\n\t\"encoding/", []string{"encoding/csv", "encoding/json"}, 18},
		{`import "ma`, []string{"math", "math/rand"}, 8},
		{`x := "ma`, []string{}, 8},
		{`import "fmt"; "ma`, []string{}, 17},
	}
	for _, c := range cases {
		got, start, end := Complete(pkgScope{newFakeScope()}, c.code, len([]rune(c.code)))
		if !slices.Equal(got, c.want) || start != c.start || end != len([]rune(c.code)) {
			t.Errorf("Complete(%q) = %v [%d,%d), want %v from %d", c.code, got, start, end, c.want, c.start)
		}
	}
}

func TestCompleteCompositeFields(t *testing.T) {
	s := newFakeScope()
	cases := []struct {
		code    string
		want    []string
		exclude []string
	}{
		{"type P struct{ Alpha, Beta int }\np := P{Al", []string{"Alpha"}, nil},
		{"type P struct{ Alpha, Beta int }\np := P{Alpha: 1, B", []string{"Beta"}, nil},
		{"type P struct{ Alpha, Beta int }\nf(&P{\n\tAlpha: 1,\n\tBe", []string{"Beta"}, nil},
		{"c := plot.Plot{Ti", []string{"Title"}, nil},
		{"l := Layer{Ra", []string{"Rate"}, nil},
		{"type P struct{ Alpha int }\np := P{Alpha: Al", nil, []string{"Alpha"}},
		{"type P struct{ Alpha int }\nif x == y {\n\tAl", nil, []string{"Alpha"}},
		{"type P struct{ Alpha int }\nfor P {\n\tAl", nil, []string{"Alpha"}},
	}
	s.globals = append(s.globals, Symbol{Name: "Layer", Kind: KindType, Type: "assist.Layer"})
	s.values["Layer"] = (*Layer)(nil)
	for _, c := range cases {
		got, _, _ := Complete(s, c.code, len([]rune(c.code)))
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("Complete(%q): missing %q in %v", c.code, w, got)
			}
		}
		for _, x := range c.exclude {
			if slices.Contains(got, x) {
				t.Errorf("Complete(%q): unexpected %q in %v", c.code, x, got)
			}
		}
	}
}
