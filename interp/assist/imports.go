package assist

import (
	"go/token"
	"strings"
)

// PackageScope is an optional extension of Scope: a session that knows the
// import paths it can import (its symbol tables) implements it, and assist
// completes them inside import declarations.
type PackageScope interface {
	Packages() []string
}

// importPathPrefix reports whether the end of src is inside the string of
// an import declaration, and returns the byte offset where the path
// starts. Both forms count: import "fm and import ( ... m "gonum.org/v1/.
func importPathPrefix(src string) (start int, ok bool) {
	lr := lex(src)
	toks := lr.toks
	if n := len(toks); n > 0 && toks[n-1].tok == token.SEMICOLON && toks[n-1].lit == "\n" {
		toks = toks[:n-1] // the semicolon the scanner adds at EOF
	}
	n := len(toks)
	if n == 0 || toks[n-1].tok != token.STRING || !strings.HasPrefix(toks[n-1].lit, `"`) {
		return 0, false
	}
	last := toks[n-1]
	if last.off+len(last.lit) < len(src) || strings.Count(last.lit, `"`) > 1 {
		return 0, false // closed string, or text after it
	}
	i := n - 2
	if i >= 0 && (toks[i].tok == token.IDENT || toks[i].tok == token.PERIOD) {
		i-- // an alias, _ or .
	}
	if i >= 0 && toks[i].tok == token.IMPORT {
		return last.off + 1, true
	}
	// Inside import ( ... ): only specs since the parenthesis.
	for ; i >= 0; i-- {
		switch toks[i].tok {
		case token.STRING, token.IDENT, token.PERIOD, token.SEMICOLON, token.COMMENT:
			continue
		case token.LPAREN:
			if i > 0 && toks[i-1].tok == token.IMPORT {
				return last.off + 1, true
			}
		}
		return 0, false
	}
	return 0, false
}

// importCandidates lists the import paths assist knows of.
func (r *resolver) importCandidates() []Symbol {
	var out []Symbol
	for p := range r.docs.byPath {
		if p != "builtin" {
			out = append(out, Symbol{Name: p, Kind: KindPackage})
		}
	}
	for _, p := range r.imports {
		out = append(out, Symbol{Name: p, Kind: KindPackage})
	}
	if ps, ok := r.s.(PackageScope); ok {
		for _, p := range ps.Packages() {
			out = append(out, Symbol{Name: p, Kind: KindPackage})
		}
	}
	return out
}
