package kernel

// history holds the cells this kernel ran with store_history, as line
// numbers 1..N equal to their execution counts. It reports them as
// session 0, the current session in IPython's numbering.
type history struct {
	cells []histCell
}

type histCell struct {
	line   int
	input  string
	output *string // text/plain of the execute_result, nil if none
}

func (h *history) add(line int, input string, output *string) {
	h.cells = append(h.cells, histCell{line, input, output})
}

// tail returns the last n cells.
func (h *history) tail(n int) []histCell {
	if n <= 0 {
		return nil
	}
	return h.cells[max(0, len(h.cells)-n):]
}

// lines returns the cells with start <= line < stop, reading start and
// stop as Python slice bounds over [0, N] (line 0 is the empty input that
// IPython keeps first and is never returned). stop 0 or absent means the
// end.
func (h *history) lines(start, stop int, hasStop bool) []histCell {
	n := len(h.cells) + 1
	if start < 0 {
		start = max(0, start+n)
	}
	switch {
	case !hasStop || stop == 0 || stop > n:
		stop = n
	case stop < 0:
		stop += n
	}
	var out []histCell
	for _, c := range h.cells {
		if c.line >= start && c.line < stop {
			out = append(out, c)
		}
	}
	return out
}

// search returns the cells whose whole input matches the glob pattern
// (* any run, ? one character, case-sensitive as sqlite GLOB), the last n
// of them when n > 0, keeping only the latest of equal inputs when unique.
func (h *history) search(pattern string, n int, unique bool) []histCell {
	var out []histCell
	seen := map[string]bool{}
	for i := len(h.cells) - 1; i >= 0; i-- {
		c := h.cells[i]
		if !globMatch([]rune(pattern), []rune(c.input)) {
			continue
		}
		if unique {
			if seen[c.input] {
				continue
			}
			seen[c.input] = true
		}
		out = append(out, c)
		if n > 0 && len(out) == n {
			break
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// globMatch matches s against p with * and ?, iteratively with one
// backtracking point, in O(len(p)*len(s)).
func globMatch(p, s []rune) bool {
	pi, si := 0, 0
	star, mark := -1, 0
	for si < len(s) {
		switch {
		case pi < len(p) && (p[pi] == '?' || p[pi] == s[si]) && p[pi] != '*':
			pi++
			si++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, si
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// historyRequest answers history_request for hist_access_type tail, range
// and search. Items are [session, line, input], or with output set
// [session, line, [input, output]] where output is null for a cell
// without an execute_result.
func (k *Kernel) historyRequest(r *request) {
	f := r.fields()
	var cells []histCell
	switch f.str("hist_access_type", "range") {
	case "tail":
		cells = k.history.tail(f.integer("n", 10))
	case "range":
		if s := f.integer("session", 0); s == 0 {
			cells = k.history.lines(f.integer("start", 1), f.integer("stop", 0), f.has("stop"))
		}
	case "search":
		cells = k.history.search(f.str("pattern", "*"), f.integer("n", 0), f.boolean("unique", false))
	}
	output := f.boolean("output", false)
	items := make([]any, 0, len(cells))
	for _, c := range cells {
		if output {
			var out any
			if c.output != nil {
				out = *c.output
			}
			items = append(items, []any{0, c.line, []any{c.input, out}})
		} else {
			items = append(items, []any{0, c.line, c.input})
		}
	}
	r.reply(map[string]any{"status": "ok", "history": items})
}
