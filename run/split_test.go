package run

import (
	"reflect"
	"testing"
)

func TestSplitChunks(t *testing.T) {
	src := "package main\n" +
		"\n" +
		"import \"fmt\"\n" +
		"\n" +
		"// add adds.\n" +
		"// It is documented.\n" +
		"\n" +
		"func add(a, b int) int {\n" +
		"\n" +
		"\treturn a + b\n" +
		"}\n" +
		"\n\n" +
		"var s = `raw\n" +
		"\n" +
		"string`\n" +
		"/* block\n" +
		"\n" +
		"comment */\n" +
		"x := add(1,\n" +
		"\n" +
		"\t2)\n" +
		"\n" +
		"fmt.Println(x)"
	got := SplitChunks(src)
	want := []Chunk{
		{"package main\n", 1},
		{"import \"fmt\"\n", 3},
		{"// add adds.\n// It is documented.\n\nfunc add(a, b int) int {\n\n\treturn a + b\n}\n", 5},
		{"var s = `raw\n\nstring`\n/* block\n\ncomment */\nx := add(1,\n\n\t2)\n", 14},
		{"fmt.Println(x)\n", 24},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SplitChunks:\n got %+v\nwant %+v", got, want)
	}
}

func TestSplitChunksEdgeCases(t *testing.T) {
	cases := []struct {
		src  string
		want []Chunk
	}{
		{"", nil},
		{"\n\n  \n", nil},
		{"a := 1\n   \t\nb := 2\n", []Chunk{{"a := 1\n", 1}, {"b := 2\n", 3}}},
		{"// only a comment\n", []Chunk{{"// only a comment\n", 1}}},
		{"s := \"unterminated\n\nt := 1\n", []Chunk{{"s := \"unterminated\n", 1}, {"t := 1\n", 3}}},
		{"f(func() {\n\n})\n", []Chunk{{"f(func() {\n\n})\n", 1}}},
		{"a := 1\r\n\r\nb := 2\r\n", []Chunk{{"a := 1\r\n", 1}, {"b := 2\r\n", 3}}},
	}
	for _, c := range cases {
		if got := SplitChunks(c.src); !reflect.DeepEqual(got, c.want) {
			t.Errorf("SplitChunks(%q) = %+v, want %+v", c.src, got, c.want)
		}
	}
}
