package interp

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestVetOtherSystems vets the package and those under it, tests included, as built for
// Windows and macOS: files that need Unix-only syscall names must carry a
// build constraint. It needs the go command and a build of the package's
// dependencies for each system (a few seconds once the build cache has them),
// so -short skips it.
func TestVetOtherSystems(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the dependencies for other systems")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	// The same targets as .ci/run's cross builds, so they share the cache.
	for _, target := range [][2]string{{"windows", "amd64"}, {"darwin", "arm64"}} {
		goos := target[0]
		cmd := exec.Command(goCmd, "vet", "./...")
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+target[1], "CGO_ENABLED=0")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("GOOS=%s go vet: %v\n%s", goos, err, strings.TrimSpace(string(out)))
		}
	}
}
