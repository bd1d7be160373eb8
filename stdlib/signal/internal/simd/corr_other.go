//go:build !amd64 || purego

package simd

const useAsm = false

func corrRowAsm(y, x, k []float64) { corrRowGo(y, x, k) }

func corr2DAsm(y, x, k []float64, kc, stride int) { corr2DGo(y, x, k, kc, stride) }

func corr3x3x2Asm(y0, y1, x []float64, stride int, k *[9]float64) {
	corr3x3Go(y0, y1, x, stride, k)
}
