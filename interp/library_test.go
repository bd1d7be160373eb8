package interp

import (
	"strings"
	"testing"

	"github.com/gokernel/gokernel/stdlib/backend"
)

// The preloaded library is usable from cells without imports, through the
// generated symbol tables: the calls a lesson makes first.
func TestLibraryPreloaded(t *testing.T) {
	s := sess(t)
	rec := mustRun(t, s, `
x := mat.NewDense(200, 8, nil)
for i := 0; i < 200; i++ {
	for j := 0; j < 8; j++ {
		x.Set(i, j, float64((i*7+j*3)%11)/11)
	}
}
m := ae.New(ae.Config{Sizes: []int{8, 3}, Hidden: nn.Sigmoid, Output: nn.Sigmoid, Seed: 1})
hist, err := m.Fit(x, ae.FitOptions{Epochs: 3, Batch: 50, LR: 1e-2})
if err != nil {
	panic(err)
}
p := pca.Fit(x, 3)
fmt.Println(len(hist.Epochs), p.Error(x) >= 0, m.ReconError(x) > 0)
fmt.Println(signal.Convolve([]float64{1, 2, 3}, []float64{0, 1, 0.5}, signal.Full))
fmt.Println(len(optim.NewAdam(1e-3).String()) > 0)
`)
	if got, want := rec.text("stdout"), "3 true true\n[0 1 2.5 4 1.5]\ntrue\n"; got != want {
		t.Fatalf("stdout = %q, want %q", got, want)
	}
	// A figure as the last expression shows itself inline.
	rec = mustRun(t, s, `plots.KLCurve(0.05)`)
	res := rec.result()
	if res == nil {
		t.Fatal("no execute_result for a plots figure")
	}
	if _, ok := res["image/png"]; !ok {
		t.Fatalf("figure result has no image/png: keys %v", keys(res))
	}
	if txt, _ := res["text/plain"].(string); strings.TrimSpace(txt) == "" {
		t.Fatalf("figure text/plain = %q", txt)
	}
}

func keys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// yaegi cannot compile an if with an init statement inside a block at the top
// level of a cell; the session runs such blocks as closures, and assignments
// to the session's globals still land.
func TestNestedScopesAtTopLevel(t *testing.T) {
	s := sess(t)
	rec := mustRun(t, s, `
nestedTotal := 0
for i := 0; i < 3; i++ {
	if n, err := fmt.Sscan("4", &nestedTotal); err != nil || n != 1 {
		panic(err)
	}
	nestedTotal += i
}
{
	if _, err := fmt.Println("block", nestedTotal); err != nil {
		panic(err)
	}
}
`)
	if got, want := rec.text("stdout"), "block 6\n"; got != want {
		t.Fatalf("stdout = %q, want %q", got, want)
	}
	rec = mustRun(t, s, `nestedTotal`)
	if got := plain(rec); got != "6" {
		t.Fatalf("nestedTotal = %q, want 6", got)
	}
	// A real compile error is still reported as written.
	_, res := runCell(t, s, "for i := 0; i < 2; i++ {\n\tif _, err := fmt.Println(i); err != nil {\n\t\tundefinedThing()\n\t}\n}\n")
	if res.Error == nil || !strings.Contains(res.Error.Value, "undefinedThing") {
		t.Fatalf("want an error naming undefinedThing, got %+v", res.Error)
	}
}

// The banner says which BLAS backend the library's matrix products use.
func TestBannerNamesBackend(t *testing.T) {
	info := sess(t).Info()
	if !strings.Contains(info.Banner, "matrix products: "+backend.Name()) {
		t.Fatalf("banner %q does not name the backend %q", info.Banner, backend.Name())
	}
}
