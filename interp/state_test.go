package interp

import (
	"runtime"
	"strings"
	"testing"
)

func TestStateAcrossCells(t *testing.T) {
	s := sess(t)
	mustRun(t, s, "// Greeting says hello.\nfunc greet(n string) string { return \"hi \" + n }\ntype point struct{ X, Y int }\nconst scale = 3\nstateN := 2")
	rec := mustRun(t, s, "p := point{stateN, 4}\ngreet(fmt.Sprint(p.X*scale, p.Y))")
	if got := plain(rec); got != "hi 6 4" {
		t.Errorf("got %q, want %q", got, "hi 6 4")
	}
	// A cell mixing everything, in any order.
	rec = mustRun(t, s, "import \"strings\"\nvar up = strings.ToUpper(\"a\")\nup += \"b\"\nfunc twice(s string) string { return s + s }\ntwice(up)")
	if got := plain(rec); got != "AbAb" {
		t.Errorf("got %q, want AbAb", got)
	}
}

func TestImportTwice(t *testing.T) {
	s := sess(t)
	mustRun(t, s, "import \"strings\"\nimport \"strings\"\nimport (\n\t\"math\"\n\t\"strings\"\n)")
	mustRun(t, s, "import \"strings\"\nimport \"fmt\"\nimport \"gonum.org/v1/gonum/mat\"")
	rec := mustRun(t, s, "import m2 \"math\"\nimport m2 \"math\"\nm2.Sqrt(16)")
	if got := plain(rec); got != "4" {
		t.Errorf("got %q, want 4", got)
	}
}

func TestPreloadedPackages(t *testing.T) {
	s := sess(t)
	rec := mustRun(t, s, "a := mat.NewDense(2, 2, []float64{1, 2, 3, 4})\nvar parts []string\nparts = append(parts, strings.Repeat(\"x\", 2))\nsort.Strings(parts)\n_ = time.Second\n_ = os.Getenv(\"HOME\")\nmath.Sqrt(a.At(1, 1))")
	if got := plain(rec); got != "2" {
		t.Errorf("got %q, want 2", got)
	}
}

func TestRedeclareReusesGlobal(t *testing.T) {
	s := sess(t)
	mustRun(t, s, "rv := 5\nfunc getRV() int { return rv }")
	mustRun(t, s, "rv := 9")
	if got := plain(mustRun(t, s, "getRV()")); got != "9" {
		t.Errorf("a function declared before sees %s, want 9 (`rv := 9` must assign)", got)
	}
	// A new type: the variable is declared again, with the new type.
	rec := mustRun(t, s, "rv := \"now a string\"\nrv + \"!\"")
	if got := plain(rec); got != "now a string!" {
		t.Errorf("got %q", got)
	}
	// Untyped constants keep their default type.
	mustRun(t, s, "fv := 2.5")
	if got := plain(mustRun(t, s, "fv := 3\nfv / 2")); got != "1" {
		t.Errorf("fv := 3; fv / 2 = %s, want 1 (an int)", got)
	}
	// var re-declaration.
	mustRun(t, s, "var vv = 1")
	if got := plain(mustRun(t, s, "var vv = \"s\"\nvv")); got != "s" {
		t.Errorf("got %q", got)
	}
	// Multi-value redeclaration.
	mustRun(t, s, "func two() (int, error) { return 7, nil }\nm1, e1 := two()")
	if got := plain(mustRun(t, s, "m1, e1 := two()\nm1")); got != "7" {
		t.Errorf("got %q", got)
	}
}

func heapMiB() float64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapAlloc) / (1 << 20)
}

// TestRedeclareReleasesMemory re-runs cells that declare a 16 MiB value:
// the heap must not grow by the size of each run.
func TestRedeclareReleasesMemory(t *testing.T) {
	s := sess(t)
	const runs = 8
	for _, code := range []string{
		"big := make([]byte, 16<<20)",
		"var bigv = make([]byte, 16<<20)",
		"bigm := mat.NewDense(1024, 2048, nil)",
		"bigm := make([]float64, 2<<20)", // a new type: the old matrix is released
	} {
		// Two runs first: yaegi keeps one more reference to the value
		// of the latest run (bounded, not a leak).
		mustRun(t, s, code)
		mustRun(t, s, code)
		before := heapMiB()
		for i := 0; i < runs; i++ {
			mustRun(t, s, code)
		}
		grown := heapMiB() - before
		if grown > 8 {
			t.Errorf("%q run %d more times: heap grew by %.1f MiB (a leak keeps each 16 MiB value)", code, runs, grown)
		}
	}
	mustRun(t, s, "big = nil\nbigv = nil\nbigm = nil")
}

func TestMinMax(t *testing.T) {
	s := sess(t)
	tests := []struct{ code, want string }{
		{"min(1, 2)", "1"},
		{"max(1, 2)", "2"},
		{"min(4, 2, 7)", "2"},
		{"mmA, mmB := 2.5, -1.5\nmax(mmA, mmB)", "2.5"},
		{"max(mmA, 3)", "3"},
		{"min(\"b\", \"a\")", "a"},
		{"var mmU uint8 = 3\nmin(mmU, 7)", "3"},
		{"type celsius float64\nmax(celsius(3), 4)", "4"},
	}
	for _, tt := range tests {
		rec, res := runCell(t, s, tt.code)
		if res.Error != nil {
			t.Errorf("%q: %s", tt.code, res.Error)
			continue
		}
		if got := plain(rec); got != tt.want {
			t.Errorf("%q = %q, want %q", tt.code, got, tt.want)
		}
	}
	// Documented limit: a single argument does not compile, and the kernel lives.
	if _, res := runCell(t, s, "min(1)"); res.Error == nil || !strings.Contains(res.Error.Name, "Error") {
		t.Errorf("min(1): got %v, want an error", res.Error)
	}
}

