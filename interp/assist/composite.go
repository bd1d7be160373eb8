package assist

import (
	"go/ast"
	"go/token"
)

// compositeType finds, when the end of src is at a key position of a
// struct composite literal (T{ or T{A: 1, ), the byte span of the type
// expression T. ok is false elsewhere, in blocks (if x {) in particular.
func compositeType(src string) (start, end int, ok bool) {
	toks := lex(src).toks
	if n := len(toks); n > 0 && toks[n-1].tok == token.SEMICOLON && toks[n-1].lit == "\n" {
		toks = toks[:n-1]
	}
	// Drop the identifier being typed.
	if n := len(toks); n > 0 && toks[n-1].tok == token.IDENT && toks[n-1].off+len(toks[n-1].lit) == len(src) {
		toks = toks[:n-1]
	}
	// Walk back to the innermost open brace; a colon at its level means a
	// value position.
	depth, comma := 0, false
	i := len(toks) - 1
	for ; i >= 0; i-- {
		switch toks[i].tok {
		case token.COMMA:
			if depth == 0 {
				comma = true
			}
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth++
		case token.LPAREN, token.LBRACK:
			if depth == 0 {
				return 0, 0, false
			}
			depth--
		case token.LBRACE:
			if depth > 0 {
				depth--
				continue
			}
			goto found
		case token.COLON, token.SEMICOLON:
			if depth == 0 && !comma {
				return 0, 0, false
			}
		}
	}
	return 0, 0, false
found:
	// The type: Name or pkg.Name right before the brace...
	j := i - 1
	if j < 0 || toks[j].tok != token.IDENT {
		return 0, 0, false
	}
	end = toks[j].off + len(toks[j].lit)
	start = toks[j].off
	if j >= 2 && toks[j-1].tok == token.PERIOD && toks[j-2].tok == token.IDENT {
		j -= 2
		start = toks[j].off
	}
	// ...after a token that can precede an operand outside a statement
	// header: x := T{, f(T{, &T{, return T{, []T{T{.
	if j == 0 {
		return start, end, true
	}
	switch toks[j-1].tok {
	case token.ASSIGN, token.DEFINE, token.LPAREN, token.COMMA, token.LBRACE,
		token.COLON, token.AND, token.RETURN, token.SEMICOLON:
		return start, end, true
	}
	return 0, 0, false
}

// fieldCandidates lists the fields of the struct type written as typ.
func (r *resolver) fieldCandidates(typ ast.Expr) []Symbol {
	t := r.typeExpr(typ, "")
	if !t.known() {
		return nil
	}
	if t.rt == nil {
		// A compiled type: yaegi's table holds it as a nil *T.
		if v, ok := r.lookup(selectorString(typ)); ok {
			t.rt = v.Type()
		}
	}
	var out []Symbol
	for _, m := range r.members(t) {
		if m.Kind == KindField {
			out = append(out, m)
		}
	}
	return out
}
