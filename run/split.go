package run

import (
	"go/scanner"
	"go/token"
	"strings"
)

// Chunk is a piece of a Go script run as one cell.
type Chunk struct {
	// Code is the chunk's source, ending in a newline.
	Code string
	// Line is the line of the script where Code starts (1-based).
	Line int
}

// SplitChunks cuts Go source at its blank lines that lie at the top level:
// outside any brackets, raw strings and block comments. Chunks holding only
// comments are joined to the chunk that follows, so that a doc comment
// stays with its declaration. Source that does not scan is split all the
// same; the interpreter reports its errors.
func SplitChunks(src string) []Chunk {
	lines := strings.SplitAfter(src, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	n := len(lines)
	// Per line (1-based): the bracket depth where it starts, whether a
	// token spans into it from above, and whether it holds code.
	depth := make([]int, n+2)
	inside := make([]bool, n+2)
	code := make([]bool, n+2)

	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), func(token.Position, string) {}, scanner.ScanComments)
	d, next := 0, 1 // next is the first line whose start depth is unknown
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.SEMICOLON && lit == "\n" {
			continue // inserted automatically; not in the source
		}
		line := file.Line(pos)
		for ; next <= line && next <= n; next++ {
			depth[next] = d
		}
		end := line + strings.Count(lit, "\n")
		for l := line + 1; l <= end && l <= n; l++ {
			inside[l] = true
			depth[l] = d
		}
		if end >= next {
			next = end + 1
		}
		if tok != token.COMMENT {
			for l := line; l <= end && l <= n; l++ {
				code[l] = true
			}
		}
		switch tok {
		case token.LBRACE, token.LPAREN, token.LBRACK:
			d++
		case token.RBRACE, token.RPAREN, token.RBRACK:
			d--
		}
	}
	for ; next <= n; next++ {
		depth[next] = d
	}

	var chunks []Chunk
	var cur strings.Builder
	start, hasCode, pending := 0, false, false
	flush := func() {
		if cur.Len() == 0 {
			return
		}
		if !hasCode {
			pending = true // comments only: keep for the next chunk
			return
		}
		chunks = append(chunks, Chunk{Code: cur.String(), Line: start})
		cur.Reset()
		hasCode, pending = false, false
	}
	for i, l := range lines {
		ln := i + 1
		blank := strings.TrimSpace(l) == ""
		if blank && !inside[ln] && depth[ln] <= 0 {
			flush()
			if pending {
				cur.WriteString(ensureNewline(l))
			}
			continue
		}
		if cur.Len() == 0 {
			start = ln
		}
		cur.WriteString(ensureNewline(l))
		hasCode = hasCode || code[ln]
	}
	if cur.Len() > 0 {
		chunks = append(chunks, Chunk{Code: cur.String(), Line: start})
	}
	return chunks
}

func ensureNewline(s string) string {
	if strings.HasSuffix(s, "\n") {
		return s
	}
	return s + "\n"
}
