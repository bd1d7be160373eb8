package interp_test

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/gokernel/gokernel/interp"
	"github.com/gokernel/gokernel/kernel"
)

// printer is a kernel.Emitter that prints what a cell emits.
type printer struct{}

func (printer) Stream(name, text string) { fmt.Printf("%s: %s", name, text) }
func (printer) Display(data, md kernel.MIMEBundle, id string) {
	fmt.Printf("display: %v\n", data["text/plain"])
}
func (printer) UpdateDisplay(data, md kernel.MIMEBundle, id string) {}
func (printer) ClearOutput(wait bool)                               {}
func (printer) Result(data, md kernel.MIMEBundle) {
	fmt.Printf("result: %v\n", data["text/plain"])
}
func (printer) Input(prompt string, password bool) (string, error) {
	return "", errors.New("no input")
}

func Example() {
	s, err := interp.New(interp.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	cells := []string{
		"func square(x float64) float64 { return x * x }\nfmt.Println(\"ready\")",
		"a := mat.NewDense(2, 2, []float64{1, 2, 3, 4})\na.Scale(square(2), a)\na",
		"undefinedName + 1",
	}
	for i, code := range cells {
		res := s.Execute(context.Background(), kernel.ExecuteRequest{Code: code, Count: i + 1}, printer{})
		if res.Error != nil {
			fmt.Println("error:", res.Error.Value)
		}
	}
	// Output:
	// stdout: ready
	// result: ⎡ 4   8⎤
	// ⎣12  16⎦
	// error: cell[3]:1:1: undefined: undefinedName
}

func ExampleSession_Info() {
	s, err := interp.New(interp.Options{Version: "1.2.3"})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	info := s.Info()
	fmt.Println(info.Implementation, info.ImplementationVersion, info.Language.Name, info.Language.FileExtension)
	fmt.Println(strings.HasPrefix(info.Banner, "gokernel 1.2.3"))
	// Output:
	// gokernel 1.2.3 go .go
	// true
}
