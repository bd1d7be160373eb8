//go:build !amd64

package optim

// useAVX is false off amd64: adamUpdate runs adamScalar only.
const useAVX = false

func adamAVX(dp, pp, gp, mp, vp *float64, n int, k *adamConsts) {
	panic("optim: adamAVX called off amd64")
}
