// Command gokernel is a Jupyter kernel for Go, and a runner of Go notebooks
// and scripts that needs no Jupyter.
//
//	gokernel install [--prefix DIR] [--user]   write the kernelspec "gokernel"
//	gokernel kernel CONNECTION_FILE            serve Jupyter (started by Jupyter)
//	gokernel run FILE.ipynb|FILE.go [flags]    run a notebook or a script headless
//	gokernel version                           print versions
//	gokernel help                              print this help
//
// main is the only package that sees both the protocol (package kernel) and
// the Go session (package interp). The session captures file descriptors 1
// and 2 while cells run, so main duplicates them before creating it and
// gives the copies to the kernel's log and to the run's terminal output.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/gokernel/gokernel/install"
	"github.com/gokernel/gokernel/interp"
	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/run"
)

// version is set at link time (-ldflags "-X main.version=v1.2.3"); otherwise
// the module version from the build information is used.
var version = ""

const usage = `gokernel: a Jupyter kernel for Go (yaegi + zmq4) with a preloaded library
for autoencoders, PCA, convolution and correlation.

Usage:
  gokernel install [--prefix DIR] [--user]
        Write the Jupyter kernelspec "gokernel" for this binary: into the
        user's Jupyter data directory (default, or --user; JUPYTER_DATA_DIR
        is honoured) or into DIR/share/jupyter/kernels (--prefix DIR).
  gokernel kernel CONNECTION_FILE   (or: gokernel kernel -f CONNECTION_FILE)
        Serve the Jupyter protocol (Jupyter starts this; see kernel.json).
  gokernel run FILE.ipynb [-o OUT.ipynb] [--allow-errors] [-q]
        Execute a notebook's code cells in order, printing their output;
        with -o, write the executed notebook (outputs in nbformat 4).
  gokernel run FILE.go [--split] [--display-dir DIR]
        Run a Go script as one cell, or (--split) as one cell per
        blank-line separated top-level chunk. Rich outputs are summarised
        ("[image/png 640x480]") or saved into DIR. Exit status 1 on error.
  gokernel version
        Print the gokernel, Go and protocol versions.
  gokernel help
        Print this help.
`

func main() {
	os.Exit(mainCode(os.Args[1:]))
}

// mainCode runs one subcommand and returns the process exit status.
func mainCode(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	var err error
	switch cmd {
	case "install":
		err = cmdInstall(rest)
	case "kernel":
		err = cmdKernel(rest)
	case "run":
		err = cmdRun(rest)
	case "version", "--version", "-version":
		fmt.Printf("gokernel %s (%s, %s/%s), Jupyter protocol %s\n",
			buildVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH, install.ProtocolVersion)
	case "help", "--help", "-help", "-h":
		fmt.Print(usage)
	default:
		fmt.Fprintf(os.Stderr, "gokernel: unknown command %q (run `gokernel help` for usage)\n", cmd)
		return 2
	}
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(os.Stderr, "gokernel %s: %v (run `gokernel help` for usage)\n", cmd, err)
		return 2
	case errors.Is(err, errReported):
		return 1
	default:
		fmt.Fprintf(os.Stderr, "gokernel %s: %v\n", cmd, err)
		return 1
	}
}

// usageError is a command line mistake; the usage is printed with it.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// errReported is an error whose details were already printed.
var errReported = errors.New("reported")

func buildVersion() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(devel)"
	}
	v := bi.Main.Version
	if v == "" || v == "(devel)" {
		v = "(devel)"
		var rev, dirty string
		for _, s := range bi.Settings {
			switch {
			case s.Key == "vcs.revision" && len(s.Value) >= 12:
				rev = s.Value[:12]
			case s.Key == "vcs.modified" && s.Value == "true":
				dirty = "+dirty"
			}
		}
		if rev != "" {
			v = "devel " + rev + dirty
		}
	}
	return v
}

