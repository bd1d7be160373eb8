package assist_test

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/gokernel/gokernel/interp/assist"
	"gonum.org/v1/gonum/mat"
)

// session is a minimal Scope: one import and one live matrix.
type session struct{ m *mat.Dense }

func (s session) Imports() map[string]string {
	return map[string]string{"mat": "gonum.org/v1/gonum/mat"}
}
func (s session) Members(string) []assist.Symbol { return nil }
func (s session) Globals() []assist.Symbol {
	return []assist.Symbol{{Name: "m", Kind: assist.KindVar, Type: "*mat.Dense"}}
}
func (s session) Lookup(expr string) (reflect.Value, bool) {
	if expr == "m" {
		return reflect.ValueOf(s.m), true
	}
	return reflect.Value{}, false
}
func (s session) Methods(string) []assist.Symbol { return nil }

func ExampleComplete() {
	s := session{m: mat.NewDense(2, 2, nil)}
	code := "x := m.Mu"
	matches, start, end := assist.Complete(s, code, len([]rune(code)))
	fmt.Println(matches, start, end)

	// Positions are code points: é is one, though two bytes.
	code = "é := 1; é"
	matches, start, end = assist.Complete(s, code, len([]rune(code)))
	fmt.Println(matches, start, end)
	// Output:
	// [Mul MulElem] 7 9
	// [é] 8 9
}

func ExampleInspect() {
	code := "a := mat.NewDense("
	text, found := assist.Inspect(session{}, code, len([]rune(code)), 0)
	fmt.Println(found)
	fmt.Println(strings.SplitN(text, "\n", 3)[1])
	// Output:
	// true
	// func NewDense(r, c int, data []float64) *Dense
}

func ExampleIsComplete() {
	for _, code := range []string{"for i := 0; i < 3; i++ {", "x := 1 +", "x := 1", ")"} {
		status, indent := assist.IsComplete(code)
		fmt.Printf("%-26q %-10s %q\n", code, status, indent)
	}
	// Output:
	// "for i := 0; i < 3; i++ {" incomplete "    "
	// "x := 1 +"                 incomplete "    "
	// "x := 1"                   complete   ""
	// ")"                        invalid    ""
}
