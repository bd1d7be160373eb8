package backend

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/ebitengine/purego"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack/lapack64"
)

// library holds the OpenBLAS entry points, or nothing when it is not loaded.
type library struct {
	path   string
	handle uintptr

	// Fortran-interface routines: every argument is a pointer.
	dgemm, dsyrk, dsyr2k, dsymm, dtrsm, dtrmm, dgemv uintptr
	sgemm, ssyrk, ssyr2k, ssymm, strsm, strmm, sgemv uintptr
	// dsyevd is 0 when the library has no LAPACK.
	dsyevd uintptr

	setThreads func(int32)
	getThreads func() int32
	corename   func() string
	config     func() string
}

var (
	lib      *library
	reason   string
	threadMu sync.Mutex
)

func init() {
	if strings.EqualFold(os.Getenv("GOKERNEL_BLAS"), "gonum") {
		reason = "GOKERNEL_BLAS=gonum"
		return
	}
	l, err := open()
	if err != nil {
		reason = err.Error()
		return
	}
	lib = l
	if !threadsFromEnv() {
		n := runtime.GOMAXPROCS(0)
		if d := int(l.getThreads()); d > 0 && d < n {
			n = d
		}
		l.setThreads(int32(n))
	}
	impl := Implementation{}
	blas64.Use(impl)
	blas32.Use(impl)
	if l.dsyevd != 0 {
		lapack64.Use(LAPACK{})
	}
}

// ThreadsFromEnv reports whether the environment fixed OpenBLAS's thread
// count (OPENBLAS_NUM_THREADS, GOTO_NUM_THREADS or OMP_NUM_THREADS is set),
// in which case the package left the library's choice alone.
func ThreadsFromEnv() bool { return threadsFromEnv() }

func threadsFromEnv() bool {
	for _, v := range []string{"OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"} {
		if os.Getenv(v) != "" {
			return true
		}
	}
	return false
}

// candidates lists the library files to try, most specific first; a file
// named by GOKERNEL_BLAS_LIB is the only candidate.
func candidates() []string {
	if p := os.Getenv("GOKERNEL_BLAS_LIB"); p != "" {
		return []string{p}
	}
	var c []string
	switch runtime.GOOS {
	case "darwin":
		for _, d := range []string{"/opt/homebrew/opt/openblas/lib", "/usr/local/opt/openblas/lib", "/opt/local/lib"} {
			c = append(c, filepath.Join(d, "libopenblas.dylib"))
		}
		return c
	}
	c = append(c, "libopenblas.so.0", "libopenblas.so")
	triplet := map[string]string{
		"amd64": "x86_64-linux-gnu", "arm64": "aarch64-linux-gnu",
		"ppc64le": "powerpc64le-linux-gnu", "s390x": "s390x-linux-gnu",
		"riscv64": "riscv64-linux-gnu", "loong64": "loongarch64-linux-gnu",
	}[runtime.GOARCH]
	var dirs []string
	if triplet != "" {
		base := filepath.Join("/usr/lib", triplet)
		dirs = append(dirs, filepath.Join(base, "openblas-pthread"), filepath.Join(base, "openblas-openmp"),
			filepath.Join(base, "openblas-serial"), base)
	}
	dirs = append(dirs, "/usr/lib64", "/usr/lib64/openblas", "/usr/local/lib", "/opt/OpenBLAS/lib", "/usr/lib")
	for _, d := range dirs {
		c = append(c, filepath.Join(d, "libopenblas.so.0"), filepath.Join(d, "libopenblas.so"))
	}
	return c
}

