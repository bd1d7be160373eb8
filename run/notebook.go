package run

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gokernel/gokernel/install"
	"github.com/gokernel/gokernel/kernel"
)

// Notebook is an nbformat 4 notebook held as generic JSON, so that fields
// run does not know survive a read-execute-write round trip.
type Notebook struct {
	doc   map[string]any
	cells []map[string]any
}

// ReadNotebook decodes an nbformat 4 notebook. Multi-line strings stored as
// lists of lines are joined.
func ReadNotebook(r io.Reader) (*Notebook, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("run: notebook is not JSON: %w", err)
	}
	if v, _ := doc["nbformat"].(json.Number); v.String() != "4" {
		return nil, fmt.Errorf("run: nbformat %v is not supported, want 4", doc["nbformat"])
	}
	raw, ok := doc["cells"].([]any)
	if !ok {
		return nil, errors.New(`run: notebook has no "cells" list`)
	}
	nb := &Notebook{doc: doc}
	for i, c := range raw {
		cell, ok := c.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("run: cell %d is not an object", i)
		}
		joinMultiline(cell)
		nb.cells = append(nb.cells, cell)
	}
	return nb, nil
}

// Encode writes the notebook as nbformat does: keys sorted, one-space
// indent, text split into lines, no HTML escaping.
func (nb *Notebook) Encode(w io.Writer) error {
	cells := make([]any, len(nb.cells))
	for i, c := range nb.cells {
		cells[i] = splitMultiline(c)
	}
	nb.doc["cells"] = cells
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(nb.doc); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// NumCells returns the number of cells of every type.
func (nb *Notebook) NumCells() int { return len(nb.cells) }

// Cell returns the type ("code", "markdown", "raw") and source of cell i.
func (nb *Notebook) Cell(i int) (cellType, source string) {
	c := nb.cells[i]
	cellType, _ = c["cell_type"].(string)
	source, _ = c["source"].(string)
	return cellType, source
}

// Outputs returns the outputs of cell i as nbformat objects; text values are
// whole strings. The maps belong to the notebook.
func (nb *Notebook) Outputs(i int) []map[string]any {
	outs, _ := nb.cells[i]["outputs"].([]any)
	res := make([]map[string]any, 0, len(outs))
	for _, o := range outs {
		if m, ok := o.(map[string]any); ok {
			res = append(res, m)
		}
	}
	return res
}

// setLanguageInfo records the interpreter's language in the metadata, as
// nbclient does from kernel_info, and names the kernelspec when missing.
func (nb *Notebook) setLanguageInfo(info kernel.Info) {
	md, _ := nb.doc["metadata"].(map[string]any)
	if md == nil {
		md = map[string]any{}
		nb.doc["metadata"] = md
	}
	li := map[string]any{"name": info.Language.Name}
	for k, v := range map[string]string{
		"version": info.Language.Version, "mimetype": info.Language.MIMEType,
		"file_extension": info.Language.FileExtension, "pygments_lexer": info.Language.PygmentsLexer,
		"codemirror_mode": info.Language.CodeMirrorMode, "nbconvert_exporter": info.Language.NbconvertExporter,
	} {
		if v != "" {
			li[k] = v
		}
	}
	md["language_info"] = li
	if _, ok := md["kernelspec"]; !ok {
		md["kernelspec"] = map[string]any{
			"name": install.Name, "display_name": install.DisplayName, "language": install.Language,
		}
	}
}

// multilineKey reports whether nbformat stores the value under key (in a
// cell, an output or a data bundle) as a list of lines.
func multilineKey(key string) bool {
	return key == "source" || key == "text" ||
		(strings.HasPrefix(key, "text/") || key == "image/svg+xml" || key == "application/javascript")
}

func joinMultiline(cell map[string]any) {
	joinIn(cell)
	outs, _ := cell["outputs"].([]any)
	for _, o := range outs {
		if m, ok := o.(map[string]any); ok {
			joinIn(m)
			if d, ok := m["data"].(map[string]any); ok {
				joinData(d)
			}
		}
	}
}

// joinData joins every line list of a MIME bundle except JSON values, as
// nbformat's reader does.
func joinData(d map[string]any) {
	for k, v := range d {
		if k == "application/json" || (strings.HasPrefix(k, "application/") && strings.HasSuffix(k, "+json")) {
			continue
		}
		if lines, ok := v.([]any); ok {
			d[k] = joinLines(lines, v)
		}
	}
}

// joinLines concatenates lines when they are all strings, else returns orig.
func joinLines(lines []any, orig any) any {
	var sb strings.Builder
	for _, l := range lines {
		s, ok := l.(string)
		if !ok {
			return orig
		}
		sb.WriteString(s)
	}
	return sb.String()
}

func joinIn(m map[string]any) {
	for k, v := range m {
		if !multilineKey(k) {
			continue
		}
		if lines, ok := v.([]any); ok {
			m[k] = joinLines(lines, v)
		}
	}
}

// splitMultiline returns a copy of cell with its text in line lists.
func splitMultiline(cell map[string]any) map[string]any {
	c := splitIn(cell)
	if outs, ok := c["outputs"].([]any); ok {
		res := make([]any, len(outs))
		for i, o := range outs {
			m, ok := o.(map[string]any)
			if !ok {
				res[i] = o
				continue
			}
			m = splitIn(m)
			if d, ok := m["data"].(map[string]any); ok {
				m["data"] = splitIn(d)
			}
			res[i] = m
		}
		c["outputs"] = res
	}
	return c
}

func splitIn(m map[string]any) map[string]any {
	c := make(map[string]any, len(m))
	for k, v := range m {
		if s, ok := v.(string); ok && multilineKey(k) {
			c[k] = splitLines(s)
			continue
		}
		c[k] = v
	}
	return c
}

// splitLines splits s after each newline, as nbformat's split_lines does.
func splitLines(s string) []any {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	res := make([]any, len(lines))
	for i, l := range lines {
		res[i] = l
	}
	return res
}
