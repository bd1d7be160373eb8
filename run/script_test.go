package run

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestScriptWholeAndSplit(t *testing.T) {
	src := "set v 5\nprint a\n\nget v\neprint e\n\nresult 9\n"
	f := newFake()
	var out, errOut bytes.Buffer
	if err := Script(context.Background(), f, "s.go", src, Options{Stdout: &out, Stderr: &errOut}); err != nil {
		t.Fatal(err)
	}
	if len(f.codes) != 1 || f.codes[0] != src {
		t.Errorf("whole script: codes = %q", f.codes)
	}
	if out.String() != "a\n5\n9\n" || errOut.String() != "e\n" {
		t.Errorf("stdout %q stderr %q", out.String(), errOut.String())
	}

	f = newFake()
	out.Reset()
	errOut.Reset()
	if err := Script(context.Background(), f, "s.go", src, Options{Stdout: &out, Stderr: &errOut, Split: true}); err != nil {
		t.Fatal(err)
	}
	if len(f.codes) != 3 || f.reqs[2].Count != 3 || f.codes[1] != "get v\neprint e\n" {
		t.Errorf("split script: codes = %q", f.codes)
	}
	if out.String() != "a\n5\n9\n" {
		t.Errorf("split stdout %q", out.String())
	}
}

func TestScriptErrorStops(t *testing.T) {
	src := "print ok\n\nfail broken\n\nprint never\n"
	f := newFake()
	var out, errOut bytes.Buffer
	err := Script(context.Background(), f, "prog.go", src, Options{Stdout: &out, Stderr: &errOut, Split: true})
	var cerr *CellError
	if !errors.As(err, &cerr) || cerr.Line != 3 || cerr.Cell != 1 {
		t.Fatalf("err = %#v", err)
	}
	if len(f.codes) != 2 || strings.Contains(out.String(), "never") {
		t.Errorf("ran past the error: %q", f.codes)
	}
	if e := errOut.String(); !strings.Contains(e, "prog.go, lines 3-3") || !strings.Contains(e, "Error: broken") {
		t.Errorf("stderr = %q", e)
	}
	if !strings.Contains(err.Error(), "chunk at line 3") {
		t.Errorf("error text = %q", err)
	}
}

func TestScriptDisplays(t *testing.T) {
	src := "show - 640x480\nhtml d1 hello\nupdate d1 bye\n"
	var out bytes.Buffer
	if err := Script(context.Background(), newFake(), "d.go", src, Options{Stdout: &out}); err != nil {
		t.Fatal(err)
	}
	want := "[image/png 640x480]\n[text/html 12 B]\n[update] bye\n"
	if out.String() != want {
		t.Errorf("summaries = %q, want %q", out.String(), want)
	}

	dir := filepath.Join(t.TempDir(), "figs")
	out.Reset()
	if err := Script(context.Background(), newFake(), "d.go", src, Options{Stdout: &out, DisplayDir: dir}); err != nil {
		t.Fatal(err)
	}
	png1 := filepath.Join(dir, "display-001.png")
	if !strings.Contains(out.String(), "[image/png 640x480 saved to "+png1+"]") {
		t.Errorf("stdout = %q", out.String())
	}
	b, err := os.ReadFile(png1)
	if err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
		t.Errorf("saved PNG: %v %.8q", err, b)
	}
	h, err := os.ReadFile(filepath.Join(dir, "display-002.html"))
	if err != nil || string(h) != "<b>hello</b>" {
		t.Errorf("saved HTML: %v %q", err, h)
	}
}

func TestScriptInput(t *testing.T) {
	src := "input name?\ninput again?\n"
	var out bytes.Buffer
	f := newFake()
	err := Script(context.Background(), f, "i.go", src, Options{Stdout: &out, Stdin: strings.NewReader("ann\r\nbo")})
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != "name?got ann\nagain?got bo\n" || !f.reqs[0].AllowStdin {
		t.Errorf("stdout = %q, req = %+v", out.String(), f.reqs[0])
	}
	// At end of input the cell gets an error.
	err = Script(context.Background(), newFake(), "i.go", src, Options{Stdin: strings.NewReader("")})
	var cerr *CellError
	if !errors.As(err, &cerr) || !strings.Contains(cerr.Err.Value, "EOF") {
		t.Errorf("input at EOF: %v", err)
	}
	// Without Stdin, input fails at once.
	err = Script(context.Background(), newFake(), "i.go", src, Options{})
	if !errors.As(err, &cerr) || !strings.Contains(cerr.Err.Value, "no stdin") {
		t.Errorf("input without stdin: %v", err)
	}
}

func TestFileScript(t *testing.T) {
	p := filepath.Join(t.TempDir(), "s.go")
	if err := os.WriteFile(p, []byte("print from file\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := File(context.Background(), newFake(), p, "", Options{Stdout: &out}); err != nil || out.String() != "from file\n" {
		t.Errorf("File = %v, stdout %q", err, out.String())
	}
	if err := File(context.Background(), newFake(), p, "x.ipynb", Options{}); err == nil {
		t.Error("-o with a script: want an error")
	}
}
