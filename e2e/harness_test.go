package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// python is the interpreter with Debian's Jupyter packages; the python3 on
// PATH may be another one (pyenv).
func python() string {
	if p := os.Getenv("E2E_PYTHON"); p != "" {
		return p
	}
	return "/usr/bin/python3"
}

// jupyter is the Jupyter command of the same installation.
func jupyter() string {
	if p := os.Getenv("E2E_JUPYTER"); p != "" {
		return p
	}
	return "/usr/bin/jupyter"
}

// requireJupyter skips the test when the Python side is missing, or fails
// it when running in CI.
func requireJupyter(t *testing.T, modules ...string) {
	t.Helper()
	code := "import " + strings.Join(append([]string{"jupyter_client"}, modules...), ", ")
	out, err := exec.Command(python(), "-c", code).CombinedOutput()
	if err == nil {
		return
	}
	msg := fmt.Sprintf("%s cannot %q: %v\n%s(install: apt-get install python3-jupyter-client python3-nbclient jupyter-nbconvert)",
		python(), code, err, out)
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

var (
	buildOnce sync.Once
	buildDir  string
	buildBin  string
	buildErr  error
)

// moduleRoot is the repository root (the tests run in e2e/).
func moduleRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// kernelBinary builds gokernel once for the whole test binary.
func kernelBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "gokernel-e2e-bin-")
		if buildErr != nil {
			return
		}
		name := "gokernel"
		if runtime.GOOS == "windows" {
			name += ".exe"
		}
		buildBin = filepath.Join(buildDir, name)
		// go test puts its own GOROOT/bin first on PATH.
		cmd := exec.Command("go", "build", "-o", buildBin, ".")
		cmd.Dir = moduleRoot(t)
		out, err := cmd.CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return buildBin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// jupyterEnv is an environment whose Jupyter directories all live in dir,
// with the gokernel kernelspec installed by `gokernel install`.
func jupyterEnv(t *testing.T, bin, dir string) []string {
	t.Helper()
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "JUPYTER_PATH", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTER_CONFIG_DIR",
			"IPYTHONDIR", "PYTHONPATH", "PYTHONHOME", "JUPYTER_PLATFORM_DIRS":
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		"JUPYTER_DATA_DIR="+filepath.Join(dir, "data"),
		"JUPYTER_RUNTIME_DIR="+filepath.Join(dir, "runtime"),
		"JUPYTER_CONFIG_DIR="+filepath.Join(dir, "config"),
		"IPYTHONDIR="+filepath.Join(dir, "ipython"),
		"PYDEVD_DISABLE_FILE_VALIDATION=1",
	)
	cmd := exec.Command(bin, "install")
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("gokernel install: %v\n%s", err, out)
	}
	spec := filepath.Join(dir, "data", "kernels", "gokernel", "kernel.json")
	if !strings.Contains(string(out), filepath.Dir(spec)) {
		t.Errorf("gokernel install does not say where it wrote: %s", out)
	}
	var ks struct{ Argv []string }
	b, err := os.ReadFile(spec)
	if err == nil {
		err = json.Unmarshal(b, &ks)
	}
	if err != nil || len(ks.Argv) != 3 || ks.Argv[0] != bin {
		t.Fatalf("kernel.json: %v %s", err, b)
	}
	return env
}

// runLogged runs cmd with a deadline and returns its combined output,
// logging it when the test fails.
func runLogged(t *testing.T, timeout time.Duration, env []string, dir string, name string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = env
	cmd.Dir = dir
	cmd.WaitDelay = 5 * time.Second
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	err := cmd.Run()
	if ctx.Err() != nil {
		err = fmt.Errorf("%s timed out after %v: %w", name, timeout, err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("$ %s %s\n%s", name, strings.Join(args, " "), out.String())
		}
	})
	return out.String(), err
}
