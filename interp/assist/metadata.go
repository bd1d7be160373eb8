package assist

import "strings"

// jupyterTypes maps kinds to the completion types JupyterLab draws icons
// for (the names IPython's jedi completer uses).
var jupyterTypes = [...]string{
	KindPackage: "module",
	KindFunc:    "function",
	KindVar:     "instance",
	KindConst:   "instance",
	KindType:    "class",
	KindMethod:  "function",
	KindField:   "property",
	KindKeyword: "keyword",
	KindBuiltin: "function",
}

// TypesMetadata returns the value of the "_jupyter_types_experimental" key
// of complete_reply's metadata for syms, as returned with start and end
// (code points) by CompleteSymbols: one entry per match with its text,
// position, type and, when known, signature on one line.
func TypesMetadata(syms []Symbol, start, end int) []map[string]any {
	out := make([]map[string]any, 0, len(syms))
	for _, s := range syms {
		typ := "instance"
		if s.Kind >= 0 && int(s.Kind) < len(jupyterTypes) {
			typ = jupyterTypes[s.Kind]
		}
		e := map[string]any{"start": start, "end": end, "text": s.Name, "type": typ}
		if sig := strings.Join(strings.Fields(s.Type), " "); sig != "" {
			e["signature"] = sig
		}
		out = append(out, e)
	}
	return out
}
