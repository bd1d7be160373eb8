//go:build linux

package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// browserCells are the code cells of the notebook the browser runs, in
// order; the assertions in TestBrowserNotebook refer to them by index.
var browserCells = []string{
	// 0: state, stdout and stderr
	"x := 20\nfmt.Println(\"hello from the browser\")\nfmt.Fprintln(os.Stderr, \"a line on stderr\")",
	// 1: a last-expression result
	"x + 22",
	// 2: a figure from the preloaded plots package as the result: the
	// notebook prefers its SVG
	"plots.KLCurve(0.05)",
	// 3: a figure rendered to an image and displayed as a PNG
	"display.Image(plots.KLCurve(0.1).WithSize(4, 3).Image())",
	// 4: the preloaded signal package
	"signal.Convolve([]float64{1, 2, 3}, []float64{0, 1, 0.5}, signal.Full)",
	// 5, 6: a display, updated in place from a later cell
	"status := display.New()\nstatus.Text(\"step 0\")",
	"status.Text(fmt.Sprintf(\"step %d of %d\", 1, 1))\nfmt.Println(\"updated\")",
	// 7: a runtime error, after a pause: stop_on_error aborts the requests
	// queued when the error happens (as ipykernel does), and the pause lets
	// the page's next request reach the kernel first
	"time.Sleep(500 * time.Millisecond)\nvar missing []int\nfmt.Println(missing[3])",
	// 8: aborted by the run of all cells; run again alone, it sees x
	"fmt.Println(\"after the error, x is\", x)",
}

// browserCell is one code cell as the page rendered it (browser_drive.py).
type browserCell struct {
	Index   int
	Prompt  string
	Running bool
	Outputs []struct {
		Classes string
		Text    string
		Images  []struct {
			Src           string
			Width, Height int
		}
		Svgs int
	}
}

// text is the visible text of the cell's outputs whose classes include
// class, joined.
func (c browserCell) text(class string) string {
	var b strings.Builder
	for _, o := range c.Outputs {
		if strings.Contains(" "+o.Classes+" ", " "+class+" ") {
			b.WriteString(o.Text)
		}
	}
	return b.String()
}

// browserRun is what browser_drive.py prints.
type browserRun struct {
	Kernel struct {
		Name, Language, Implementation string
	}
	All     []browserCell
	Rerun   []browserCell
	Console []string
	Error   string
	AtError json.RawMessage `json:"at_error"` // the cells when Error happened
}

// TestBrowserNotebook runs a notebook on gokernel in a real browser: the
// classic Jupyter Notebook server (Debian's jupyter-notebook 6.4) serves
// the page, headless chromium loads it, and the page's own JavaScript
// client runs every cell over its websocket to the server, which talks
// ZeroMQ to gokernel. browser_drive.py drives chromium over the DevTools
// protocol and reports the rendered DOM, on which the test asserts: text
// and stderr outputs, results, a figure drawn as inline SVG and one shown
// as a decoded PNG <img>, a display updated from a later cell, an error
// with its traceback, the cell after the error aborted, then run alone.
func TestBrowserNotebook(t *testing.T) {
	requireBrowser(t)
	start := time.Now()
	bin := kernelBinary(t)
	dir := t.TempDir()
	env := jupyterEnv(t, bin, dir)
	nbDir := filepath.Join(dir, "notebooks")
	if err := os.Mkdir(nbDir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeBrowserNotebook(t, filepath.Join(nbDir, "browser.ipynb"))

	srv := startNotebookServer(t, env, filepath.Join(dir, "runtime"), nbDir)
	port := startChromium(t)
	t.Logf("server and browser up after %v", time.Since(start).Round(time.Millisecond))

	script, _ := filepath.Abs("browser_drive.py")
	url := srv.base + "notebooks/browser.ipynb?token=" + srv.token
	report := filepath.Join(dir, "browser-run.json")
	// The last code cell is notebook cell len(browserCells), after the
	// markdown title.
	_, err := runLogged(t, 90*time.Second, env, dir, python(), script,
		"--devtools-port", strconv.Itoa(port), "--url", url, "--out", report, "--timeout", "60",
		"--rerun", strconv.Itoa(len(browserCells)))
	var run browserRun
	b, rerr := os.ReadFile(report)
	if rerr == nil {
		rerr = json.Unmarshal(b, &run)
	}
	if rerr != nil {
		t.Fatalf("browser_drive.py: %v; no report: %v", err, rerr)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("page console errors and warnings:\n%s", strings.Join(run.Console, "\n"))
		} else if len(run.Console) > 0 {
			t.Logf("page console errors and warnings (not failures):\n%s", strings.Join(run.Console, "\n"))
		}
	})
	if err != nil || run.Error != "" {
		t.Fatalf("browser_drive.py: %v: %s\ncells then: %s", err, run.Error, run.AtError)
	}
	t.Logf("notebook ran in the browser after %v", time.Since(start).Round(time.Millisecond))
	checkBrowserRun(t, run)
}

