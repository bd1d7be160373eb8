package assist

import "reflect"

//go:generate go run ./internal/gendocs -list docpackages.txt -o docs.json.gz

// Kind classifies a Symbol.
type Kind int

// Kinds of symbols.
const (
	KindPackage Kind = iota
	KindFunc
	KindVar
	KindConst
	KindType
	KindMethod
	KindField
	KindKeyword
	KindBuiltin
)

var kindNames = [...]string{"package", "func", "var", "const", "type", "method", "field", "keyword", "builtin"}

// String returns the lower-case name of k ("func", "method", ...).
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "Kind(?)"
	}
	return kindNames[k]
}

// Symbol is a name a cell can use. Type is its Go type or signature as text
// ("func(int, int, []float64) *mat.Dense", "*Net"); Doc is its doc comment,
// empty when unknown (assist then looks in its embedded documentation).
type Symbol struct {
	Name string
	Kind Kind
	Type string
	Doc  string
}

// Scope is what the running session knows, as assist needs it. The
// interpreter implements it; assist never imports the interpreter.
//
// No method may run user code: completion and inspection must be safe
// between cells.
type Scope interface {
	// Imports maps the names usable for packages in a cell (an alias or the
	// package name) to their import paths.
	Imports() map[string]string
	// Members lists the exported members of a package available to the
	// session.
	Members(importPath string) []Symbol
	// Globals lists the session's top-level vars, consts, funcs and types.
	Globals() []Symbol
	// Lookup returns the current value of a global or of a selector
	// expression on one ("m.W"). It never runs user code.
	Lookup(expr string) (reflect.Value, bool)
	// Methods lists the methods the session declared on the interpreted
	// type typeName (reflect cannot see them).
	Methods(typeName string) []Symbol
}

// FieldScope is an optional extension of Scope: a session that knows the
// declared fields of its interpreted struct types implements it, and assist
// then completes those fields by their declared names.
type FieldScope interface {
	Fields(typeName string) []Symbol
}
