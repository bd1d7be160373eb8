//go:build linux || darwin || freebsd || netbsd || openbsd

package interp

import (
	"os"
	"runtime/debug"
	"syscall"
)

// dupFile returns a new *os.File on a duplicate of fd.
func dupFile(fd int, name string) (*os.File, error) {
	syscall.ForkLock.RLock()
	nfd, err := syscall.Dup(fd)
	if err == nil {
		syscall.CloseOnExec(nfd)
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(nfd), name), nil
}

// blockingPipe returns a pipe in blocking mode: once installed on fd 1 a
// full pipe must make writers wait, not fail with EAGAIN.
func blockingPipe() (r, w *os.File, err error) {
	var fds [2]int
	syscall.ForkLock.RLock()
	err = syscall.Pipe(fds[:])
	if err == nil {
		syscall.CloseOnExec(fds[0])
		syscall.CloseOnExec(fds[1])
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return nil, nil, err
	}
	return os.NewFile(uintptr(fds[0]), "capture-r"), os.NewFile(uintptr(fds[1]), "capture-w"), nil
}

// setCrashOutput sends fatal runtime errors also to f (the original
// stderr), so that a crash stays visible while fd 2 is captured.
func setCrashOutput(f *os.File) {
	_ = debug.SetCrashOutput(f, debug.CrashOptions{})
}
