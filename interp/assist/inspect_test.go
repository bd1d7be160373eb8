package assist

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestInspect(t *testing.T) {
	s := newFakeScope()
	cases := []struct {
		name   string
		code   string
		detail int
		want   []string
		absent []string
	}{
		{"package func at end", "mat.NewDense", 0, []string{
			"mat.NewDense (func in gonum.org/v1/gonum/mat)",
			"func NewDense(r, c int, data []float64) *Dense",
			"NewDense creates a new Dense matrix with r rows and c columns."}, nil},
		{"cursor inside the name", "x := mat.New‸Dense(2, 2, nil)", 0, []string{"func NewDense(r, c int"}, nil},
		{"inside open call", "x := mat.NewDense(2, ‸", 0, []string{"func NewDense(r, c int"}, nil},
		{"after nested closed call", "fmt.Println(math.Sqrt(2), ‸", 0, []string{"func Println(a ...any)"}, nil},
		{"session-only member", "mat.NewSessionOnly", 0, []string{"func()", "exists only in the session"}, nil},
		{"type with members", "mat.Dense", 1, []string{"type Dense struct", "Dense is a dense matrix representation.", "Members:", "Mul"}, nil},
		{"type without detail", "mat.Dense", 0, []string{"type Dense struct"}, []string{"Members:"}},
		{"global matrix", "m", 0, []string{"m (var)", "Type: *mat.Dense", "Value: 2×2 matrix\n         1        2\n         3        4", "Dense is a dense matrix representation."}, nil},
		{"method of a value", "m.Mul", 0, []string{"m.Mul (method of *mat.Dense)", "Mul takes the matrix product of a and b"}, nil},
		{"field of a value", "layer.Rate", 0, []string{"layer.Rate (field of *assist.Layer)", "float64", "Value: 0.5"}, nil},
		{"interpreted value", "net", 1, []string{"net (var)", "Type: *Net", "Value: &{Layers:[&{W:", "size:7}", "Members:", "Train"}, nil},
		{"recorded method", "net.Train", 0, []string{"func(epochs int) float64", "Train fits the net."}, nil},
		{"session func", "NewNet", 0, []string{"NewNet (func)", "func(n int) *Net", "NewNet builds a network."}, []string{"Value:"}},
		{"int global", "count", 0, []string{"Value: 42"}, nil},
		{"package", "fmt", 0, []string{"package fmt // import \"fmt\"", "Package fmt implements formatted I/O"}, nil},
		{"package detail lists members", "math", 1, []string{"Members:", "Sqrt"}, nil},
		{"not imported package", "strings", 0, []string{"not imported yet"}, nil},
		{"builtin", "append", 0, []string{"append (builtin)", "func append(slice []Type, elems ...Type) []Type", "appends elements"}, nil},
		{"keyword", "defer", 0, []string{"defer (keyword)"}, nil},
		{"cell local from call", "d := mat.NewDense(2, 2, nil)\nd", 1, []string{"d (var declared in this cell)", "Type: *mat.Dense", "Dense is a dense matrix", "Members:", "Mul"}, nil},
		{"cell func", "// Sq squares.\nfunc Sq(x float64) float64 { return x * x }\nSq", 0, []string{"func Sq(x float64) float64", "Sq squares."}, nil},
		{"cell local method via docs", "d := mat.NewDense(2, 2, nil)\nd.Mul", 0, []string{"Mul takes the matrix product"}, nil},
		{"unicode before", "é := 1; mat.NewDe‸nse", 0, []string{"func NewDense"}, nil},
		{"display package", "display.New", 0, []string{"func New() *Display"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, pos := cursor(c.code)
			text, found := Inspect(s, code, pos, c.detail)
			if !found {
				t.Fatalf("not found; text %q", text)
			}
			for _, w := range c.want {
				if !strings.Contains(text, w) {
					t.Errorf("missing %q in:\n%s", w, text)
				}
			}
			for _, a := range c.absent {
				if strings.Contains(text, a) {
					t.Errorf("unexpected %q in:\n%s", a, text)
				}
			}
		})
	}
}

func TestInspectNotFound(t *testing.T) {
	s := newFakeScope()
	for _, code := range []string{"", "zzzq", "x := 1 + ‸", `fmt.Println("mat.NewDense‸`, "mat.NoSuchThing", "m.NoSuchMethod", "// fmt‸"} {
		code, pos := cursor(code)
		if text, found := Inspect(s, code, pos, 0); found || text != "" {
			t.Errorf("Inspect(%q) = %q, %v; want not found", code, text, found)
		}
	}
}

func TestPreviewBounded(t *testing.T) {
	big := make([]float64, 1<<16)
	s := newFakeScope()
	s.globals = append(s.globals, Symbol{Name: "big", Kind: KindVar, Type: "[]float64"})
	s.values["big"] = big
	text, _ := Inspect(s, "big", 3, 0)
	if len(text) > 2*previewLimit || !strings.Contains(text, "[0 0 0") || !strings.Contains(text, "…") {
		t.Fatalf("preview of a large slice: %d bytes\n%s", len(text), text)
	}
}

// trap is a value whose String method must never run: under yaegi it
// would be interpreted code.
type trap struct{ called *bool }

func (t trap) String() string {
	*t.called = true
	return "ran"
}

func TestInspectNeverCallsMethodsOfInterfaceValues(t *testing.T) {
	called := false
	var st fmt.Stringer = trap{called: &called}
	s := newFakeScope()
	s.globals = append(s.globals, Symbol{Name: "st", Kind: KindVar, Type: "fmt.Stringer"})
	s.values["st"] = reflect.ValueOf(&st).Elem()
	text, found := Inspect(s, "st", 2, 0)
	if called {
		t.Fatal("String() was called")
	}
	if !found || !strings.Contains(text, "Value: {called:&false}") {
		t.Errorf("text = %q", text)
	}
}

func TestPreviewDocumentedStringer(t *testing.T) {
	s := newFakeScope()
	s.globals = append(s.globals, Symbol{Name: "d", Kind: KindVar, Type: "time.Duration"})
	s.values["d"] = 1500 * time.Millisecond
	if text, _ := Inspect(s, "d", 1, 0); !strings.Contains(text, "Value: 1.5s") {
		t.Errorf("text = %q", text)
	}
}
