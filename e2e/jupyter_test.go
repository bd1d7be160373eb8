package e2e

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestProtocol runs test_protocol.py: every message type through
// jupyter_client, each message validated.
func TestProtocol(t *testing.T) {
	requireJupyter(t)
	bin := kernelBinary(t)
	dir := t.TempDir()
	env := jupyterEnv(t, bin, dir)
	script, _ := filepath.Abs("test_protocol.py")
	out, err := runLogged(t, 6*time.Minute, env, dir, python(), script, "-v")
	if err != nil {
		t.Fatalf("test_protocol.py: %v", err)
	}
	if !strings.Contains(out, "\nOK") {
		t.Fatalf("test_protocol.py did not report OK")
	}
	t.Log(out)
}

// TestNbconvertSmoke executes the smoke notebook with
// `jupyter nbconvert --to notebook --execute`, choosing the kernel from the
// notebook's kernelspec metadata, as users do.
func TestNbconvertSmoke(t *testing.T) {
	requireJupyter(t, "nbclient", "nbconvert")
	bin := kernelBinary(t)
	dir := t.TempDir()
	env := jupyterEnv(t, bin, dir)
	nb := filepath.Join(moduleRoot(t), "notebooks", "e2e-smoke.ipynb")
	out, err := runLogged(t, 3*time.Minute, env, dir, jupyter(), "nbconvert", "--to", "notebook", "--execute",
		"--ExecutePreprocessor.timeout=60", "--output-dir", dir, "--output", "smoke-out.ipynb", nb)
	if err != nil {
		t.Fatalf("nbconvert: %v\n%s", err, out)
	}
	checkSmoke(t, filepath.Join(dir, "smoke-out.ipynb"))
	validateNotebook(t, filepath.Join(dir, "smoke-out.ipynb"))
}

// TestRunSmoke runs the same notebook with `gokernel run`: no Jupyter.
func TestRunSmoke(t *testing.T) {
	bin := kernelBinary(t)
	dir := t.TempDir()
	nb := filepath.Join(moduleRoot(t), "notebooks", "e2e-smoke.ipynb")
	outNB := filepath.Join(dir, "out.ipynb")
	out, err := runLogged(t, 2*time.Minute, os.Environ(), dir, bin, "run", nb, "-o", outNB)
	if err != nil {
		t.Fatalf("gokernel run: %v\n%s", err, out)
	}
	for _, want := range []string{"hello from gokernel\n", "42\n", "[image/png 8x6]", "updated\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("terminal output lacks %q:\n%s", want, out)
		}
	}
	checkSmoke(t, outNB)
	validateNotebook(t, outNB)
}

// validateNotebook checks path against the nbformat 4 JSON schema with
// Python's nbformat (a dependency of nbconvert); without it the check is
// skipped, or fails in CI.
func validateNotebook(t *testing.T, path string) {
	t.Helper()
	requireJupyter(t, "nbformat")
	code := "import sys, nbformat\nnb = nbformat.read(sys.argv[1], as_version=4)\nnbformat.validate(nb)\nprint('NBFORMAT-OK')"
	out, err := exec.Command(python(), "-c", code, path).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "NBFORMAT-OK") {
		t.Errorf("%s is not a valid nbformat 4 notebook: %v\n%s", path, err, out)
	}
}

