//go:build linux || darwin || freebsd || netbsd || openbsd

package interp

import (
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

// sameFile reports whether fd and f refer to the same open file.
func sameFile(t *testing.T, fd int, f *os.File) bool {
	t.Helper()
	var a, b syscall.Stat_t
	if err := syscall.Fstat(fd, &a); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Fstat(int(f.Fd()), &b); err != nil {
		t.Fatal(err)
	}
	return a.Dev == b.Dev && a.Ino == b.Ino
}

// TestCloseRestoresStdio runs in a child process, where no other session
// holds fd 1 and 2: New takes them over and Close gives them back.
func TestCloseRestoresStdio(t *testing.T) {
	if os.Getenv("GOKERNEL_CLOSE_CHILD") == "1" {
		closeChild(t)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestCloseRestoresStdio$", "-test.v")
	cmd.Env = append(os.Environ(), "GOKERNEL_CLOSE_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "child: restored") {
		t.Fatalf("child failed: %v\n%s", err, out)
	}
}

func closeChild(t *testing.T) {
	orig, err := dupFile(1, "orig")
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sameFile(t, 1, orig) {
		t.Fatal("fd 1 not captured")
	}
	mustRun(t, s, "fmt.Println(1)")
	s.Close()
	if !sameFile(t, 1, orig) {
		t.Fatal("fd 1 not restored")
	}
	origStdout.WriteString("child: restored\n")
}
