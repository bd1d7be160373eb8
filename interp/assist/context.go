package assist

import (
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"
)

// inLiteral reports whether the end of src lies inside a string, a rune
// literal or a comment, where completion offers nothing.
func inLiteral(src string) bool {
	lr := lex(src)
	if len(lr.toks) == 0 {
		return false
	}
	last := lr.toks[len(lr.toks)-1]
	if last.tok == token.SEMICOLON && last.lit == "\n" && len(lr.toks) > 1 {
		last = lr.toks[len(lr.toks)-2]
	}
	if last.off+len(last.lit) < len(src) {
		return false
	}
	switch last.tok {
	case token.COMMENT:
		if strings.HasPrefix(last.lit, "//") {
			return true
		}
	case token.STRING, token.CHAR:
	default:
		return false
	}
	for _, e := range lr.errs {
		if e.Pos.Offset >= last.off {
			return true // unterminated
		}
	}
	return false
}

func isIdentRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// identStart returns the byte offset where the identifier ending at end
// begins (end when there is none).
func identStart(code string, end int) int {
	i := end
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(code[:i])
		if !isIdentRune(r) {
			break
		}
		i -= n
	}
	// An identifier cannot start with a digit: "1e" is a number.
	for i < end {
		r, n := utf8.DecodeRuneInString(code[i:])
		if !unicode.IsDigit(r) {
			break
		}
		i += n
	}
	return i
}

// identEnd returns the byte offset where the identifier going on at start
// ends.
func identEnd(code string, start int) int {
	i := start
	for i < len(code) {
		r, n := utf8.DecodeRuneInString(code[i:])
		if !isIdentRune(r) {
			break
		}
		i += n
	}
	return i
}

// operandStart returns the byte offset where the operand that ends at end
// begins: a chain of identifiers, selectors, calls and index expressions
// such as mat.NewDense(2, 2, nil).T or xs[0]. It works on tokens, so
// brackets inside strings do not confuse it. It returns end when no operand
// ends there.
func operandStart(code string, end int) int {
	toks := lex(code[:end]).toks
	// Drop the automatic semicolon the scanner adds at EOF.
	if n := len(toks); n > 0 && toks[n-1].tok == token.SEMICOLON && toks[n-1].lit == "\n" {
		toks = toks[:n-1]
	}
	i := len(toks) - 1
	start := end
	for i >= 0 {
		t := toks[i]
		switch t.tok {
		case token.IDENT:
			start = t.off
			i--
		case token.RPAREN, token.RBRACK:
			j := matchOpen(toks, i)
			if j <= 0 {
				return start
			}
			// A call or an index needs an operand before its bracket.
			if p := toks[j-1].tok; p != token.IDENT && p != token.RPAREN && p != token.RBRACK {
				return start
			}
			i = j - 1
			continue
		default:
			return start
		}
		if i >= 0 && toks[i].tok == token.PERIOD {
			i--
			continue
		}
		return start
	}
	return start
}

// matchOpen returns the index of the bracket that opens the one at toks[i].
func matchOpen(toks []lexeme, i int) int {
	depth := 0
	for j := i; j >= 0; j-- {
		switch toks[j].tok {
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth++
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// openCall returns the byte offset just before the innermost call
// parenthesis still open at end, or -1: inspecting inside f(a, | shows f.
func openCall(code string, end int) int {
	toks := lex(code[:end]).toks
	depth := 0
	for j := len(toks) - 1; j >= 0; j-- {
		switch toks[j].tok {
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth++
		case token.LBRACK, token.LBRACE:
			if depth == 0 {
				return -1
			}
			depth--
		case token.LPAREN:
			if depth == 0 {
				return toks[j].off
			}
			depth--
		}
	}
	return -1
}
