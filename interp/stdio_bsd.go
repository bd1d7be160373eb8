//go:build darwin || freebsd || netbsd || openbsd

package interp

import "syscall"

func dup2(oldfd, newfd int) error { return syscall.Dup2(oldfd, newfd) }

// fionread is the ioctl that counts the bytes waiting in a pipe:
// _IOR('f', 127, int) on Darwin and the BSDs.
const fionread = 0x4004667f