// parseInterleaved parses flags that may come before or after positional
// arguments ("run nb.ipynb -o out.ipynb") and returns the positionals.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func cmdInstall(args []string) error {
	fs := newFlagSet("install")
	prefix := fs.String("prefix", "", "install into `DIR`/share/jupyter/kernels/gokernel")
	user := fs.Bool("user", false, "install into the user's Jupyter data directory (the default)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{"install takes no arguments, got " + strings.Join(pos, " ")}
	}
	if *user && *prefix != "" {
		return usageError{"--user and --prefix exclude each other"}
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	res, err := install.Install(install.Options{Executable: exe, Prefix: *prefix})
	if err != nil {
		return err
	}
	fmt.Printf("Installed the Jupyter kernelspec %q (%s) in %s\n", install.Name, install.DisplayName, res.Dir)
	fmt.Printf("It starts: %s\n", strings.Join(res.Spec.Argv, " "))
	for _, w := range res.Warnings {
		fmt.Fprintf(os.Stderr, "warning: %s\n", w)
	}
	return nil
}

func cmdKernel(args []string) error {
	fs := newFlagSet("kernel")
	file := fs.String("f", "", "the connection file, as ipykernel's -f (alternative to the argument)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if *file != "" {
		pos = append(pos, *file)
	}
	if len(pos) != 1 {
		return usageError{"kernel needs exactly one CONNECTION_FILE"}
	}
	logFile, closeLog, err := dupStd(2)
	if err != nil {
		return err
	}
	defer closeLog()
	logger := log.New(logFile, "gokernel: ", log.LstdFlags|log.Lmicroseconds)
	sess, err := interp.New(interp.Options{})
	if err != nil {
		return err
	}
	defer sess.Close()
	if err := kernel.Serve(context.Background(), pos[0], sess, kernel.Options{Log: logger}); err != nil {
		logger.Printf("kernel stopped: %v", err)
		return errReported
	}
	return nil
}

func cmdRun(args []string) error {
	fs := newFlagSet("run")
	out := fs.String("o", "", "write the executed notebook to `OUT.ipynb`")
	allowErrors := fs.Bool("allow-errors", false, "notebooks: keep running after a failing cell")
	quiet := fs.Bool("q", false, "notebooks: do not print the outputs")
	split := fs.Bool("split", false, "scripts: run each blank-line separated top-level chunk as a cell")
	displayDir := fs.String("display-dir", "", "scripts: save rich outputs (images, HTML) into `DIR`")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"run needs exactly one FILE.ipynb or FILE.go"}
	}
	path := pos[0]
	isNotebook := strings.EqualFold(filepath.Ext(path), ".ipynb")
	if *out != "" && !isNotebook {
		return usageError{"-o applies to notebooks only"}
	}
	if _, err := os.Stat(path); err != nil {
		return err
	}
	stdout, closeOut, err := dupStd(1)
	if err != nil {
		return err
	}
	defer closeOut()
	stderr, closeErr, err := dupStd(2)
	if err != nil {
		return err
	}
	defer closeErr()

	sess, err := interp.New(interp.Options{})
	if err != nil {
		return err
	}
	defer sess.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	opts := run.Options{
		Stdout: stdout, Stderr: stderr, Stdin: os.Stdin,
		Echo: !*quiet, DisplayDir: *displayDir, Split: *split, AllowErrors: *allowErrors,
	}
	err = run.File(ctx, sess, path, *out, opts)
	if *out != "" && (err == nil || errors.As(err, new(*run.CellError))) {
		fmt.Fprintf(stderr, "wrote %s\n", *out)
	}
	var cerr *run.CellError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &cerr):
		if isNotebook {
			fmt.Fprintf(stderr, "gokernel run: %s: %v\n", path, cerr)
		}
		return errReported // the traceback is already on stderr
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "gokernel run: interrupted")
		return errReported
	}
	return err
}
