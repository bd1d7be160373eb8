package run

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// testNotebook builds an nbformat 4 notebook whose code cells have the
// given sources (stored as line lists, as Jupyter writes them).
func testNotebook(t *testing.T, extra map[string]any, cells ...map[string]any) []byte {
	t.Helper()
	doc := map[string]any{
		"nbformat": 4, "nbformat_minor": 5,
		"metadata": map[string]any{"custom": map[string]any{"keep": true}},
		"cells":    cells,
	}
	for k, v := range extra {
		doc[k] = v
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func code(id, src string, tags ...string) map[string]any {
	md := map[string]any{}
	if len(tags) > 0 {
		md["tags"] = tags
	}
	return map[string]any{"cell_type": "code", "id": id, "metadata": md,
		"source": splitLines(src), "outputs": []any{}, "execution_count": nil}
}

func decode(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	return m
}

func TestNotebookOutputsAndRoundTrip(t *testing.T) {
	src := testNotebook(t, map[string]any{"extra_top": "x"},
		map[string]any{"cell_type": "markdown", "id": "m1", "metadata": map[string]any{}, "source": []any{"# Title\n", "text"}},
		code("c1", "set a 41\nprint one\nprint two\neprint warn\nprint three\n"),
		code("c2", "get a\nshow img 3x2\nresult 42\n"),
		code("c3", "  \n"),
		code("c4", "update img replaced\nprint before\nclearwait\nprint after\n"),
		code("c5", "fail expected\n", "raises-exception"),
		code("c6", "html - <bold>\ninput name?\n"),
		map[string]any{"cell_type": "raw", "id": "r1", "metadata": map[string]any{}, "source": "raw & <text>"},
	)
	nb, err := ReadNotebook(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	f := newFake()
	err = nb.Execute(context.Background(), f, Options{})
	var cerr *CellError
	if !errors.As(err, &cerr) || cerr.Cell != 6 || cerr.Count != 5 || !strings.Contains(cerr.Err.Value, "no stdin") {
		t.Fatalf("Execute = %v, want the input failure of cell 6 (In [5])", err)
	}
	if len(f.codes) != 5 {
		t.Errorf("executed %d cells, want 5 (empty cell skipped): %q", len(f.codes), f.codes)
	}
	for i, r := range f.reqs {
		if r.Count != i+1 || !r.StoreHistory || r.Silent || r.AllowStdin {
			t.Errorf("request %d = %+v", i, r)
		}
	}
	var buf bytes.Buffer
	if err := nb.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	out := decode(t, buf.Bytes())
	if out["extra_top"] != "x" || out["nbformat"] != 4.0 {
		t.Errorf("top-level fields lost: %v", out)
	}
	md := out["metadata"].(map[string]any)
	if md["custom"] == nil || md["language_info"].(map[string]any)["name"] != "go" ||
		md["kernelspec"].(map[string]any)["name"] != "gokernel" {
		t.Errorf("metadata = %v", md)
	}
	cells := out["cells"].([]any)
	cell := func(i int) map[string]any { return cells[i].(map[string]any) }
	if !reflect.DeepEqual(cell(0)["source"], []any{"# Title\n", "text"}) || cell(0)["id"] != "m1" {
		t.Errorf("markdown cell changed: %v", cell(0))
	}
	if cell(7)["source"] != nil && !reflect.DeepEqual(cell(7)["source"], []any{"raw & <text>"}) {
		t.Errorf("raw cell = %v", cell(7))
	}
	if !strings.Contains(buf.String(), `"raw & <text>"`) {
		t.Errorf("HTML characters escaped in output")
	}

	// c1: merged stdout stream, stderr between.
	want1 := []any{
		map[string]any{"output_type": "stream", "name": "stdout", "text": []any{"one\n", "two\n"}},
		map[string]any{"output_type": "stream", "name": "stderr", "text": []any{"warn\n"}},
		map[string]any{"output_type": "stream", "name": "stdout", "text": []any{"three\n"}},
	}
	if !reflect.DeepEqual(cell(1)["outputs"], want1) || cell(1)["execution_count"] != 1.0 {
		t.Errorf("cell 1 = %v", cell(1))
	}
	// c2: state, display (updated later by c4), result.
	outs2 := cell(2)["outputs"].([]any)
	if len(outs2) != 3 {
		t.Fatalf("cell 2 outputs = %v", outs2)
	}
	disp := outs2[1].(map[string]any)
	if disp["output_type"] != "display_data" || !reflect.DeepEqual(disp["data"], map[string]any{"text/plain": []any{"replaced"}}) {
		t.Errorf("display not updated by a later cell: %v", disp)
	}
	res := outs2[2].(map[string]any)
	if res["output_type"] != "execute_result" || res["execution_count"] != 2.0 ||
		!reflect.DeepEqual(res["data"], map[string]any{"text/plain": []any{"42"}}) || res["metadata"] == nil {
		t.Errorf("execute_result = %v", res)
	}
	if !reflect.DeepEqual(outs2[0], map[string]any{"output_type": "stream", "name": "stdout", "text": []any{"41\n"}}) {
		t.Errorf("state lost across cells: %v", outs2[0])
	}
	// c3: blank, untouched.
	if cell(3)["execution_count"] != nil {
		t.Errorf("blank cell executed: %v", cell(3))
	}
	// c4: clear_output(wait) dropped "before" when "after" arrived.
	want4 := []any{map[string]any{"output_type": "stream", "name": "stdout", "text": []any{"after\n"}}}
	if !reflect.DeepEqual(cell(4)["outputs"], want4) || cell(4)["execution_count"] != 3.0 {
		t.Errorf("cell 4 = %v", cell(4)["outputs"])
	}
	// c5: error output, run went on thanks to the tag.
	outs5 := cell(5)["outputs"].([]any)
	e5 := outs5[0].(map[string]any)
	if e5["output_type"] != "error" || e5["ename"] != "Error" || e5["evalue"] != "expected" || len(e5["traceback"].([]any)) != 2 {
		t.Errorf("error output = %v", e5)
	}
	// c6: html display then error.
	outs6 := cell(6)["outputs"].([]any)
	if len(outs6) != 2 || outs6[0].(map[string]any)["data"].(map[string]any)["text/html"] == nil ||
		outs6[1].(map[string]any)["output_type"] != "error" {
		t.Errorf("cell 6 = %v", outs6)
	}
}

func TestNotebookStopsAtFirstError(t *testing.T) {
	src := testNotebook(t, nil,
		code("a", "print 1\n"),
		code("b", "fail boom\n"),
		code("c", "print never\n"),
	)
	nb, err := ReadNotebook(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	f := newFake()
	err = nb.Execute(context.Background(), f, Options{})
	var cerr *CellError
	if !errors.As(err, &cerr) || cerr.Cell != 1 || cerr.Err.Value != "boom" {
		t.Fatalf("err = %v", err)
	}
	if len(f.codes) != 2 {
		t.Errorf("ran %d cells after a failure, want 2", len(f.codes))
	}
	if !strings.Contains(err.Error(), "cell 1 (In [2])") {
		t.Errorf("error text %q does not name the cell", err)
	}

	nb, _ = ReadNotebook(bytes.NewReader(src))
	f = newFake()
	err = nb.Execute(context.Background(), f, Options{AllowErrors: true})
	if !errors.As(err, &cerr) || len(f.codes) != 3 {
		t.Errorf("AllowErrors: err = %v, ran %d cells, want the first error and 3 cells", err, len(f.codes))
	}
}

func TestNotebookEcho(t *testing.T) {
	src := testNotebook(t, nil, code("a", "print hi\nshow - 4x3\nresult 7\nfail bad\n"))
	nb, _ := ReadNotebook(bytes.NewReader(src))
	var stdout, stderr bytes.Buffer
	err := nb.Execute(context.Background(), newFake(), Options{Echo: true, Stdout: &stdout, Stderr: &stderr})
	if err == nil {
		t.Fatal("want the cell error")
	}
	if got, want := stdout.String(), "--- In [1] (cell 0) ---\nhi\n[image/png 4x3]\n7\n"; got != want {
		t.Errorf("echoed stdout = %q, want %q", got, want)
	}
	if !strings.Contains(stderr.String(), "Error: bad") {
		t.Errorf("echoed stderr = %q", stderr.String())
	}
}

func TestNotebookInterrupted(t *testing.T) {
	src := testNotebook(t, nil, code("a", "block\n"), code("b", "print no\n"))
	nb, _ := ReadNotebook(bytes.NewReader(src))
	ctx, cancel := context.WithCancel(context.Background())
	f := newFake()
	go func() {
		for {
			f.mu.Lock()
			n := len(f.codes)
			f.mu.Unlock()
			if n > 0 {
				cancel()
				return
			}
		}
	}()
	if err := nb.Execute(ctx, f, Options{AllowErrors: true}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if len(f.codes) != 1 {
		t.Errorf("ran %d cells after the interrupt", len(f.codes))
	}
}

func TestReadNotebookRejects(t *testing.T) {
	for _, src := range []string{`not json`, `{"nbformat": 3, "cells": []}`, `{"nbformat": 4}`, `{"nbformat": 4, "cells": [1]}`} {
		if _, err := ReadNotebook(strings.NewReader(src)); err == nil {
			t.Errorf("ReadNotebook(%s): want an error", src)
		}
	}
}

func TestFileNotebook(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.ipynb")
	out := filepath.Join(dir, "out.ipynb")
	if err := os.WriteFile(in, testNotebook(t, nil, code("a", "print x\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := File(context.Background(), newFake(), in, out, Options{}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	cells := decode(t, b)["cells"].([]any)
	if got := cells[0].(map[string]any)["outputs"].([]any)[0].(map[string]any)["text"]; !reflect.DeepEqual(got, []any{"x\n"}) {
		t.Errorf("written output text = %v", got)
	}
}
