package assist

import (
	"go/constant"
	"math"
	"reflect"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// fakeScope is a session made of real Go values, as the interpreter would
// expose them.
type fakeScope struct {
	imports map[string]string
	members map[string][]Symbol
	globals []Symbol
	values  map[string]any
	methods map[string][]Symbol
	fields  map[string][]Symbol
}

func (f *fakeScope) Imports() map[string]string       { return f.imports }
func (f *fakeScope) Members(path string) []Symbol     { return f.members[path] }
func (f *fakeScope) Globals() []Symbol                { return f.globals }
func (f *fakeScope) Methods(typeName string) []Symbol { return f.methods[typeName] }

// Lookup resolves a global and then field selectors on it.
func (f *fakeScope) Lookup(expr string) (reflect.Value, bool) {
	parts := strings.Split(expr, ".")
	if path, ok := f.imports[parts[0]]; ok && len(parts) == 2 {
		v, ok := f.values[path+"."+parts[1]]
		return reflect.ValueOf(v), ok
	}
	x, ok := f.values[parts[0]]
	if !ok {
		return reflect.Value{}, false
	}
	v, isValue := x.(reflect.Value)
	if !isValue {
		v = reflect.ValueOf(x)
	}
	for _, p := range parts[1:] {
		for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct {
			return reflect.Value{}, false
		}
		v = v.FieldByName(p)
		if !v.IsValid() {
			return reflect.Value{}, false
		}
	}
	return v, true
}

// withFields adds the optional FieldScope.
type withFields struct{ *fakeScope }

func (f withFields) Fields(typeName string) []Symbol { return f.fields[typeName] }

// Layer is a compiled struct type, like a library type.
type Layer struct {
	W      *mat.Dense
	Rate   float64
	hidden int
}

// Forward is a method on the pointer method set.
func (l *Layer) Forward(x *mat.Dense) *mat.Dense {
	l.hidden++
	return x
}

// Name is a method on the value method set.
func (l Layer) Name() string { return "layer" }

const matPath = "gonum.org/v1/gonum/mat"

func newFakeScope() *fakeScope {
	m := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
	layer := &Layer{W: mat.NewDense(3, 1, nil), Rate: 0.5}
	// An interpreted struct: yaegi builds it with reflect.StructOf, so it
	// has no name and no methods.
	netType := reflect.StructOf([]reflect.StructField{
		{Name: "Layers", Type: reflect.TypeOf([]*Layer{})},
		{Name: "Xsize", Type: reflect.TypeOf(0)},
	})
	net := reflect.New(netType)
	net.Elem().Field(0).Set(reflect.ValueOf([]*Layer{layer}))
	net.Elem().Field(1).SetInt(7)
	return &fakeScope{
		imports: map[string]string{"mat": matPath, "fmt": "fmt", "math": "math"},
		members: map[string][]Symbol{
			matPath: {
				{Name: "NewDense", Kind: KindFunc, Type: reflect.TypeOf(mat.NewDense).String()},
				{Name: "Dense", Kind: KindType, Type: "mat.Dense"},
				{Name: "NewSessionOnly", Kind: KindFunc, Type: "func()", Doc: "NewSessionOnly exists only in the session."},
			},
		},
		globals: []Symbol{
			{Name: "m", Kind: KindVar, Type: "*mat.Dense"},
			{Name: "layer", Kind: KindVar, Type: "*assist.Layer"},
			{Name: "net", Kind: KindVar, Type: "*Net"},
			{Name: "Net", Kind: KindType, Type: "struct{Layers []*Layer; size int}"},
			{Name: "NewNet", Kind: KindFunc, Type: "func(n int) *Net", Doc: "NewNet builds a network."},
			{Name: "count", Kind: KindVar, Type: "int"},
		},
		values: map[string]any{
			"m":     m,
			"layer": layer,
			"net":   net.Interface(),
			"count": 42,
			"NewNet": func(n int) any {
				return nil
			},
			matPath + ".NewDense": mat.NewDense,
			"math.Pi":             constant.MakeFloat64(math.Pi), // as yaegi stores it
		},
		methods: map[string][]Symbol{
			"Net": {{Name: "Train", Kind: KindMethod, Type: "func(epochs int) float64", Doc: "Train fits the net."}},
		},
		fields: map[string][]Symbol{
			"Net": {{Name: "Layers", Kind: KindField, Type: "[]*Layer"}, {Name: "size", Kind: KindField, Type: "int"}},
		},
	}
}
