package interp

import (
	"go/constant"
	"reflect"
	"sort"
	"strings"

	"github.com/gokernel/gokernel/interp/assist"
	"github.com/gokernel/gokernel/kernel"
)

// The session implements assist.Scope (and assist.FieldScope) and hands
// completion, inspection and is_complete to package assist. None of these
// methods runs user code or touches the interpreter's run state, so they are
// safe between cells, and even while an interrupted cell is still stopping.
var (
	_ assist.Scope       = (*Session)(nil)
	_ assist.FieldScope  = (*Session)(nil)
	_ kernel.Interpreter = (*Session)(nil)
)

// Complete implements kernel.Interpreter.
func (s *Session) Complete(code string, cursorPos int) kernel.Completion {
	syms, start, end := assist.CompleteSymbols(s, code, cursorPos)
	matches := make([]string, 0, len(syms))
	for _, sym := range syms {
		matches = append(matches, sym.Name)
	}
	return kernel.Completion{
		Matches:     matches,
		CursorStart: start,
		CursorEnd:   end,
		Metadata:    map[string]any{"_jupyter_types_experimental": assist.TypesMetadata(syms, start, end)},
	}
}

// Inspect implements kernel.Interpreter.
func (s *Session) Inspect(code string, cursorPos int, detailLevel int) kernel.Inspection {
	text, found := assist.Inspect(s, code, cursorPos, detailLevel)
	if !found {
		return kernel.Inspection{Found: false, Data: kernel.MIMEBundle{}, Metadata: map[string]any{}}
	}
	return kernel.Inspection{Found: true, Data: kernel.MIMEBundle{"text/plain": text}, Metadata: map[string]any{}}
}

// IsComplete implements kernel.Interpreter.
func (s *Session) IsComplete(code string) kernel.Completeness {
	status, indent := assist.IsComplete(code)
	return kernel.Completeness{Status: status, Indent: indent}
}

// hidden reports whether a name belongs to the session's machinery.
func hidden(name string) bool { return strings.HasPrefix(name, "_") }

// Imports implements assist.Scope.
func (s *Session) Imports() map[string]string {
	m := s.book.importsCopy()
	for k := range m {
		if hidden(k) {
			delete(m, k)
		}
	}
	return m
}

// Members implements assist.Scope: the exported members of a compiled
// package from the symbol tables.
func (s *Session) Members(importPath string) (out []assist.Symbol) {
	if importPath == "" {
		return nil
	}
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	for _, syms := range s.yi.Symbols(importPath) {
		for name, v := range syms {
			if hidden(name) || !v.IsValid() {
				continue
			}
			out = append(out, symbolOf(name, v))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// symbolOf classifies an entry of a yaegi symbol table.
func symbolOf(name string, v reflect.Value) assist.Symbol {
	sym := assist.Symbol{Name: name}
	switch {
	case v.Type().Implements(reflect.TypeOf((*constant.Value)(nil)).Elem()):
		sym.Kind = assist.KindConst
		if c, ok := v.Interface().(constant.Value); ok {
			sym.Type = "untyped " + strings.ToLower(c.Kind().String())
		}
	case v.CanAddr():
		sym.Kind, sym.Type = assist.KindVar, v.Type().String()
	case v.Kind() == reflect.Func:
		sym.Kind, sym.Type = assist.KindFunc, v.Type().String()
	case v.Kind() == reflect.Pointer && v.IsNil():
		sym.Kind, sym.Type = assist.KindType, v.Type().Elem().String()
	default:
		sym.Kind, sym.Type = assist.KindConst, v.Type().String()
	}
	return sym
}

var declKinds = map[string]assist.Kind{
	"var": assist.KindVar, "const": assist.KindConst, "func": assist.KindFunc, "type": assist.KindType,
}

// Globals implements assist.Scope: what the cells declared, with the doc
// comments written in the cells and the types of the current values.
func (s *Session) Globals() []assist.Symbol {
	vals := s.globals()
	var out []assist.Symbol
	for _, d := range s.book.sortedDecls() {
		name := d.Name
		if name == mainAlias {
			name = "main"
		} else if hidden(name) {
			continue
		}
		sym := assist.Symbol{Name: name, Kind: declKinds[d.Kind], Type: d.Type, Doc: d.Doc}
		if v, ok := vals[d.Name]; ok && v.IsValid() && sym.Type == "" {
			sym.Type = v.Type().String()
		}
		out = append(out, sym)
	}
	return out
}

// Lookup implements assist.Scope: a global, a package member, or fields and
// methods selected on a global ("m.W"). It reads values and never calls
// them.
func (s *Session) Lookup(expr string) (_ reflect.Value, found bool) {
	defer func() {
		if recover() != nil {
			found = false
		}
	}()
	parts := strings.Split(strings.TrimSpace(expr), ".")
	if len(parts) == 0 || parts[0] == "" || hidden(parts[0]) {
		return reflect.Value{}, false
	}
	if parts[0] == "main" {
		parts[0] = mainAlias
	}
	var v reflect.Value
	if p, ok := s.Imports()[parts[0]]; ok {
		if len(parts) < 2 {
			return reflect.Value{}, false
		}
		for _, syms := range s.yi.Symbols(p) {
			v = syms[parts[1]]
		}
		parts = parts[1:]
	} else {
		var ok bool
		if v, ok = s.globals()[parts[0]]; !ok {
			return reflect.Value{}, false
		}
	}
	for _, name := range parts[1:] {
		if !v.IsValid() {
			return reflect.Value{}, false
		}
		if m := v.MethodByName(name); m.IsValid() {
			v = m
			continue
		}
		for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct {
			return reflect.Value{}, false
		}
		f := v.FieldByName(name)
		if !f.IsValid() {
			f = v.FieldByName("X" + name) // yaegi's name for an unexported field
		}
		v = f
	}
	return v, v.IsValid()
}

// Methods implements assist.Scope: the methods the cells declared on
// typeName.
func (s *Session) Methods(typeName string) []assist.Symbol {
	s.book.mu.RLock()
	defer s.book.mu.RUnlock()
	var out []assist.Symbol
	for _, d := range s.book.methods[typeName] {
		out = append(out, assist.Symbol{Name: d.Name, Kind: assist.KindMethod, Type: d.Type, Doc: d.Doc})
	}
	return out
}

// Fields implements assist.FieldScope: the fields the cells declared in
// the struct type typeName.
func (s *Session) Fields(typeName string) []assist.Symbol {
	s.book.mu.RLock()
	defer s.book.mu.RUnlock()
	var out []assist.Symbol
	for _, d := range s.book.fields[typeName] {
		out = append(out, assist.Symbol{Name: d.Name, Kind: assist.KindField, Type: d.Type, Doc: d.Doc})
	}
	return out
}
