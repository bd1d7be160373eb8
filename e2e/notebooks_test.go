package e2e

import (
	"path/filepath"
	"testing"
	"time"
)

// TestNotebooksRun executes every notebook under notebooks/ headless with
// `gokernel run`, so that a course notebook that stops working fails CI.
// Each notebook must run to its end (cells tagged raises-exception may
// fail); its executed copy goes to a temporary directory and must be valid
// nbformat 4.
func TestNotebooksRun(t *testing.T) {
	bin := kernelBinary(t)
	nbs, err := filepath.Glob(filepath.Join(moduleRoot(t), "notebooks", "*.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	if len(nbs) == 0 {
		t.Fatal("no notebooks found")
	}
	for _, nb := range nbs {
		t.Run(filepath.Base(nb), func(t *testing.T) {
			if testing.Short() && filepath.Base(nb) != "e2e-smoke.ipynb" {
				t.Skip("-short runs only the smoke notebook")
			}
			dir := t.TempDir()
			out := filepath.Join(dir, filepath.Base(nb))
			// Run in a temporary directory, so files a notebook writes
			// never land in the repository.
			if msg, err := runLogged(t, 5*time.Minute, nil, dir, bin, "run", "-q", nb, "-o", out); err != nil {
				t.Fatalf("gokernel run %s: %v\n%s", filepath.Base(nb), err, msg)
			}
			validateNotebook(t, out)
		})
	}
}
