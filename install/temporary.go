package install

import (
	"os"
	"path/filepath"
	"strings"
)

// TemporaryDirs returns the directories whose content may vanish: the
// system temporary directory, GOTMPDIR, and the Go build cache (GOCACHE or
// its default under the user cache directory), where `go run` keeps the
// binaries it builds.
func TemporaryDirs() []string {
	dirs := []string{os.TempDir()}
	for _, v := range []string{"GOTMPDIR", "GOCACHE"} {
		if d := os.Getenv(v); d != "" {
			dirs = append(dirs, d)
		}
	}
	if c, err := os.UserCacheDir(); err == nil {
		dirs = append(dirs, filepath.Join(c, "go-build"))
	}
	return dirs
}

// TemporaryReason reports why the binary at executable is likely to vanish,
// or "" when its location looks lasting. A path is temporary when it has a
// "go-build" or "go-build<digits>" directory in it (the build cache, and the
// work directory of `go run` and `go test`) or lies inside one of tempDirs.
func TemporaryReason(executable string, tempDirs []string) string {
	exe := cleanReal(executable)
	for _, part := range strings.Split(filepath.ToSlash(exe), "/") {
		if rest, ok := strings.CutPrefix(part, "go-build"); ok && strings.Trim(rest, "0123456789") == "" {
			return "it was built by `go run` into a Go build directory"
		}
	}
	for _, d := range tempDirs {
		if d == "" {
			continue
		}
		if within(exe, cleanReal(d)) || within(filepath.Clean(executable), filepath.Clean(d)) {
			return "it is inside the temporary directory " + d
		}
	}
	return ""
}

// within reports whether path is dir or lies below it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	if err != nil {
		return false
	}
	return rel == "." || (rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)))
}

// cleanReal resolves symbolic links where possible (macOS /var is
// /private/var), else returns the cleaned path.
func cleanReal(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return filepath.Clean(p)
}