func open() (*library, error) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" && runtime.GOOS != "freebsd" {
		return nil, fmt.Errorf("backend: OpenBLAS loading not supported on %s", runtime.GOOS)
	}
	var errs []string
	for _, p := range candidates() {
		h, err := dlopen(p)
		if err != nil {
			continue
		}
		l, err := bind(p, h)
		if err != nil {
			errs = append(errs, err.Error())
			dlclose(h)
			continue
		}
		return l, nil
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("backend: unusable OpenBLAS: %s", strings.Join(errs, "; "))
	}
	if p := os.Getenv("GOKERNEL_BLAS_LIB"); p != "" {
		return nil, fmt.Errorf("backend: cannot load GOKERNEL_BLAS_LIB=%s", p)
	}
	return nil, fmt.Errorf("backend: libopenblas not found (install libopenblas0 or set GOKERNEL_BLAS_LIB)")
}

func bind(path string, h uintptr) (l *library, err error) {
	l = &library{path: path, handle: h}
	syms := []struct {
		name string
		dst  *uintptr
	}{
		{"dgemm_", &l.dgemm}, {"dsyrk_", &l.dsyrk}, {"dsyr2k_", &l.dsyr2k}, {"dsymm_", &l.dsymm},
		{"dtrsm_", &l.dtrsm}, {"dtrmm_", &l.dtrmm}, {"dgemv_", &l.dgemv},
		{"sgemm_", &l.sgemm}, {"ssyrk_", &l.ssyrk}, {"ssyr2k_", &l.ssyr2k}, {"ssymm_", &l.ssymm},
		{"strsm_", &l.strsm}, {"strmm_", &l.strmm}, {"sgemv_", &l.sgemv},
	}
	for _, s := range syms {
		p, err := dlsym(h, s.name)
		if err != nil || p == 0 {
			return nil, fmt.Errorf("%s: missing symbol %s", path, s.name)
		}
		*s.dst = p
	}
	if p, err := dlsym(h, "dsyevd_"); err == nil {
		l.dsyevd = p
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: %v", path, r)
		}
	}()
	purego.RegisterLibFunc(&l.setThreads, h, "openblas_set_num_threads")
	purego.RegisterLibFunc(&l.getThreads, h, "openblas_get_num_threads")
	purego.RegisterLibFunc(&l.corename, h, "openblas_get_corename")
	purego.RegisterLibFunc(&l.config, h, "openblas_get_config")
	return l, nil
}

// Name describes the BLAS that gonum uses now, for example
// "OpenBLAS 0.3.21 (libopenblas.so.0, core SkylakeX, 2 threads) via purego"
// or "gonum (pure Go)".
func Name() string {
	if lib == nil {
		return "gonum (pure Go)"
	}
	cfg := strings.Fields(lib.config())
	version := "OpenBLAS"
	if len(cfg) >= 2 && cfg[0] == "OpenBLAS" {
		version = cfg[0] + " " + cfg[1]
	}
	n := Threads()
	unit := "threads"
	if n == 1 {
		unit = "thread"
	}
	return fmt.Sprintf("%s (%s, core %s, %d %s) via purego", version, filepath.Base(lib.path), lib.corename(), n, unit)
}

// Native reports whether OpenBLAS is in use.
func Native() bool { return lib != nil }

// FallbackReason says why gonum's pure-Go BLAS is in use; it is empty when
// OpenBLAS is.
func FallbackReason() string { return reason }

// Config returns OpenBLAS's own description of its build
// (openblas_get_config), or "" when OpenBLAS is not in use.
func Config() string {
	if lib == nil {
		return ""
	}
	return lib.config()
}

// SetThreads sets the number of threads OpenBLAS may use for one call;
// n < 1 means 1. It does nothing when OpenBLAS is not in use.
func SetThreads(n int) {
	if lib == nil {
		return
	}
	if n < 1 {
		n = 1
	}
	threadMu.Lock()
	defer threadMu.Unlock()
	lib.setThreads(int32(n))
}

// Threads returns the number of threads OpenBLAS may use, or 1 for gonum.
func Threads() int {
	if lib == nil {
		return 1
	}
	threadMu.Lock()
	defer threadMu.Unlock()
	return int(lib.getThreads())
}
