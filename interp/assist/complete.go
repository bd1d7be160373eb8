package assist

import (
	"go/ast"
	"go/parser"
	"sort"
	"strings"
)

// Complete returns the completions of the identifier that ends at cursorPos
// in code. Positions are counted in Unicode code points, as the Jupyter
// protocol requires: matches replace code[start:end] (in code points), and
// end is cursorPos. matches is sorted, without duplicates, and never nil.
//
// After "x." it offers the members of x: the exported members of a package,
// or the methods and fields of a value (live through Scope.Lookup, declared
// earlier in the cell, or documented); elsewhere the keywords, builtins,
// package names, session globals and names the cell declares before the
// cursor, plus the fields of T at a key position of a composite literal
// T{...}. Inside the path string of an import it offers import paths;
// inside any other string or a comment it offers nothing.
func Complete(s Scope, code string, cursorPos int) (matches []string, start, end int) {
	syms, start, end := CompleteSymbols(s, code, cursorPos)
	matches = make([]string, 0, len(syms))
	for _, sym := range syms {
		matches = append(matches, sym.Name)
	}
	return matches, start, end
}

// CompleteSymbols is Complete with the kind, type and doc of each match,
// for front ends that show them (complete_reply metadata).
func CompleteSymbols(s Scope, code string, cursorPos int) (syms []Symbol, start, end int) {
	cur := byteOffset(code, cursorPos)
	end = runeOffset(code, cur)
	if b, ok := importPathPrefix(code[:cur]); ok {
		r := newResolver(s, &cellInfo{})
		return filter(r.importCandidates(), code[b:cur]), runeOffset(code, b), end
	}
	if inLiteral(code[:cur]) {
		return []Symbol{}, end, end
	}
	b := identStart(code, cur)
	prefix := code[b:cur]
	start = runeOffset(code, b)
	var cands []Symbol
	if b > 0 && code[b-1] == '.' {
		recv := operandStart(code, b-1)
		if recv == b-1 {
			return []Symbol{}, end, end
		}
		r := newResolver(s, analyzeCell(code[:recv]))
		cands = r.selectorCandidates(code[recv : b-1])
	} else {
		r := newResolver(s, analyzeCell(code[:b]))
		cands = r.bareCandidates()
		if ts, te, ok := compositeType(code[:cur]); ok {
			if typ := parseType(code[ts:te]); typ != nil {
				cands = append(cands, r.fieldCandidates(typ)...)
			}
		}
	}
	return filter(cands, prefix), start, end
}

// selectorCandidates lists what may follow "recv.".
func (r *resolver) selectorCandidates(recv string) []Symbol {
	// A documented package not imported yet counts: the user is about to.
	if p, ok := r.pkgPath(recv); ok {
		return r.packageMembers(p)
	}
	e, err := parser.ParseExpr(recv)
	if err != nil {
		return nil
	}
	return r.members(r.exprType(e))
}

// packageMembers lists the exported members of a package, from the session
// and the embedded documentation.
func (r *resolver) packageMembers(path string) []Symbol {
	var out []Symbol
	if r.s != nil {
		for _, m := range r.s.Members(path) {
			// yaegi's tables also hold wrapper types such as _Matrix.
			if ast.IsExported(m.Name) {
				out = append(out, m)
			}
		}
	}
	if pd := r.docs.pkg(path); pd != nil {
		for _, name := range pd.top {
			m := pd.members[name]
			out = append(out, Symbol{Name: name, Kind: kindOf(m.Kind), Type: m.Sig, Doc: m.Doc})
		}
	}
	return out
}

// bareCandidates lists every name usable on its own.
func (r *resolver) bareCandidates() []Symbol {
	var out []Symbol
	for k := range keywords {
		out = append(out, Symbol{Name: k, Kind: KindKeyword})
	}
	for _, b := range builtins {
		out = append(out, Symbol{Name: b, Kind: KindBuiltin})
	}
	for name := range r.docs.byName {
		out = append(out, Symbol{Name: name, Kind: KindPackage})
	}
	for name, p := range r.imports {
		out = append(out, Symbol{Name: name, Kind: KindPackage, Type: p})
	}
	for _, g := range r.globals {
		out = append(out, g)
	}
	for name, p := range r.cell.imports {
		out = append(out, Symbol{Name: name, Kind: KindPackage, Type: p})
	}
	for name, b := range r.cell.names {
		out = append(out, Symbol{Name: name, Kind: b.kind})
	}
	return out
}

// filter keeps the candidates that start with prefix, sorted by name and
// without duplicates (the later, more local, symbol of a name wins). When
// none matches exactly, it matches ignoring case.
func filter(cands []Symbol, prefix string) []Symbol {
	pick := func(match func(string) bool) []Symbol {
		byName := map[string]Symbol{}
		for _, c := range cands {
			if c.Name != "" && match(c.Name) {
				if old, ok := byName[c.Name]; ok && c.Doc == "" {
					c.Doc = old.Doc
				}
				byName[c.Name] = c
			}
		}
		out := make([]Symbol, 0, len(byName))
		for _, c := range byName {
			out = append(out, c)
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
		return out
	}
	out := pick(func(n string) bool { return strings.HasPrefix(n, prefix) })
	if len(out) == 0 && prefix != "" {
		lp := strings.ToLower(prefix)
		out = pick(func(n string) bool { return strings.HasPrefix(strings.ToLower(n), lp) })
	}
	return out
}
