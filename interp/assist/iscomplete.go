package assist

import (
	"errors"
	"go/scanner"
	"go/token"
	"strings"
)

// IsComplete tells a console whether code can run as it is, with the
// statuses of is_complete_reply:
//
//   - "incomplete": brackets are still open, a raw string or a block comment
//     is unterminated, the code ends with a binary operator, a comma, a dot
//     or an assignment, or the parser fails only at the end of the code.
//     indent is four spaces per open bracket (and four more after a
//     trailing operator), for the next line.
//   - "invalid": a closing bracket has no opening one, a string or rune
//     literal is unterminated on its line (Go strings cannot continue on the
//     next line), or the parser fails before the end of the code.
//   - "complete": otherwise, including empty or blank code, as IPython
//     answers for an empty cell (the console then runs nothing).
//
// A cell mixes imports, declarations and statements: the code is split at
// its top-level statements and each kind is parsed in its own wrapping.
// IsComplete never returns "unknown".
func IsComplete(code string) (status, indent string) {
	if strings.TrimSpace(code) == "" {
		return "complete", ""
	}
	lr := lex(code)
	for _, e := range lr.errs {
		switch {
		case strings.Contains(e.Msg, "raw string literal not terminated"),
			strings.Contains(e.Msg, "comment not terminated"):
			return "incomplete", ""
		default:
			return "invalid", ""
		}
	}
	depth := 0
	var last lexeme
	for _, t := range lr.toks {
		switch t.tok {
		case token.COMMENT:
			continue
		case token.SEMICOLON:
			if t.lit == "\n" {
				continue
			}
		case token.LPAREN, token.LBRACE, token.LBRACK:
			depth++
		case token.RPAREN, token.RBRACE, token.RBRACK:
			depth--
			if depth < 0 {
				return "invalid", ""
			}
		}
		last = t
	}
	if depth > 0 {
		return "incomplete", strings.Repeat("    ", depth)
	}
	if continues(last.tok) {
		return "incomplete", "    "
	}
	p := parseCell(code, lr.toks)
	status = "complete"
	for _, part := range []struct {
		err error
		src string
		end int
	}{{p.declErr, p.declSrc, p.declEnd}, {p.bodyErr, p.bodySrc, p.bodyEnd}} {
		switch parseStatus(part.err, part.src, part.end) {
		case "invalid":
			return "invalid", ""
		case "incomplete":
			status = "incomplete"
		}
	}
	return status, ""
}

// continues reports whether a line ending with t must go on: a binary
// operator, a comma, a selector dot, an assignment or an arrow.
func continues(t token.Token) bool {
	switch {
	case t.IsOperator() && t.Precedence() > 0: // binary operators, <-
		return true
	case t >= token.ADD_ASSIGN && t <= token.AND_NOT_ASSIGN:
		return true
	}
	switch t {
	case token.COMMA, token.PERIOD, token.ASSIGN, token.DEFINE, token.ARROW, token.COLON:
		return true
	}
	return false
}

// parseStatus classifies the error of parsing src, whose user text ends at
// end: errors only at or after the last user token mean the code stops too
// early.
func parseStatus(err error, src string, end int) string {
	if err == nil {
		return "complete"
	}
	var list scanner.ErrorList
	if !errors.As(err, &list) {
		return "invalid"
	}
	userEnd := len(strings.TrimRight(src[:end], " \t\r\n"))
	for _, e := range list {
		if e.Pos.Offset < userEnd {
			return "invalid"
		}
	}
	return "incomplete"
}
