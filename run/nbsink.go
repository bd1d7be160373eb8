package run

import (
	"github.com/gokernel/gokernel/kernel"
)

// nbSink builds nbformat outputs. It lives for a whole notebook so that an
// update_display_data reaches outputs of earlier cells.
type nbSink struct {
	nb       *Notebook
	cell     int // index of the running cell
	clearing bool
	// displays maps a display_id to every output showing it.
	displays map[string][]map[string]any
}

func (s *nbSink) outputs() []any {
	outs, _ := s.nb.cells[s.cell]["outputs"].([]any)
	return outs
}

func (s *nbSink) add(out map[string]any) {
	if s.clearing {
		s.clearing = false
		s.nb.cells[s.cell]["outputs"] = []any{}
	}
	s.nb.cells[s.cell]["outputs"] = append(s.outputs(), out)
}

func (s *nbSink) stream(name, text string) {
	if s.clearing {
		s.clearing = false
		s.nb.cells[s.cell]["outputs"] = []any{}
	}
	outs := s.outputs()
	if n := len(outs); n > 0 {
		if last, ok := outs[n-1].(map[string]any); ok && last["output_type"] == "stream" && last["name"] == name {
			prev, _ := last["text"].(string)
			last["text"] = prev + text
			return
		}
	}
	s.add(map[string]any{"output_type": "stream", "name": name, "text": text})
}

func (s *nbSink) display(data, metadata kernel.MIMEBundle, displayID string, update bool) {
	if update {
		for _, out := range s.displays[displayID] {
			out["data"] = copyBundle(data)
			out["metadata"] = copyBundle(metadata)
		}
		return
	}
	out := map[string]any{
		"output_type": "display_data",
		"data":        copyBundle(data),
		"metadata":    copyBundle(metadata),
	}
	if displayID != "" {
		s.displays[displayID] = append(s.displays[displayID], out)
	}
	s.add(out)
}

func (s *nbSink) clear(wait bool) {
	if wait {
		s.clearing = true
		return
	}
	s.clearing = false
	s.nb.cells[s.cell]["outputs"] = []any{}
}

func (s *nbSink) result(count int, data, metadata kernel.MIMEBundle) {
	s.add(map[string]any{
		"output_type":     "execute_result",
		"execution_count": count,
		"data":            copyBundle(data),
		"metadata":        copyBundle(metadata),
	})
}

func (s *nbSink) failed(err *kernel.Error) {
	tb := err.Traceback
	if tb == nil {
		tb = []string{}
	}
	s.add(map[string]any{
		"output_type": "error",
		"ename":       err.Name,
		"evalue":      err.Value,
		"traceback":   tb,
	})
}