func TestTypeRedefinitionWarns(t *testing.T) {
	s := sess(t)
	mustRun(t, s, "type redefT struct{ A int }")
	rec := mustRun(t, s, "type redefT struct{ A int }")
	if rec.text("stderr") != "" {
		t.Errorf("same definition warned: %q", rec.text("stderr"))
	}
	rec, _ = runCell(t, s, "type redefT struct{ B string }")
	if !strings.Contains(rec.text("stderr"), "warning: type redefT") {
		t.Errorf("no warning: %q", rec.text("stderr"))
	}
}

func TestSilent(t *testing.T) {
	s := sess(t)
	rec := &recorder{}
	res := s.Execute(t.Context(), kernelRequestSilent("1 + 2"), rec)
	if res.Error != nil || rec.result() != nil {
		t.Errorf("silent cell: error %v, result %v", res.Error, rec.result())
	}
}

func TestRangeOverInt(t *testing.T) {
	s := sess(t)
	tests := []struct{ code, want string }{
		{"ri := 0\nfor i := range 4 { ri += i }\nri", "6"},
		{"rn := 3\nrc := 0\nfor range rn { rc++ }\nrc", "3"},
		{"func tri(n int) int {\n\tt := 0\n\tfor i := range n + 1 {\n\t\tt += i\n\t}\n\treturn t\n}\ntri(4)", "10"},
		{"rs := []int{5, 6}\nrt := 0\nfor i := range rs { rt += i }\nfor i := range 2 { rt += i }\nrt", "2"},
		// Generic bodies compile at the call: the declaration is rewritten
		// up front, for ranges over certain integers only (the slice range
		// inside must stay a slice range).
		{"func gsum[T int | float64](xs []T, n int) T {\n\tvar s T\n\tfor i := range len(xs) {\n\t\ts += xs[i]\n\t}\n\tm := n - 1\n\tfor range m {\n\t\ts += 1\n\t}\n\tfor j := range xs {\n\t\ts += T(j)\n\t}\n\tfor range 2 {\n\t\ts *= 2\n\t}\n\treturn s\n}\ngsum([]float64{0.5, 1.5}, 3)", "20"},
		{"type gstack[T any] struct{ items []T }\nfunc (s *gstack[T]) fill(v T, n int) {\n\tfor range n {\n\t\ts.items = append(s.items, v)\n\t}\n}\ngs := &gstack[string]{}\ngs.fill(\"a\", 3)\nlen(gs.items)", "3"},
		// A name that is an int in one scope and a slice in another is left
		// to yaegi (these ranges are over slices and must stay so).
		{"func rv1[T any](n int, xss [][]T) int {\n\tc := n\n\tfor _, n := range xss {\n\t\tfor i := range n {\n\t\t\tc += i\n\t\t}\n\t}\n\treturn c\n}\nrv1(0, [][]string{{\"a\", \"b\", \"c\"}})", "3"},
		{"func rv2[T any](xs []T) int {\n\t{\n\t\tn := 2\n\t\t_ = n\n\t}\n\tn := xs\n\tc := 0\n\tfor i := range n {\n\t\tc += i\n\t}\n\treturn c\n}\nrv2([]int{7, 7, 7})", "3"},
		{"func rv3[T any](n int, xs []T) int {\n\tf := func(n []T) int {\n\t\tc := 0\n\t\tfor i := range n {\n\t\t\tc += i\n\t\t}\n\t\treturn c\n\t}\n\treturn f(xs) + n\n}\nrv3(10, []int{1, 1, 1})", "13"},
		// Assigning to the key does not change the count, in a generic body
		// and in a plain cell.
		{"func rv6[T any](n int) int {\n\ts := 0\n\tfor i := range n {\n\t\ts += i\n\t\ti += 10\n\t}\n\treturn s\n}\nrv6[int](5)", "10"},
		{"rk := 0\nfor i := range 5 {\n\trk += i\n\ti += 10\n}\nrk", "10"},
		// Every iteration has its own key, as in Go 1.22.
		{"var rf []func() int\nfor i := range 3 {\n\trf = append(rf, func() int { return i })\n}\nrf[0]() + rf[1]() + rf[2]()", "3"},
	}
	for _, tt := range tests {
		rec, res := runCell(t, s, tt.code)
		if res.Error != nil {
			t.Errorf("%q: %s", tt.code, res.Error)
			continue
		}
		if got := plain(rec); got != tt.want {
			t.Errorf("%q = %q, want %q", tt.code, got, tt.want)
		}
	}
}

// TestSecondSession checks Options.Preload, and that closing a second
// session gives the hooks back to the first.
func TestSecondSession(t *testing.T) {
	s := sess(t)
	s2, err := New(Options{Preload: []string{"strconv"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := plain(mustRun(t, s2, "strconv.Itoa(12)")); got != "12" {
		t.Errorf("preloaded strconv: %q", got)
	}
	s2.Close()
	rec := mustRun(t, s, "display.Text(\"still here\")")
	if k := rec.kinds(); len(k) != 1 || k[0] != "display" {
		t.Errorf("after closing the second session the first lost its publisher: %v", k)
	}
}
