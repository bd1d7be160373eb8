package assist

import "unicode/utf8"

// byteOffset converts a position counted in Unicode code points to a byte
// offset in s, clamped to [0, len(s)].
func byteOffset(s string, runes int) int {
	if runes <= 0 {
		return 0
	}
	n := 0
	for i := range s {
		if n == runes {
			return i
		}
		n++
	}
	return len(s)
}

// runeOffset converts a byte offset in s to a count of code points.
func runeOffset(s string, b int) int {
	if b > len(s) {
		b = len(s)
	}
	if b < 0 {
		b = 0
	}
	return utf8.RuneCountInString(s[:b])
}
