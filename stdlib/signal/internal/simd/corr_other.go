//go:build !amd64 || purego

package simd

const useAsm = false

func corrRowAsm(y, x, k []float64) { corrRowGo(y, x, k) }
