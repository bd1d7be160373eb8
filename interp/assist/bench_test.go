package assist

import (
	"strings"
	"testing"

	"github.com/gokernel/gokernel/interp/assist/internal/docfile"
)

// longCell is a 200-line cell of mixed declarations and statements.
var longCell = func() string {
	var b strings.Builder
	b.WriteString("import \"gonum.org/v1/gonum/mat\"\n")
	for i := 0; i < 40; i++ {
		b.WriteString("func f" + string(rune('a'+i%26)) + "(x float64) float64 {\n\treturn x * 2\n}\n")
		b.WriteString("d := mat.NewDense(2, 2, nil)\n")
		b.WriteString("d.Scale(2, d)\n")
	}
	return b.String()
}()

func BenchmarkComplete(b *testing.B) {
	s := newFakeScope()
	cases := map[string]string{
		"package": "mat.NewD",
		"value":   "layer.W.Mu",
		"bare":    "co",
		"long":    longCell + "d.Mu",
	}
	for name, code := range cases {
		pos := len([]rune(code))
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				Complete(s, code, pos)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "requests/s")
		})
	}
}

func BenchmarkInspect(b *testing.B) {
	s := newFakeScope()
	code := "x := mat.NewDense(2, "
	pos := len([]rune(code))
	for b.Loop() {
		Inspect(s, code, pos, 1)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "requests/s")
}

func BenchmarkIsComplete(b *testing.B) {
	b.SetBytes(int64(len(longCell)))
	for b.Loop() {
		IsComplete(longCell)
	}
}

// BenchmarkDecodeDocs measures the one-time cost of the first request.
func BenchmarkDecodeDocs(b *testing.B) {
	b.SetBytes(int64(len(docsData)))
	for b.Loop() {
		if _, err := docfile.Decode(docsData); err != nil {
			b.Fatal(err)
		}
	}
}
