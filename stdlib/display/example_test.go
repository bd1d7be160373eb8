package display_test

import (
	"fmt"
	"sort"

	"github.com/gokernel/gokernel/stdlib/display"
)

// printer is a Publisher that prints what a kernel would send.
type printer struct{}

func (printer) Publish(b display.Bundle, id string, update bool) {
	kind := "display_data"
	if update {
		kind = "update_display_data"
	}
	var mimes []string
	for k := range b.Data {
		mimes = append(mimes, k)
	}
	sort.Strings(mimes)
	fmt.Println(kind, id != "", mimes)
}

func (printer) Clear(wait bool) { fmt.Println("clear_output wait:", wait) }

func ExampleHTML() {
	display.SetPublisher(printer{})
	defer display.SetPublisher(nil)

	display.HTML("<b>hi</b>")
	display.Markdown("# Title")
	// Output:
	// display_data false [text/html text/plain]
	// display_data false [text/markdown text/plain]
}

func ExampleNew() {
	display.SetPublisher(printer{})
	defer display.SetPublisher(nil)

	d := display.New()
	for i := range 3 {
		d.Text(fmt.Sprint("epoch ", i))
	}
	// Output:
	// display_data true [text/plain]
	// update_display_data true [text/plain]
	// update_display_data true [text/plain]
}

type celsius float64

func (c celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }
func (c celsius) HTML() string   { return fmt.Sprintf("<b>%.1f</b>&deg;C", float64(c)) }

func ExampleBundleOf() {
	b, rich := display.BundleOf(celsius(21.5))
	fmt.Println(rich)
	fmt.Println(b.Data["text/plain"])
	fmt.Println(b.Data["text/html"])
	// Output:
	// true
	// 21.5°C
	// <b>21.5</b>&deg;C
}
