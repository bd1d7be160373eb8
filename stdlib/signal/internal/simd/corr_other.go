//go:build !amd64 || purego

package simd

const useAsm = false

func corrRowAsm(y, x, k []float64) { corrRowGo(y, x, k) }

func corr2DAsm(y, x, k []float64, kc, stride int) { corr2DGo(y, x, k, kc, stride) }
