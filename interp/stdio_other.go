//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package interp

import (
	"errors"
	"os"
)

var errNoCapture = errors.New("interp: capturing fd 1 and 2 is not supported on this system")

func dupFile(fd int, name string) (*os.File, error) { return nil, errNoCapture }
func blockingPipe() (r, w *os.File, err error)      { return nil, nil, errNoCapture }
func dup2(oldfd, newfd int) error                   { return errNoCapture }
func setCrashOutput(f *os.File)                     {}
