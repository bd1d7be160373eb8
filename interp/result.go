package interp

import (
	"bytes"
	"fmt"
	"reflect"

	"github.com/gokernel/gokernel/stdlib/display"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// Size of a plot shown as the value of a cell.
const (
	plotWidth  = 6 * vg.Inch
	plotHeight = 4 * vg.Inch
)

// maxMatrixShow is the largest dimension printed in full; larger matrices
// are shown as an excerpt of their corners.
const maxMatrixShow = 12

// bundleOf returns the MIME bundle of a value shown by a cell: a *plot.Plot
// is rendered to PNG, a mat.Matrix is printed with mat.Formatted, and any
// other value goes through display.BundleOf (PNG(), HTML(), String()...).
// extras are representations found by calling methods of interpreted types
// in the interpreter; they win over what compiled code sees.
func (s *Session) bundleOf(v any, extras map[string]any) (data, md map[string]any) {
	var b display.Bundle
	switch x := v.(type) {
	case *plot.Plot:
		b = plotBundle(x)
	case mat.Matrix:
		b, _ = display.BundleOf(v)
		if !isNil(x) {
			b.Data[display.MIMEText] = formatMatrix(x)
		}
	default:
		b, _ = display.BundleOf(v)
	}
	if len(extras) > 0 {
		raw := map[string]any{}
		for k, e := range extras {
			raw[k] = e
		}
		if _, ok := raw[display.MIMEText]; !ok {
			raw[display.MIMEText] = b.Data[display.MIMEText]
		}
		b, _ = display.BundleOf(display.Bundle{Data: raw})
	}
	if b.Metadata == nil {
		b.Metadata = map[string]any{}
	}
	return b.Data, b.Metadata
}

func isNil(v any) bool {
	r := reflect.ValueOf(v)
	switch r.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan:
		return r.IsNil()
	}
	return false
}

// formatMatrix prints m as a matrix, an excerpt of its corners when large.
func formatMatrix(m mat.Matrix) string {
	r, c := m.Dims()
	opts := []mat.FormatOption{mat.Squeeze()}
	head := ""
	if r > maxMatrixShow || c > maxMatrixShow {
		opts = append(opts, mat.Excerpt(3))
		head = fmt.Sprintf("%T %d×%d\n", m, r, c)
	}
	return head + fmt.Sprintf("%v", mat.Formatted(m, opts...))
}

// plotBundle renders p as PNG.
func plotBundle(p *plot.Plot) display.Bundle {
	text := "plot"
	if p != nil && p.Title.Text != "" {
		text = "plot: " + p.Title.Text
	}
	if p == nil {
		return display.Bundle{Data: map[string]any{display.MIMEText: "<nil plot>"}, Metadata: map[string]any{}}
	}
	w, err := p.WriterTo(plotWidth, plotHeight, "png")
	if err != nil {
		return display.Bundle{Data: map[string]any{display.MIMEText: "plot: " + err.Error()}, Metadata: map[string]any{}}
	}
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		return display.Bundle{Data: map[string]any{display.MIMEText: "plot: " + err.Error()}, Metadata: map[string]any{}}
	}
	b, _ := display.BundleOf(display.Bundle{Data: map[string]any{display.MIMEPNG: buf.Bytes(), display.MIMEText: "<" + text + ">"}})
	return b
}