// checkBrowserRun asserts on the DOM browser_drive.py read.
func checkBrowserRun(t *testing.T, run browserRun) {
	if run.Kernel.Name != "gokernel" || run.Kernel.Language != "go" {
		t.Errorf("page's kernel = %+v, want gokernel speaking go", run.Kernel)
	}
	if len(run.All) != len(browserCells) || len(run.Rerun) != len(browserCells) {
		t.Fatalf("page has %d/%d code cells, want %d", len(run.All), len(run.Rerun), len(browserCells))
	}
	cells := run.All
	for i, c := range cells {
		if c.Running {
			t.Errorf("cell %d still marked running", i)
		}
	}
	// Cells 0 to 7 ran in order: In [1] to In [8].
	const failed = 7
	for i := 0; i <= failed; i++ {
		if got, want := promptNumber(cells[i].Prompt), strconv.Itoa(i+1); got != want {
			t.Errorf("cell %d prompt %q, want execution count %s", i, cells[i].Prompt, want)
		}
	}
	expect := func(i int, class, want string) {
		t.Helper()
		if got := strings.TrimSpace(cells[i].text(class)); got != want {
			t.Errorf("cell %d %s = %q, want %q (outputs %+v)", i, class, got, want, cells[i].Outputs)
		}
	}
	expect(0, "output_stdout", "hello from the browser")
	expect(0, "output_stderr", "a line on stderr")
	expect(1, "output_result", "42")
	expect(4, "output_result", "[0 1 2.5 4 1.5]")
	// The display created in cell 5 shows cell 6's update; cell 6 has only
	// its own stdout.
	expect(5, "output_text", "step 1 of 1")
	expect(6, "output_text", "updated")

	// The figure result is drawn inline as SVG, with the plot's legend.
	if o := cells[2].Outputs; len(o) != 1 || o[0].Svgs == 0 || !strings.Contains(o[0].Text, "ρ = 0.05") {
		t.Errorf("figure cell: want one output with an inline SVG showing \"ρ = 0.05\", got %+v", o)
	}
	// The displayed image is an <img> of a PNG data URL that the browser
	// decoded to the figure's size (4x3 inches).
	if o := cells[3].Outputs; len(o) != 1 || len(o[0].Images) != 1 {
		t.Errorf("image cell: want one output with one <img>, got %+v", o)
	} else if img := o[0].Images[0]; !strings.HasPrefix(img.Src, "data:image/png;base64,iVBOR") ||
		img.Width == 0 || img.Width*3 != img.Height*4 {
		t.Errorf("image cell: <img> %+v is not a decoded 4:3 PNG data URL", img)
	}

	tb := cells[failed].text("output_error")
	if !strings.Contains(tb, "index out of range") || !regexp.MustCompile(`\b3:\d+|line 3\b`).MatchString(tb) {
		t.Errorf("error cell traceback does not say what and where (line 3): %q", tb)
	}
	if n := len(cells[failed].Outputs); n != 1 {
		t.Errorf("error cell has %d outputs, want the error alone: %+v", n, cells[failed].Outputs)
	}
	// The run of all cells stops at the error: the next cell's request is
	// aborted, so it shows nothing.
	if o := cells[failed+1].Outputs; len(o) != 0 {
		t.Errorf("cell after the error has outputs after running all: %+v", o)
	}

	// Run alone, the cell after the error works and sees the state from
	// before the error.
	again := run.Rerun[failed+1]
	if got, want := strings.TrimSpace(again.text("output_stdout")), "after the error, x is 20"; got != want {
		t.Errorf("cell %d run alone: stdout %q, want %q (outputs %+v)", failed+1, got, want, again.Outputs)
	}
	if got, want := promptNumber(again.Prompt), strconv.Itoa(failed+2); got != want {
		t.Errorf("cell %d run alone: prompt %q, want execution count %s", failed+1, again.Prompt, want)
	}
}

// promptNumber is the execution count in an input prompt such as "In [3]:".
func promptNumber(prompt string) string {
	m := regexp.MustCompile(`\[(.*?)\]`).FindStringSubmatch(prompt)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(m[1])
}

// writeBrowserNotebook writes a notebook of browserCells after a markdown
// title, with gokernel's kernelspec in its metadata.
func writeBrowserNotebook(t *testing.T, path string) {
	t.Helper()
	cells := []any{map[string]any{"cell_type": "markdown", "metadata": map[string]any{}, "source": "# gokernel in a browser"}}
	for _, src := range browserCells {
		cells = append(cells, map[string]any{
			"cell_type": "code", "metadata": map[string]any{}, "source": src,
			"execution_count": nil, "outputs": []any{},
		})
	}
	nb := map[string]any{
		"nbformat": 4, "nbformat_minor": 4,
		"metadata": map[string]any{
			"kernelspec": map[string]any{"name": "gokernel", "display_name": "Go (gokernel)", "language": "go"},
		},
		"cells": cells,
	}
	b, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
