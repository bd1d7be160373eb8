package assist

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// TestDocsCoverList checks that docs.json.gz was regenerated after the last
// change of docpackages.txt.
func TestDocsCoverList(t *testing.T) {
	f, err := os.Open("docpackages.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		if line = strings.TrimSpace(line); line != "" {
			want[line] = true
		}
	}
	d := loadDocs()
	for p := range want {
		if d.pkg(p) == nil {
			t.Errorf("%s is in docpackages.txt but not in docs.json.gz: run go generate", p)
		}
	}
	for p := range d.byPath {
		if !want[p] {
			t.Errorf("%s is in docs.json.gz but not in docpackages.txt: run go generate", p)
		}
	}
}

func TestDocsContent(t *testing.T) {
	if len(docsData) > 1500_000 {
		t.Errorf("docs.json.gz is %d bytes, want < 1.5 MB", len(docsData))
	}
	d := loadDocs()
	cases := []struct {
		path, name, kind, sig, doc, result string
	}{
		{"gonum.org/v1/gonum/mat", "NewDense", "func", "func NewDense(r, c int, data []float64) *Dense", "NewDense creates a new Dense matrix", "*Dense"},
		{"gonum.org/v1/gonum/mat", "Dense.Mul", "method", "func (m *Dense) Mul(a, b Matrix)", "Mul takes the matrix product", ""},
		{"gonum.org/v1/gonum/mat", "Dense", "type", "type Dense struct {\n\t// contains unexported fields\n}", "dense matrix", "Dense"},
		{"gonum.org/v1/plot", "New", "func", "func New() *Plot", "New returns a new plot", "*Plot"},
		{"os", "Open", "func", "func Open(name string) (*File, error)", "Open opens the named file", "*File"},
		{"gonum.org/v1/plot", "Plot.Title", "field", "Title struct", "", ""},
		{"math", "Pi", "const", "const Pi = 3.14159", "", ""},
		{"time", "Second", "const", "const Second = 1000 * Millisecond", "Common durations", ""},
		{"builtin", "len", "func", "func len(v Type) int", "The len built-in function", "int"},
		{"github.com/gokernel/gokernel/stdlib/display", "HTML", "func", "func HTML(s string)", "HTML publishes s", ""},
		{"github.com/gokernel/gokernel/stdlib/session", "Context", "func", "func Context() context.Context", "Context returns", "context.Context"},
	}
	for _, c := range cases {
		m, ok := d.member(c.path, c.name)
		if !ok {
			t.Errorf("%s.%s not documented", c.path, c.name)
			continue
		}
		if m.Kind != c.kind || !strings.HasPrefix(m.Sig, c.sig) || !strings.Contains(m.Doc, c.doc) ||
			(c.result != "" && m.Result != c.result) {
			t.Errorf("%s.%s = %+v", c.path, c.name, m)
		}
	}
	if d.pathByName("mat") != "gonum.org/v1/gonum/mat" || d.pathByName("builtin") != "" {
		t.Errorf("package names: mat -> %q", d.pathByName("mat"))
	}
}
