package kernel_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportBoundaries keeps the kernel free of the language side and the
// library, and zmq4 inside zmqtransport (DESIGN.md "The house").
func TestImportBoundaries(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "./...").CombinedOutput()
	if err != nil {
		t.Skipf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"github.com/gokernel/gokernel/interp", "github.com/gokernel/gokernel/stdlib", "github.com/traefik/yaegi", "gonum.org/"} {
			if strings.HasPrefix(dep, banned) {
				t.Errorf("kernel depends on %s", dep)
			}
		}
	}
	out, err = exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, " ")
		if strings.Contains(imports, "github.com/go-zeromq/zmq4") && !strings.HasSuffix(pkg, "/kernel/zmqtransport") {
			t.Errorf("%s imports zmq4 directly", pkg)
		}
	}
}
