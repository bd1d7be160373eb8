package interp

import (
	"context"
	"testing"

	"github.com/gokernel/gokernel/kernel"
)

// nullEmitter discards everything.
type nullEmitter struct{ recorder }

func (*nullEmitter) Stream(name, text string)                  {}
func (*nullEmitter) Result(data, md kernel.MIMEBundle)         {}
func (*nullEmitter) Display(d, m kernel.MIMEBundle, id string) {}

// BenchmarkExecute measures a whole cell: split, parse, rewrite, sentinel,
// compile, execute and the result bundle of `1 + 1`.
func BenchmarkExecute(b *testing.B) {
	s := sess(b)
	out := &nullEmitter{}
	req := kernel.ExecuteRequest{Code: "1 + 1", Count: 1}
	b.ReportAllocs()
	for b.Loop() {
		if res := s.Execute(context.Background(), req, out); res.Error != nil {
			b.Fatal(res.Error)
		}
	}
}

// BenchmarkExecutePrint measures a cell that prints a line through fd 1.
func BenchmarkExecutePrint(b *testing.B) {
	s := sess(b)
	out := &nullEmitter{}
	req := kernel.ExecuteRequest{Code: "fmt.Println(\"x\")", Count: 1}
	for b.Loop() {
		if res := s.Execute(context.Background(), req, out); res.Error != nil {
			b.Fatal(res.Error)
		}
	}
}
