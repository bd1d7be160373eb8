//go:build linux

package e2e

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// browserInstall is what CI must install for TestBrowserNotebook.
const browserInstall = "apt-get install -y --no-install-recommends jupyter-notebook chromium python3-websocket"

// chromium is Debian's chromium (E2E_CHROMIUM overrides it).
func chromium() string {
	if p := os.Getenv("E2E_CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// requireBrowser skips the test when the classic notebook server, the
// DevTools websocket client or chromium is missing, or fails it under CI.
func requireBrowser(t *testing.T) {
	t.Helper()
	var problems []string
	out, err := exec.Command(python(), "-c", "import notebook, websocket, jupyter_client").CombinedOutput()
	if err != nil {
		problems = append(problems, fmt.Sprintf("%s cannot import notebook, websocket: %v\n%s", python(), err, out))
	}
	if _, err := exec.LookPath(chromium()); err != nil {
		problems = append(problems, err.Error())
	}
	if len(problems) == 0 {
		return
	}
	msg := strings.Join(problems, "\n") + "\n(install: " + browserInstall + ")"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// lockedBuffer collects a child's output while it runs.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startGroup starts cmd in a process group of its own, and registers a
// cleanup that runs stop (may be nil), then kills the whole group, waits
// for cmd, and logs its output if the test failed.
func startGroup(t *testing.T, name string, cmd *exec.Cmd, stop func()) *lockedBuffer {
	t.Helper()
	out := &lockedBuffer{}
	cmd.Stdout = out
	cmd.Stderr = out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", name, err)
	}
	done := make(chan struct{})
	go func() {
		cmd.Wait()
		close(done)
	}()
	t.Cleanup(func() {
		if stop != nil {
			stop()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Logf("%s did not stop by itself; killing it", name)
			}
		}
		// Children (chromium's renderers, a kernel the server forgot) die
		// with the group.
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
		if t.Failed() {
			t.Logf("--- %s output:\n%s", name, out.String())
		}
	})
	return out
}

// notebookServer is a running classic Jupyter Notebook server.
type notebookServer struct {
	base  string // http://127.0.0.1:port/
	token string
}

// startNotebookServer starts `python3 -m notebook` on nbDir with env (the
// kernelspec already installed in its JUPYTER_DATA_DIR) and waits until
// its REST API answers. The server and its kernels are shut down when the
// test ends.
func startNotebookServer(t *testing.T, env []string, runtimeDir, nbDir string) *notebookServer {
	t.Helper()
	tok := make([]byte, 16)
	rand.Read(tok)
	s := &notebookServer{token: hex.EncodeToString(tok)}
	cmd := exec.Command(python(), "-m", "notebook", "--no-browser", "--allow-root",
		"--ip=127.0.0.1", "--port="+strconv.Itoa(freePort(t)),
		"--NotebookApp.token="+s.token, "--notebook-dir="+nbDir)
	cmd.Env = env
	cmd.Dir = nbDir
	out := startGroup(t, "notebook server", cmd, func() {
		// The server shuts its kernels down before it exits; killing the
		// group alone would leave the kernel, which has a session of its own.
		req, _ := http.NewRequest("POST", s.base+"api/shutdown", nil)
		req.Header.Set("Authorization", "token "+s.token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			// Not listening yet: SIGTERM also shuts the kernels down.
			cmd.Process.Signal(syscall.SIGTERM)
			return
		}
		resp.Body.Close()
	})
	// The server writes its URL to nbserver-<pid>.json once it listens
	// (it may have moved to another port).
	info := filepath.Join(runtimeDir, fmt.Sprintf("nbserver-%d.json", cmd.Process.Pid))
	deadline := time.Now().Add(30 * time.Second)
	for {
		var si struct{ URL string }
		if b, err := os.ReadFile(info); err == nil && json.Unmarshal(b, &si) == nil && si.URL != "" {
			s.base = si.URL
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("notebook server wrote no %s in 30s:\n%s", info, out)
		}
		time.Sleep(100 * time.Millisecond)
	}
	for {
		resp, err := http.Get(s.base + "api/status?token=" + s.token)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s
			}
			err = fmt.Errorf("status %s", resp.Status)
		}
		if time.Now().After(deadline) {
			t.Fatalf("notebook server at %s does not answer: %v\n%s", s.base, err, out)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// startChromium starts headless chromium on about:blank with a profile in
// a temporary directory and returns its DevTools port. It is killed, with
// all its processes, when the test ends.
func startChromium(t *testing.T) int {
	t.Helper()
	profile := t.TempDir()
	cmd := exec.Command(chromium(), "--headless=new", "--no-sandbox", "--disable-gpu",
		"--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--remote-debugging-port=0", "--user-data-dir="+profile, "about:blank")
	// Chromium writes crash-report settings and a dconf cache under HOME
	// and the XDG directories: keep them in the test's directory too.
	home := t.TempDir()
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if k != "HOME" && !strings.HasPrefix(k, "XDG_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"XDG_CACHE_HOME="+filepath.Join(home, ".cache"))
	out := startGroup(t, "chromium", cmd, nil)
	// With port 0 chromium picks a free port and writes it to
	// DevToolsActivePort in the profile.
	file := filepath.Join(profile, "DevToolsActivePort")
	deadline := time.Now().Add(30 * time.Second)
	for {
		if b, err := os.ReadFile(file); err == nil {
			line, _, _ := strings.Cut(string(b), "\n")
			if port, err := strconv.Atoi(strings.TrimSpace(line)); err == nil && port > 0 {
				return port
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("chromium wrote no DevTools port in 30s:\n%s", out)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// freePort is a TCP port free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
