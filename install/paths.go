package install

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// Env is the part of the process environment that decides where Jupyter
// keeps its data. Tests pass fakes; UserDataDir uses the real process.
type Env struct {
	// GOOS is the operating system, as runtime.GOOS spells it.
	GOOS string
	// Getenv returns an environment variable, "" when unset.
	Getenv func(string) string
	// Home is the user's home directory.
	Home string
}

// DataDir returns Jupyter's user data directory the way jupyter_core's
// jupyter_data_dir computes it: $JUPYTER_DATA_DIR when set; otherwise
// ~/Library/Jupyter on macOS, %APPDATA%\jupyter on Windows (falling back to
// the config directory's "data" folder), and $XDG_DATA_HOME/jupyter or
// ~/.local/share/jupyter elsewhere.
func DataDir(env Env) (string, error) {
	if d := env.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return filepath.Abs(d)
	}
	if env.Home == "" {
		return "", errors.New("install: no home directory to find the Jupyter data directory; set JUPYTER_DATA_DIR")
	}
	switch env.GOOS {
	case "darwin", "ios":
		return filepath.Join(env.Home, "Library", "Jupyter"), nil
	case "windows":
		if appdata := env.Getenv("APPDATA"); appdata != "" {
			return filepath.Join(appdata, "jupyter"), nil
		}
		return filepath.Join(configDir(env), "data"), nil
	default:
		xdg := env.Getenv("XDG_DATA_HOME")
		if xdg == "" {
			xdg = filepath.Join(env.Home, ".local", "share")
		}
		return filepath.Join(xdg, "jupyter"), nil
	}
}

// configDir mirrors jupyter_core's jupyter_config_dir.
func configDir(env Env) string {
	if d := env.Getenv("JUPYTER_CONFIG_DIR"); d != "" {
		return d
	}
	return filepath.Join(env.Home, ".jupyter")
}

// UserDataDir is DataDir for the running process.
func UserDataDir() (string, error) {
	home, _ := os.UserHomeDir() // an empty home is reported by DataDir when it matters
	return DataDir(Env{GOOS: runtime.GOOS, Getenv: os.Getenv, Home: home})
}

// KernelDir returns the kernelspec directory for the kernel Name inside a
// Jupyter data directory.
func KernelDir(dataDir string) string {
	return filepath.Join(dataDir, "kernels", Name)
}

// PrefixDataDir returns the Jupyter data directory of an installation
// prefix: PREFIX/share/jupyter, as `jupyter kernelspec install --prefix` uses.
func PrefixDataDir(prefix string) string {
	return filepath.Join(prefix, "share", "jupyter")
}
