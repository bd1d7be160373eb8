package interp

import (
	"regexp"
	"strings"
	"testing"
)

// TestBlankAndDotImportsOfUnavailable checks that a blank or dot import of
// a package the session does not have fails like a plain import of it,
// while blank and dot imports of available packages work.
func TestBlankAndDotImportsOfUnavailable(t *testing.T) {
	s := sess(t)
	cellNum := regexp.MustCompile(`cell\[\d+\]`)
	_, plainRes := runCell(t, s, `import "github.com/nobody/nothing"`)
	if plainRes.Error == nil || !strings.Contains(plainRes.Error.Value, "is not available") {
		t.Fatalf("plain import: %v", plainRes.Error)
	}
	want := cellNum.ReplaceAllString(plainRes.Error.Value, "cell")
	for _, code := range []string{
		`import _ "github.com/nobody/nothing"`,
		`import . "github.com/nobody/nothing"`,
		`import nothing2 "github.com/nobody/nothing"`,
	} {
		_, res := runCell(t, s, code)
		if res.Error == nil {
			t.Errorf("%s: no error", code)
			continue
		}
		if got := cellNum.ReplaceAllString(res.Error.Value, "cell"); res.Error.Name != plainRes.Error.Name || got != want {
			t.Errorf("%s: %s: %s, want %s: %s", code, res.Error.Name, got, plainRes.Error.Name, want)
		}
	}
	// In a block with an available package, the error names the line.
	_, res := runCell(t, s, "import (\n\t_ \"strings\"\n\t_ \"github.com/nobody/other\"\n)")
	if res.Error == nil || !strings.Contains(res.Error.Value, ":3:2: import \"github.com/nobody/other\" is not available") {
		t.Errorf("block: %v", res.Error)
	}
	// Blank and dot imports of available packages work, twice too.
	mustRun(t, s, `import _ "image/png"`)
	mustRun(t, s, `import _ "image/png"`)
	mustRun(t, s, `import _ "strings"`)
	rec := mustRun(t, s, "import . \"unicode/utf8\"\nRuneLen('é')")
	if got := plain(rec); got != "2" {
		t.Errorf("dot import: RuneLen = %q, want 2", got)
	}
}

// TestGonumStatistics imports the gonum packages a lesson reaches for
// besides mat: floats, stat and stat/distuv.
func TestGonumStatistics(t *testing.T) {
	s := sess(t)
	mustRun(t, s, "import (\n\t\"gonum.org/v1/gonum/floats\"\n\t\"gonum.org/v1/gonum/stat\"\n\t\"gonum.org/v1/gonum/stat/distuv\"\n)")
	for code, want := range map[string]string{
		"stat.Mean([]float64{1, 2, 6}, nil)":                            "3",
		"floats.Max([]float64{1, 7, 2})":                                "7",
		"fmt.Sprintf(\"%.4f\", distuv.UnitNormal.CDF(0))":               "0.5000",
		"stat.Correlation([]float64{1, 2, 3}, []float64{2, 4, 6}, nil)": "1",
	} {
		if got := plain(mustRun(t, s, code)); got != want {
			t.Errorf("%s = %s, want %s", code, got, want)
		}
	}
}
