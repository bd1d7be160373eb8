package interp

import (
	"go/scanner"
	"go/token"
	"strings"
)

// runKind is the kind of a run of top-level items of a cell.
type runKind int

const (
	runImport runKind = iota // import declarations
	runDecl                  // const, type, var and func declarations
	runStmt                  // statements
)

// String names the kind.
func (k runKind) String() string {
	switch k {
	case runImport:
		return "import"
	case runDecl:
		return "decl"
	}
	return "stmt"
}

// run is a maximal sequence of top-level items of one kind, in cell order.
// start and end are byte offsets in the cell; line and col are the 1-based
// position of start in the cell (col in bytes, as go/token counts).
type run struct {
	kind       runKind
	start, end int
	line, col  int
}

// splitError is a syntax error found while splitting a cell.
type splitError struct {
	line, col int
	msg       string
}

// splitCell cuts code into runs of imports, declarations and statements, in
// order. It scans tokens with go/scanner, so brackets, strings and comments
// are respected: a top-level item ends at a semicolon (explicit or
// automatic) outside any bracket. A func keyword starts a declaration when
// followed by a name (func f) or by a receiver and a name (func (r T) M);
// otherwise it starts a func literal, which is a statement.
func splitCell(code string) ([]run, *splitError) {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(code))
	var serr *splitError
	var sc scanner.Scanner
	sc.Init(file, []byte(code), func(pos token.Position, msg string) {
		if serr == nil {
			serr = &splitError{line: pos.Line, col: pos.Column, msg: msg}
		}
	}, 0)

	type tok struct {
		pos token.Pos
		tok token.Token
		lit string
	}
	var toks []tok
	for {
		p, t, lit := sc.Scan()
		if t == token.EOF {
			break
		}
		toks = append(toks, tok{p, t, lit})
	}
	if serr != nil {
		return nil, serr
	}

	var runs []run
	depth := 0
	itemStart := -1 // index in toks of the first token of the current item
	lastEnd := 0    // byte offset after the last token of the current item
	flush := func(endIdx int) {
		if itemStart < 0 {
			return
		}
		var ts []token.Token
		for _, t := range toks[itemStart:endIdx] {
			ts = append(ts, t.tok)
		}
		kind := classify(ts)
		off := file.Offset(toks[itemStart].pos)
		if n := len(runs); n > 0 && runs[n-1].kind == kind {
			runs[n-1].end = lastEnd
		} else {
			pos := file.Position(toks[itemStart].pos)
			runs = append(runs, run{kind: kind, start: off, end: lastEnd, line: pos.Line, col: pos.Column})
		}
		itemStart = -1
	}
	for i, t := range toks {
		switch t.tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if depth > 0 {
				depth--
			}
		case token.SEMICOLON:
			if depth == 0 {
				flush(i)
				continue
			}
		}
		if t.tok == token.SEMICOLON && t.lit == "\n" {
			continue // automatic, inside brackets
		}
		if itemStart < 0 {
			itemStart = i
		}
		lit := t.lit
		if lit == "" {
			lit = t.tok.String()
		}
		lastEnd = min(file.Offset(t.pos)+len(lit), len(code))
	}
	flush(len(toks))
	// A run starts after the previous one (past blanks and semicolons), so
	// that the comments before a declaration stay its doc comment.
	prev := 0
	for i := range runs {
		start := prev
		for start < runs[i].start && strings.IndexByte(" \t\r\n;", code[start]) >= 0 {
			start++
		}
		if start < runs[i].start {
			pos := file.Position(file.Pos(start))
			runs[i].start, runs[i].line, runs[i].col = start, pos.Line, pos.Column
		}
		prev = runs[i].end
	}
	return runs, nil
}

// classify tells the kind of the top-level item whose tokens are toks.
func classify(toks []token.Token) runKind {
	n := len(toks)
	at := func(i int) token.Token { return toks[i] }
	switch at(0) {
	case token.IMPORT:
		return runImport
	case token.CONST, token.TYPE, token.VAR:
		return runDecl
	case token.FUNC:
		if n > 1 && at(1) == token.IDENT {
			return runDecl
		}
		if n > 1 && at(1) == token.LPAREN {
			// Skip the parenthesised list: a method has a name after it.
			d := 0
			for i := 1; i < n; i++ {
				switch at(i) {
				case token.LPAREN:
					d++
				case token.RPAREN:
					d--
				}
				if d == 0 {
					if i+2 < n && at(i+1) == token.IDENT && at(i+2) == token.LPAREN {
						return runDecl
					}
					return runStmt
				}
			}
		}
	}
	return runStmt
}
