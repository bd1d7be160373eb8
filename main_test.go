package main

import (
	"errors"
	"reflect"
	"testing"
)

func TestParseInterleaved(t *testing.T) {
	fs := newFlagSet("run")
	out := fs.String("o", "", "")
	split := fs.Bool("split", false, "")
	pos, err := parseInterleaved(fs, []string{"nb.ipynb", "-o", "out.ipynb", "--split", "extra"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(pos, []string{"nb.ipynb", "extra"}) || *out != "out.ipynb" || !*split {
		t.Errorf("pos %q, -o %q, --split %v", pos, *out, *split)
	}
	_, err = parseInterleaved(newFlagSet("x"), []string{"--nope"})
	var ue usageError
	if !errors.As(err, &ue) {
		t.Errorf("unknown flag: err = %v, want a usageError", err)
	}
}

func TestMainCodeUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
	}{
		{nil, 2},
		{[]string{"frobnicate"}, 2},
		{[]string{"run"}, 2},
		{[]string{"run", "a.go", "-o", "x.ipynb"}, 2},
		{[]string{"kernel"}, 2},
		{[]string{"kernel", "a.json", "-f", "b.json"}, 2},
		{[]string{"install", "stray"}, 2},
		{[]string{"install", "--user", "--prefix", "/x"}, 2},
		{[]string{"run", "/nonexistent/file.go"}, 1},
		{[]string{"help"}, 0},
	} {
		if got := mainCode(c.args); got != c.code {
			t.Errorf("gokernel %q: exit status %d, want %d", c.args, got, c.code)
		}
	}
}
