package install

import (
	"path/filepath"
	"testing"
)

func fakeEnv(goos, home string, vars map[string]string) Env {
	return Env{GOOS: goos, Home: home, Getenv: func(k string) string { return vars[k] }}
}

func TestDataDir(t *testing.T) {
	abs, _ := filepath.Abs("rel/data")
	cases := []struct {
		name string
		env  Env
		want string
	}{
		{"linux default", fakeEnv("linux", "/home/ann", nil), "/home/ann/.local/share/jupyter"},
		{"linux xdg", fakeEnv("linux", "/home/ann", map[string]string{"XDG_DATA_HOME": "/xdg"}), "/xdg/jupyter"},
		{"freebsd like linux", fakeEnv("freebsd", "/home/bo", nil), "/home/bo/.local/share/jupyter"},
		{"jupyter data dir wins", fakeEnv("linux", "/home/ann", map[string]string{
			"XDG_DATA_HOME": "/xdg", "JUPYTER_DATA_DIR": "/custom/jd"}), "/custom/jd"},
		{"jupyter data dir relative made absolute", fakeEnv("linux", "/home/ann", map[string]string{
			"JUPYTER_DATA_DIR": "rel/data"}), abs},
		{"jupyter data dir without home", fakeEnv("linux", "", map[string]string{"JUPYTER_DATA_DIR": "/jd"}), "/jd"},
		{"macOS", fakeEnv("darwin", "/Users/ann", map[string]string{"XDG_DATA_HOME": "/ignored"}), "/Users/ann/Library/Jupyter"},
		{"windows appdata", fakeEnv("windows", "/users/ann", map[string]string{"APPDATA": "/users/ann/AppData/Roaming"}),
			filepath.Join("/users/ann/AppData/Roaming", "jupyter")},
		{"windows without appdata", fakeEnv("windows", "/users/ann", nil), filepath.Join("/users/ann", ".jupyter", "data")},
		{"windows without appdata, config dir set", fakeEnv("windows", "/users/ann", map[string]string{"JUPYTER_CONFIG_DIR": "/cfg"}),
			filepath.Join("/cfg", "data")},
	}
	for _, c := range cases {
		got, err := DataDir(c.env)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got != filepath.FromSlash(c.want) {
			t.Errorf("%s: DataDir = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestDataDirNoHome(t *testing.T) {
	if _, err := DataDir(fakeEnv("linux", "", nil)); err == nil {
		t.Fatal("DataDir without home nor JUPYTER_DATA_DIR: want an error")
	}
}

func TestUserDataDirHonoursEnv(t *testing.T) {
	t.Setenv("JUPYTER_DATA_DIR", "/tmp/some/jupyter-data")
	got, err := UserDataDir()
	if err != nil || got != "/tmp/some/jupyter-data" {
		t.Fatalf("UserDataDir = %q, %v", got, err)
	}
}

func TestKernelDirs(t *testing.T) {
	if got, want := KernelDir("/d"), filepath.FromSlash("/d/kernels/gokernel"); got != want {
		t.Errorf("KernelDir = %q, want %q", got, want)
	}
	if got, want := KernelDir(PrefixDataDir("/opt/env")), filepath.FromSlash("/opt/env/share/jupyter/kernels/gokernel"); got != want {
		t.Errorf("prefix KernelDir = %q, want %q", got, want)
	}
}

func TestTemporaryReason(t *testing.T) {
	temps := []string{"/tmp", "/home/ann/.cache/go-build"}
	cases := []struct {
		exe       string
		temporary bool
	}{
		{"/tmp/go-build123/b001/exe/gokernel", true},
		{"/tmp/gokernel", true},
		{"/home/ann/.cache/go-build/ab/abcdef-d/gokernel", true},
		{"/var/folders/x/go-build99/b001/exe/gokernel", true},
		{"/home/ann/go/bin/gokernel", false},
		{"/usr/local/bin/gokernel", false},
		{"/tmpfoo/gokernel", false},
		{"/home/ann/go-builder/gokernel", false},
		{"/srv/cache/go-build/0a/exe/gokernel", true},
	}
	for _, c := range cases {
		why := TemporaryReason(c.exe, temps)
		if (why != "") != c.temporary {
			t.Errorf("TemporaryReason(%q) = %q, want temporary=%v", c.exe, why, c.temporary)
		}
	}
}
