//go:build !amd64 || purego

package fft

const useAsm = false

func radix4Fast(y, x []complex128, m, s int, tw []complex128, inv bool) bool { return false }
