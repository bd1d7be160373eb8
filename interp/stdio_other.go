//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package interp

import (
	"errors"
	"os"
)

var errNoCapture = errors.New("interp: capturing fd 1 and 2 is not supported on this system")

func dupFile(fd int, name string) (*os.File, error) { return nil, errNoCapture }
func capturePipe() (r, w *os.File, err error)       { return nil, nil, errNoCapture }
func dup2(oldfd, newfd int) error                   { return errNoCapture }
func setCrashOutput(f *os.File)                     {}
func readFD(fd int, b []byte) (int, error)          { return 0, errNoCapture }
func isAgain(err error) bool                        { return false }
func unread(f *os.File) (int, error)                { return 0, errNoCapture }
