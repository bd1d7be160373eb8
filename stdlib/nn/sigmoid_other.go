//go:build !amd64

package nn

// useAVX2 is false off amd64: biasSigmoid runs biasSigmoidScalar only.
const useAVX2 = false

var sigmoidConsts [16][4]uint64

func biasSigmoidAVX2(out, z, b *float64, n int, c *[16][4]uint64) {
	panic("nn: biasSigmoidAVX2 called off amd64")
}
