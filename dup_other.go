//go:build !unix

package main

import "os"

// dupStd returns the process's own stdout (fd 1) or stderr (fd 2): where
// file descriptors cannot be duplicated, the session does not redirect them
// either. close does nothing.
func dupStd(fd int) (f *os.File, close func(), err error) {
	if fd == 1 {
		return os.Stdout, func() {}, nil
	}
	return os.Stderr, func() {}, nil
}
