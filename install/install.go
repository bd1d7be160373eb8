package install

import (
	"embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

//go:embed assets/logo-32x32.png assets/logo-64x64.png assets/logo-svg.svg
var assets embed.FS

// Logo returns the embedded logo file name ("logo-32x32.png",
// "logo-64x64.png" or "logo-svg.svg").
func Logo(name string) ([]byte, error) {
	return assets.ReadFile("assets/" + name)
}

// LogoNames lists the logo files a kernelspec directory holds.
var LogoNames = []string{"logo-32x32.png", "logo-64x64.png", "logo-svg.svg"}

// Options says what to install and where.
type Options struct {
	// Executable is the absolute path of the gokernel binary written into
	// kernel.json's argv. Required.
	Executable string
	// Prefix, when set, installs into Prefix/share/jupyter/kernels/gokernel
	// (like `jupyter kernelspec install --prefix`).
	Prefix string
	// DataDir, when set and Prefix is empty, is the Jupyter data directory
	// to install into instead of UserDataDir().
	DataDir string
	// TempDirs are the directories considered temporary for the warning
	// about a vanishing binary; nil means TemporaryDirs().
	TempDirs []string
}

// Result tells what Install did.
type Result struct {
	// Dir is the kernelspec directory written.
	Dir string
	// Spec is the content of kernel.json.
	Spec Spec
	// Warnings are problems the user should fix, each with what to do.
	Warnings []string
}

// Install writes kernel.json and the logos into the kernelspec directory
// chosen by opts, creating it as needed and replacing an older install.
func Install(opts Options) (Result, error) {
	if opts.Executable == "" {
		return Result{}, errors.New("install: no executable path")
	}
	exe, err := filepath.Abs(opts.Executable)
	if err != nil {
		return Result{}, err
	}
	var dataDir string
	switch {
	case opts.Prefix != "":
		p, err := filepath.Abs(opts.Prefix)
		if err != nil {
			return Result{}, err
		}
		dataDir = PrefixDataDir(p)
	case opts.DataDir != "":
		dataDir = opts.DataDir
	default:
		if dataDir, err = UserDataDir(); err != nil {
			return Result{}, err
		}
	}
	res := Result{Dir: KernelDir(dataDir), Spec: NewSpec(exe)}
	body, err := res.Spec.JSON()
	if err != nil {
		return Result{}, err
	}
	if err := os.MkdirAll(res.Dir, 0o755); err != nil {
		return Result{}, fmt.Errorf("install: %w", err)
	}
	files := map[string][]byte{"kernel.json": body}
	for _, name := range LogoNames {
		b, err := Logo(name)
		if err != nil {
			return Result{}, err
		}
		files[name] = b
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(res.Dir, name), b, 0o644); err != nil {
			return Result{}, fmt.Errorf("install: %w", err)
		}
	}
	temp := opts.TempDirs
	if temp == nil {
		temp = TemporaryDirs()
	}
	if why := TemporaryReason(exe, temp); why != "" {
		res.Warnings = append(res.Warnings, fmt.Sprintf(
			"the kernel binary %s will probably vanish (%s), and Jupyter will then fail to start the kernel. "+
				"Build a lasting binary and install from it: `go install github.com/gokernel/gokernel@latest && gokernel install` "+
				"or `go build -o ~/.local/bin/gokernel . && ~/.local/bin/gokernel install`", exe, why))
	}
	if opts.Prefix != "" {
		res.Warnings = append(res.Warnings, fmt.Sprintf(
			"Jupyter looks in %s only if it is one of its data paths (its sys.prefix, /usr/local/share/jupyter, "+
				"/usr/share/jupyter, or a directory listed in JUPYTER_PATH); check with `jupyter kernelspec list`",
			dataDir))
	}
	return res, nil
}
