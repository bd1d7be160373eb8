package assist

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"
)

// A cell mixes imports, declarations and statements, which no single Go
// grammar rule accepts. splitCell cuts it at the semicolons (explicit or
// automatic) of bracket depth 0 into items; an import, a type declaration or
// a func/method declaration goes to a file, everything else into the body of
// a function. Each part is then parsed on its own.

// lexeme is one token of a cell; off is a byte offset in the cell.
type lexeme struct {
	off int
	tok token.Token
	lit string
}

// lexResult is the scan of a cell.
type lexResult struct {
	toks []lexeme
	// errs are the scanner errors (unterminated strings and comments...).
	errs scanner.ErrorList
}

func lex(code string) lexResult {
	var r lexResult
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(code))
	var s scanner.Scanner
	s.Init(file, []byte(code), func(pos token.Position, msg string) {
		r.errs.Add(pos, msg)
	}, scanner.ScanComments)
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		r.toks = append(r.toks, lexeme{off: file.Offset(pos), tok: tok, lit: lit})
	}
	return r
}

// item is a top-level piece of a cell: code[start:end].
type item struct {
	start, end int
	decl       bool
}

// splitCell cuts a cell into top-level items.
func splitCell(code string, toks []lexeme) []item {
	var items []item
	depth, begin, comment := 0, -1, -1
	var first []lexeme
	flush := func(end int) {
		if begin >= 0 {
			items = append(items, item{start: begin, end: end, decl: isDecl(first)})
		}
		begin, comment, first = -1, -1, nil
	}
	for _, t := range toks {
		if t.tok == token.COMMENT {
			// Comments before an item belong to it (doc comments).
			if begin < 0 && comment < 0 {
				comment = t.off
			}
			continue
		}
		if begin < 0 {
			if t.tok == token.SEMICOLON {
				continue
			}
			begin = t.off
			if comment >= 0 {
				begin = comment
			}
		}
		if len(first) < 64 {
			first = append(first, t)
		}
		switch t.tok {
		case token.LPAREN, token.LBRACE, token.LBRACK:
			depth++
		case token.RPAREN, token.RBRACE, token.RBRACK:
			depth--
		case token.SEMICOLON:
			if depth <= 0 {
				flush(t.off)
			}
		}
	}
	flush(len(code))
	return items
}

// isDecl tells whether an item starting with toks must be parsed at file
// level: imports, type declarations and named funcs or methods. A func
// literal (func() {...}()) stays a statement.
func isDecl(toks []lexeme) bool {
	if len(toks) == 0 {
		return false
	}
	switch toks[0].tok {
	case token.IMPORT, token.TYPE:
		return true
	case token.FUNC:
	default:
		return false
	}
	if len(toks) < 2 {
		return false
	}
	if toks[1].tok == token.IDENT {
		return true
	}
	if toks[1].tok != token.LPAREN {
		return false
	}
	depth := 0
	for i := 1; i < len(toks); i++ {
		switch toks[i].tok {
		case token.LPAREN:
			depth++
		case token.RPAREN:
			depth--
			if depth == 0 {
				return i+2 < len(toks) && toks[i+1].tok == token.IDENT &&
					(toks[i+2].tok == token.LPAREN || toks[i+2].tok == token.LBRACK)
			}
		}
	}
	return false
}

// parsedCell holds the two parses of a cell. declSrc and bodySrc are the
// sources given to the parser; declEnd and bodyEnd are the offsets in them
// where the cell's own text ends (errors at or after them are "at EOF").
type parsedCell struct {
	fset              *token.FileSet
	decls, body       *ast.File
	declErr, bodyErr  error
	declSrc, bodySrc  string
	declEnd, bodyEnd  int
	hasDecls, hasBody bool
}

const (
	declHeader = "package main\n"
	bodyHeader = "package main\nfunc _() {\n"
)

func parseCell(code string, toks []lexeme) *parsedCell {
	var d, b strings.Builder
	d.WriteString(declHeader)
	b.WriteString(bodyHeader)
	p := &parsedCell{fset: token.NewFileSet()}
	for _, it := range splitCell(code, toks) {
		if strings.HasPrefix(code[it.start:], "package") {
			continue // a package clause is implicit in a cell
		}
		w := &b
		if it.decl {
			w, p.hasDecls = &d, true
		} else {
			p.hasBody = true
		}
		w.WriteString(code[it.start:it.end])
		w.WriteString("\n")
	}
	p.declSrc, p.declEnd = d.String(), d.Len()
	p.bodyEnd = b.Len()
	b.WriteString("}\n")
	p.bodySrc = b.String()
	mode := parser.AllErrors | parser.SkipObjectResolution | parser.ParseComments
	p.decls, p.declErr = parser.ParseFile(p.fset, "decls", p.declSrc, mode)
	p.body, p.bodyErr = parser.ParseFile(p.fset, "body", p.bodySrc, mode)
	return p
}

// closers returns the brackets that close those left open by toks, so that
// a cell cut at the cursor still parses.
func closers(toks []lexeme) string {
	var stack []byte
	for _, t := range toks {
		switch t.tok {
		case token.LPAREN:
			stack = append(stack, ')')
		case token.LBRACE:
			stack = append(stack, '}')
		case token.LBRACK:
			stack = append(stack, ']')
		case token.RPAREN, token.RBRACE, token.RBRACK:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	out := make([]byte, 0, 2*len(stack))
	for i := len(stack) - 1; i >= 0; i-- {
		out = append(out, '\n', stack[i])
	}
	return string(out)
}
