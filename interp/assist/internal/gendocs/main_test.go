package main

import (
	"testing"

	"github.com/gokernel/gokernel/interp/assist/internal/docfile"
)

func TestCollect(t *testing.T) {
	pkg, err := collect("example.com/shapes", "testdata/shapes")
	if err != nil {
		t.Fatal(err)
	}
	if pkg.Name != "shapes" || pkg.Doc != "Package shapes is a fixture for the gendocs tests." {
		t.Errorf("package = %q, %q", pkg.Name, pkg.Doc)
	}
	got := map[string]docfile.Member{}
	for i, m := range pkg.Members {
		got[m.Name] = m
		if i > 0 && pkg.Members[i-1].Name >= m.Name {
			t.Errorf("members not sorted at %s", m.Name)
		}
	}
	want := []docfile.Member{
		{Name: "Color", Kind: "type", Sig: "type Color int", Doc: "Color is a paint color.", Result: "Color"},
		{Name: "Red", Kind: "const", Sig: "const Red Color = iota", Doc: "Red is warm.\n\nThe colors.", Result: "Color"},
		{Name: "Green", Kind: "const", Sig: "const Green Color", Doc: "The colors.", Result: "Color"},
		{Name: "Unit", Kind: "var", Sig: "var Unit = &Square{Side: 1}", Doc: "Unit is the default scale.", Result: "*Square"},
		{Name: "Square", Kind: "type", Doc: "Square is a square.", Result: "Square",
			Sig: "type Square struct {\n\tSide float64\n\tColor\n\tio.Writer\n\t// contains unexported fields\n}"},
		{Name: "Square.Side", Kind: "field", Sig: "Side float64", Doc: "Side is the length of a side.", Result: "float64"},
		{Name: "Square.Color", Kind: "field", Sig: "Color Color", Doc: "embedded", Result: "Color"},
		{Name: "Square.Writer", Kind: "field", Sig: "Writer io.Writer", Doc: "embedded from another package", Result: "io.Writer"},
		{Name: "Square.Area", Kind: "method", Sig: "func (q *Square) Area() float64", Doc: "Area returns the area.", Result: "float64"},
		{Name: "Shape.Area", Kind: "method", Sig: "func (Shape) Area() float64", Doc: "Area returns the area.", Result: "float64"},
		{Name: "NewSquare", Kind: "func", Sig: "func NewSquare(s float64) (*Square, error)", Doc: "NewSquare returns a square of side s.", Result: "*Square"},
	}
	for _, w := range want {
		if g, ok := got[w.Name]; !ok || g != w {
			t.Errorf("member %s:\n got %#v\nwant %#v", w.Name, g, w)
		}
	}
	for _, absent := range []string{"helper", "Square.hidden", "Square.area", "TestOnly", "Shape.scale", "Shape.Writer"} {
		if _, ok := got[absent]; ok {
			t.Errorf("%s collected", absent)
		}
	}
}

func TestTrimDoc(t *testing.T) {
	long := "First paragraph.\n\n" + string(make([]byte, 100))
	if got := trimDoc(long, 30); got != "First paragraph.\n\n[...]" {
		t.Errorf("trimDoc = %q", got)
	}
	if got := trimDoc("  short \n", 30); got != "short" {
		t.Errorf("trimDoc = %q", got)
	}
}
