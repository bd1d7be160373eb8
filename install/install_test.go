package install

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSpecJSON(t *testing.T) {
	b, err := NewSpec("/opt/a&b/gokernel").JSON()
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("kernel.json is not JSON: %v\n%s", err, b)
	}
	argv, _ := got["argv"].([]any)
	if len(argv) != 3 || argv[0] != "/opt/a&b/gokernel" || argv[1] != "kernel" || argv[2] != "{connection_file}" {
		t.Errorf("argv = %v", got["argv"])
	}
	if got["display_name"] != "Go (gokernel)" || got["language"] != "go" || got["interrupt_mode"] != "message" {
		t.Errorf("kernel.json = %s", b)
	}
	md, _ := got["metadata"].(map[string]any)
	if md["kernel_protocol_version"] != "5.3" {
		t.Errorf("metadata = %v", got["metadata"])
	}
	if _, ok := got["env"]; ok {
		t.Errorf("empty env should be omitted: %s", b)
	}
	if bytes.Contains(b, []byte(`\u0026`)) {
		t.Errorf("JSON escapes '&': %s", b)
	}
}

func TestNewSpecPanicsOnRelativePath(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("NewSpec with a relative path did not panic")
		}
	}()
	NewSpec("gokernel")
}

func TestInstallIntoDataDir(t *testing.T) {
	dataDir := t.TempDir()
	res, err := Install(Options{Executable: "/usr/local/bin/gokernel", DataDir: dataDir, TempDirs: []string{"/nonexistent-tmp"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dataDir, "kernels", "gokernel"); res.Dir != want {
		t.Fatalf("Dir = %q, want %q", res.Dir, want)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("unexpected warnings: %q", res.Warnings)
	}
	var spec Spec
	b, err := os.ReadFile(filepath.Join(res.Dir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &spec); err != nil || spec.Argv[0] != "/usr/local/bin/gokernel" {
		t.Fatalf("kernel.json: %v %+v", err, spec)
	}
	for _, size := range []int{32, 64} {
		f, err := os.Open(filepath.Join(res.Dir, fmt.Sprintf("logo-%dx%d.png", size, size)))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil || cfg.Width != size || cfg.Height != size {
			t.Errorf("logo %d: %v %dx%d", size, err, cfg.Width, cfg.Height)
		}
	}
	svg, err := os.ReadFile(filepath.Join(res.Dir, "logo-svg.svg"))
	if err != nil || !strings.HasPrefix(string(svg), "<svg") {
		t.Errorf("logo-svg.svg: %v %.40q", err, svg)
	}
	// A second install replaces the first.
	if _, err := Install(Options{Executable: "/opt/gk/gokernel", DataDir: dataDir, TempDirs: []string{}}); err != nil {
		t.Fatal(err)
	}
	b, _ = os.ReadFile(filepath.Join(res.Dir, "kernel.json"))
	if !strings.Contains(string(b), "/opt/gk/gokernel") {
		t.Errorf("reinstall did not replace kernel.json: %s", b)
	}
}

func TestInstallPrefixAndTemporaryWarning(t *testing.T) {
	prefix := t.TempDir()
	tmp := t.TempDir()
	exe := filepath.Join(tmp, "go-build42", "b001", "exe", "gokernel")
	res, err := Install(Options{Executable: exe, Prefix: prefix, TempDirs: []string{tmp}})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(prefix, "share", "jupyter", "kernels", "gokernel"); res.Dir != want {
		t.Errorf("Dir = %q, want %q", res.Dir, want)
	}
	if len(res.Warnings) != 2 {
		t.Fatalf("want a temporary-binary and a prefix warning, got %q", res.Warnings)
	}
	if !strings.Contains(res.Warnings[0], "vanish") || !strings.Contains(res.Warnings[0], "go install") {
		t.Errorf("temporary warning does not say what to do: %q", res.Warnings[0])
	}
	if !strings.Contains(res.Warnings[1], "JUPYTER_PATH") {
		t.Errorf("prefix warning: %q", res.Warnings[1])
	}
}

func TestInstallNeedsExecutable(t *testing.T) {
	if _, err := Install(Options{DataDir: t.TempDir()}); err == nil {
		t.Fatal("Install without Executable: want an error")
	}
}
