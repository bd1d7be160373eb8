package interp

import "syscall"

func dup2(oldfd, newfd int) error { return syscall.Dup3(oldfd, newfd, 0) }

// fionread is the ioctl that counts the bytes waiting in a pipe.
const fionread = syscall.TIOCINQ
