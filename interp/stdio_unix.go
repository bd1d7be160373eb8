//go:build linux || darwin || freebsd || netbsd || openbsd

package interp

import (
	"os"
	"runtime/debug"
	"syscall"
	"unsafe"
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

// capturePipe returns a pipe whose writing end blocks (once installed on
// fd 1, a full pipe must make writers wait, not fail with EAGAIN) and whose
// reading end is non-blocking, for the runtime's poller.
func capturePipe() (r, w *os.File, err error) {
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
	if err := syscall.SetNonblock(fds[0], true); err != nil {
		syscall.Close(fds[0])
		syscall.Close(fds[1])
		return nil, nil, err
	}
	return os.NewFile(uintptr(fds[0]), "capture-r"), os.NewFile(uintptr(fds[1]), "capture-w"), nil
}

// readFD reads from a raw descriptor.
func readFD(fd int, b []byte) (int, error) { return syscall.Read(fd, b) }

// isAgain reports whether a read found no data yet.
func isAgain(err error) bool { return err == syscall.EAGAIN || err == syscall.EINTR }

// unread returns the number of bytes waiting in the pipe f.
func unread(f *os.File) (int, error) {
	rc, err := f.SyscallConn()
	if err != nil {
		return 0, err
	}
	var n int32
	var ierr error
	err = rc.Control(func(fd uintptr) {
		_, _, e := syscall.Syscall(syscall.SYS_IOCTL, fd, uintptr(fionread), uintptr(unsafe.Pointer(&n)))
		if e != 0 {
			ierr = e
		}
	})
	if err == nil {
		err = ierr
	}
	return int(n), err
}

// setCrashOutput sends fatal runtime errors also to f (the original
// stderr), so that a crash stays visible while fd 2 is captured.
func setCrashOutput(f *os.File) {
	_ = debug.SetCrashOutput(f, debug.CrashOptions{})
}
