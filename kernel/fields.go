package kernel

import (
	"encoding/json"
	"math"
	"unicode/utf8"
)

// fields is a decoded request content read leniently: a missing field or
// one of the wrong type gives the default, never a panic.
type fields map[string]any

func parseFields(raw json.RawMessage) fields {
	var f fields
	if err := json.Unmarshal(raw, &f); err != nil || f == nil {
		return fields{}
	}
	return f
}

func (f fields) str(key, def string) string {
	if s, ok := f[key].(string); ok {
		return s
	}
	return def
}

func (f fields) boolean(key string, def bool) bool {
	if b, ok := f[key].(bool); ok {
		return b
	}
	return def
}

func (f fields) integer(key string, def int) int {
	v, ok := f[key].(float64)
	if !ok || v != math.Trunc(v) || math.Abs(v) > 1<<53 {
		return def
	}
	return int(v)
}

// has reports whether key is present with a non-null value.
func (f fields) has(key string) bool { return f[key] != nil }

// stringMap reads an object of strings; entries of other types are skipped.
func (f fields) stringMap(key string) map[string]string {
	m, ok := f[key].(map[string]any)
	out := make(map[string]string, len(m))
	if !ok {
		return out
	}
	for k, v := range m {
		if s, ok := v.(string); ok {
			out[k] = s
		}
	}
	return out
}

// cursor reads a cursor position in code points, clamped to code; a missing
// one means the end of code.
func (f fields) cursor(key, code string) int {
	n := utf8.RuneCountInString(code)
	c := f.integer(key, n)
	return min(max(c, 0), n)
}
