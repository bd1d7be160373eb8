package assist

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// previewLimit bounds the text of a value shown by Inspect.
const previewLimit = 600

// errPreviewFull stops formatting once the preview is long enough.
type errPreviewFull struct{}

// boundedWriter collects up to previewLimit bytes, then panics with
// errPreviewFull so that formatting a huge value costs little.
type boundedWriter struct{ strings.Builder }

func (w *boundedWriter) Write(p []byte) (int, error) {
	room := previewLimit - w.Len()
	if len(p) > room {
		w.Builder.Write(p[:max(room, 0)])
		panic(errPreviewFull{})
	}
	return w.Builder.Write(p)
}

// WriteString bounds strings.Builder's own WriteString too.
func (w *boundedWriter) WriteString(s string) (int, error) { return w.Write([]byte(s)) }

// preview renders v in at most about previewLimit bytes without running
// interpreted code: a value of a documented (compiled library) type is
// shown by its own String or Error method, or as a matrix when it has Dims
// and At; every other value is walked with reflect, calling no method.
func preview(v reflect.Value) (s string) {
	var w boundedWriter
	defer func() {
		if r := recover(); r != nil {
			s = w.String() + " …"
			if _, full := r.(errPreviewFull); !full {
				s = fmt.Sprintf("<cannot show value: %v>", r)
			}
		}
	}()
	// Look at the dynamic type: an interface such as fmt.Stringer may hold
	// a yaegi wrapper whose String method runs interpreted code.
	for v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	switch {
	case !documentedType(v.Type()) || !v.CanInterface():
		walk(&w, v, 0)
	case isMatrix(v):
		writeMatrix(&w, v.Interface().(matrix))
	case isStringer(v):
		fmt.Fprintf(&w, "%v", v.Interface())
	default:
		// fmt would call the methods of nested interface values, which
		// may be yaegi wrappers around interpreted code.
		walk(&w, v, 0)
	}
	return w.String()
}

// matrix is the read side of gonum's mat.Matrix, seen without importing
// gonum.
type matrix interface {
	Dims() (r, c int)
	At(i, j int) float64
}

// isStringer reports whether v formats itself with String or Error.
func isStringer(v reflect.Value) bool {
	switch v.Interface().(type) {
	case fmt.Stringer, error:
		return !(v.Kind() == reflect.Pointer && v.IsNil())
	}
	return false
}

func isMatrix(v reflect.Value) bool {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return false
	}
	_, ok := v.Interface().(matrix)
	return ok
}

// writeMatrix shows the dimensions and the top-left corner of a matrix.
func writeMatrix(w *boundedWriter, m matrix) {
	r, c := m.Dims()
	fmt.Fprintf(w, "%d×%d matrix", r, c)
	const corner = 6
	for i := 0; i < min(r, corner); i++ {
		w.WriteString("\n ")
		for j := 0; j < min(c, corner); j++ {
			fmt.Fprintf(w, " %8.4g", m.At(i, j))
		}
		if c > corner {
			w.WriteString("  …")
		}
	}
	if r > corner {
		w.WriteString("\n  ⋮")
	}
}

// documentedType reports whether t (or what it points to) is a named type
// of a package in the embedded documentation: compiled code whose methods
// are safe to call.
func documentedType(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Name() != "" && t.PkgPath() != "" && loadDocs().pkg(t.PkgPath()) != nil
}

func walk(w *boundedWriter, v reflect.Value, depth int) {
	if !v.IsValid() {
		w.WriteString("<nil>")
		return
	}
	if depth > 4 {
		w.WriteString("…")
		return
	}
	if depth > 0 && documentedType(v.Type()) && v.CanInterface() {
		switch {
		case isMatrix(v):
			r, c := v.Interface().(matrix).Dims()
			fmt.Fprintf(w, "<%s %d×%d>", v.Type(), r, c)
			return
		case isStringer(v):
			fmt.Fprintf(w, "%v", v.Interface())
			return
		}
	}
	switch v.Kind() {
	case reflect.Bool:
		w.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		w.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		w.WriteString(strconv.FormatFloat(v.Float(), 'g', -1, 64))
	case reflect.Complex64, reflect.Complex128:
		w.WriteString(strconv.FormatComplex(v.Complex(), 'g', -1, 128))
	case reflect.String:
		s := v.String()
		if len(s) > previewLimit {
			s = s[:previewLimit]
		}
		w.WriteString(strconv.Quote(s))
	case reflect.Pointer:
		if v.IsNil() {
			w.WriteString("nil")
			return
		}
		w.WriteString("&")
		walk(w, v.Elem(), depth+1)
	case reflect.Interface:
		if v.IsNil() {
			w.WriteString("nil")
			return
		}
		walk(w, v.Elem(), depth+1)
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			w.WriteString("[]")
			return
		}
		fmt.Fprintf(w, "[")
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				w.WriteString(" ")
			}
			walk(w, v.Index(i), depth+1)
		}
		w.WriteString("]")
	case reflect.Map:
		w.WriteString("map[")
		it := v.MapRange()
		for i := 0; it.Next(); i++ {
			if i > 0 {
				w.WriteString(" ")
			}
			walk(w, it.Key(), depth+1)
			w.WriteString(":")
			walk(w, it.Value(), depth+1)
		}
		w.WriteString("]")
	case reflect.Struct:
		w.WriteString("{")
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			if i > 0 {
				w.WriteString(" ")
			}
			name := t.Field(i).Name
			if t.Name() == "" {
				name = sourceFieldName(name)
			}
			w.WriteString(name + ":")
			walk(w, v.Field(i), depth+1)
		}
		w.WriteString("}")
	default:
		fmt.Fprintf(w, "<%s>", v.Type())
	}
}
