package run

import (
	"context"
	"fmt"
	"os"
	"strings"
)

// The fake interpreter of these tests runs "print" and "show" lines; a real
// caller passes the Go session of package interp.
func ExampleScript() {
	src := "print hello\n\nshow - 64x48\n"
	err := Script(context.Background(), newFake(), "hello.go", src, Options{Stdout: os.Stdout, Split: true})
	fmt.Println("error:", err)
	// Output:
	// hello
	// [image/png 64x48]
	// error: <nil>
}

func ExampleSplitChunks() {
	src := "import \"fmt\"\n\n// twice doubles.\n\nfunc twice(x int) int {\n\n\treturn 2 * x\n}\n\nfmt.Println(twice(21))\n"
	for _, c := range SplitChunks(src) {
		fmt.Printf("line %d: %q\n", c.Line, c.Code)
	}
	// Output:
	// line 1: "import \"fmt\"\n"
	// line 3: "// twice doubles.\n\nfunc twice(x int) int {\n\n\treturn 2 * x\n}\n"
	// line 10: "fmt.Println(twice(21))\n"
}

func ExampleNotebook_Execute() {
	src := `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
	  {"cell_type": "code", "id": "a", "metadata": {}, "execution_count": null, "outputs": [],
	   "source": ["print hi\n", "result 42"]}]}`
	nb, err := ReadNotebook(strings.NewReader(src))
	if err != nil {
		panic(err)
	}
	if err := nb.Execute(context.Background(), newFake(), Options{}); err != nil {
		panic(err)
	}
	for _, out := range nb.Outputs(0) {
		fmt.Println(out["output_type"], out["text"], out["data"])
	}
	// Output:
	// stream hi
	//  <nil>
	// execute_result <nil> map[text/plain:42]
}
