//go:build unix

package main

import (
	"fmt"
	"os"
	"syscall"
)

// dupStd returns a new *os.File on a duplicate of file descriptor fd (1 or
// 2), so that the original stream stays reachable after the session
// redirects fd to capture cell output. close releases the duplicate.
func dupStd(fd int) (f *os.File, close func(), err error) {
	nfd, err := syscall.Dup(fd)
	if err != nil {
		return nil, nil, fmt.Errorf("dup fd %d: %w", fd, err)
	}
	syscall.CloseOnExec(nfd)
	f = os.NewFile(uintptr(nfd), fmt.Sprintf("fd%d-copy", fd))
	return f, func() { f.Close() }, nil
}
