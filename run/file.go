package run

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/gokernel/gokernel/kernel"
)

// File runs the notebook (.ipynb) or Go script (any other name) at path.
// For a notebook, out names the executed notebook to write ("" writes
// nothing); it is written even when a cell failed, with the error output
// in place, and then the cell's *CellError is returned.
func File(ctx context.Context, in kernel.Interpreter, path, out string, opts Options) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if !strings.EqualFold(filepath.Ext(path), ".ipynb") {
		if out != "" {
			return errors.New("run: -o applies to notebooks only")
		}
		return Script(ctx, in, path, string(src), opts)
	}
	nb, err := ReadNotebook(bytes.NewReader(src))
	if err != nil {
		return err
	}
	runErr := nb.Execute(ctx, in, opts)
	if out == "" {
		return runErr
	}
	var buf bytes.Buffer
	if err := nb.Encode(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	return runErr
}