// TestRunScript runs Go scripts headless: output, chunks, a failing chunk's
// exit status and traceback, and input from stdin.
func TestRunScript(t *testing.T) {
	bin := kernelBinary(t)
	dir := t.TempDir()
	script := filepath.Join(dir, "hello.go")
	src := "import \"fmt\"\n\nname := \"script\"\n\nfmt.Println(\"hello from\", name)\n"
	if err := os.WriteFile(script, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, split := range []bool{false, true} {
		args := []string{"run", script}
		if split {
			args = append(args, "--split")
		}
		out, err := runLogged(t, time.Minute, os.Environ(), dir, bin, args...)
		if err != nil || !strings.Contains(out, "hello from script\n") {
			t.Errorf("gokernel %v: %v\n%s", args, err, out)
		}
	}

	// A program file: package clause, imports, func main run once.
	prog := filepath.Join(dir, "prog.go")
	progSrc := "package main\n\nimport \"fmt\"\n\nfunc greet() string { return \"program\" }\n\nfunc main() {\n\tfmt.Println(\"hello from\", greet())\n}\n"
	if err := os.WriteFile(prog, []byte(progSrc), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, split := range []bool{false, true} {
		args := []string{"run", prog}
		if split {
			args = append(args, "--split")
		}
		out, err := runLogged(t, time.Minute, os.Environ(), dir, bin, args...)
		if err != nil || strings.Count(out, "hello from program\n") != 1 {
			t.Errorf("gokernel %v: %v, want main to print once:\n%s", args, err, out)
		}
	}

	bad := filepath.Join(dir, "bad.go")
	if err := os.WriteFile(bad, []byte("x := 1\n\ny := x +\n\tundefinedThing\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "run", "--split", bad)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Errorf("failing script: err = %v, want exit status 1", err)
	}
	if e := stderr.String(); !strings.Contains(e, "undefinedThing") || !strings.Contains(e, "lines 3-4") {
		t.Errorf("failing script stderr = %q", e)
	}

	ask := filepath.Join(dir, "ask.go")
	if err := os.WriteFile(ask, []byte("import \"fmt\"\nvar who string\nfmt.Scanln(&who)\nfmt.Println(\"hi\", who)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd = exec.Command(bin, "run", ask)
	cmd.Stdin = strings.NewReader("gopher\n")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "hi gopher") {
		t.Errorf("script reading stdin: %v\n%s", err, out)
	}
}

// TestCommands checks install --prefix, version and usage errors of the
// binary.
func TestCommands(t *testing.T) {
	bin := kernelBinary(t)
	prefix := t.TempDir()
	out, err := exec.Command(bin, "install", "--prefix", prefix).CombinedOutput()
	if err != nil {
		t.Fatalf("install --prefix: %v\n%s", err, out)
	}
	spec := filepath.Join(prefix, "share", "jupyter", "kernels", "gokernel", "kernel.json")
	if _, err := os.Stat(spec); err != nil {
		t.Errorf("install --prefix wrote no %s: %s", spec, out)
	}
	// The test binary lives in a temporary directory: the user is warned.
	if !strings.Contains(string(out), "warning:") || !strings.Contains(string(out), "vanish") {
		t.Errorf("no warning about a binary in a temporary directory:\n%s", out)
	}
	out, err = exec.Command(bin, "version").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "protocol 5.3") {
		t.Errorf("version: %v %s", err, out)
	}
	err = exec.Command(bin, "frobnicate").Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
		t.Errorf("unknown command: err = %v, want exit status 2", err)
	}
	err = exec.Command(bin, "run").Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
		t.Errorf("run without a file: err = %v, want exit status 2", err)
	}
}

// checkSmoke asserts the outputs of an executed notebooks/e2e-smoke.ipynb.
func checkSmoke(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Metadata struct {
			LanguageInfo struct{ Name string } `json:"language_info"`
		}
		Cells []struct {
			ID             string
			CellType       string `json:"cell_type"`
			ExecutionCount *int   `json:"execution_count"`
			Outputs        []map[string]any
		}
	}
	if err := json.Unmarshal(b, &nb); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if nb.Metadata.LanguageInfo.Name != "go" {
		t.Errorf("language_info.name = %q", nb.Metadata.LanguageInfo.Name)
	}
	cells := map[string]int{}
	for i, c := range nb.Cells {
		cells[c.ID] = i
	}
	outputs := func(id string) []map[string]any {
		i, ok := cells[id]
		if !ok {
			t.Fatalf("no cell %q", id)
		}
		return nb.Cells[i].Outputs
	}
	single := func(id, outputType string) map[string]any {
		outs := outputs(id)
		if len(outs) != 1 || outs[0]["output_type"] != outputType {
			t.Errorf("cell %s: want one %s output, got %v", id, outputType, outs)
			return map[string]any{}
		}
		return outs[0]
	}
	if got := text(single("state", "stream")["text"]); got != "hello from gokernel\n" {
		t.Errorf("state cell printed %q", got)
	}
	res := single("result", "execute_result")
	if got := text(data(res)["text/plain"]); got != "42" {
		t.Errorf("result = %q", got)
	}
	if c := nb.Cells[cells["result"]].ExecutionCount; c == nil || *c != 3 {
		t.Errorf("result cell execution_count = %v, want 3", c)
	}
	if ec, _ := res["execution_count"].(float64); ec != 3 {
		t.Errorf("execute_result execution_count = %v", res["execution_count"])
	}
	img := single("png", "display_data")
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(text(data(img)["image/png"])))
	if err != nil {
		t.Errorf("image/png is not base64: %v", err)
	} else if cfg, err := png.DecodeConfig(bytes.NewReader(raw)); err != nil || cfg.Width != 8 || cfg.Height != 6 {
		t.Errorf("image/png: %v %dx%d, want 8x6", err, cfg.Width, cfg.Height)
	}
	if got := text(data(single("show", "display_data"))["text/plain"]); got != "step 1 of 1" {
		t.Errorf("updated display shows %q, want %q", got, "step 1 of 1")
	}
	if got := text(single("update", "stream")["text"]); got != "updated\n" {
		t.Errorf("update cell printed %q", got)
	}
	// A failing cell tagged raises-exception shows its error, and the next
	// cell still runs.
	fail := single("fails", "error")
	if ev, _ := fail["evalue"].(string); !strings.Contains(ev, "out of range") {
		t.Errorf("error output evalue = %q", fail["evalue"])
	}
	if tb, _ := fail["traceback"].([]any); len(tb) == 0 {
		t.Errorf("error output without traceback: %v", fail)
	}
	if got := text(single("after", "stream")["text"]); got != "after the error, x is 20\n" {
		t.Errorf("cell after the error printed %q", got)
	}
}

func data(out map[string]any) map[string]any {
	d, _ := out["data"].(map[string]any)
	return d
}

// text joins nbformat's multi-line strings (a string or a list of lines).
func text(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any:
		var sb strings.Builder
		for _, l := range v {
			s, _ := l.(string)
			sb.WriteString(s)
		}
		return sb.String()
	}
	return ""
}
