package nn

import "math"

// useAVX2 reports whether the CPU and the OS support AVX2 (256-bit integer
// and gather instructions).
var useAVX2 = hasAVX2()

// sigmoidConsts holds the constants of biasSigmoidAVX2, each repeated in
// the four lanes of a vector, in the order the assembly reads them.
var sigmoidConsts = func() (c [16][4]uint64) {
	for i, v := range []uint64{
		math.Float64bits(expMax),
		math.Float64bits(expMin),
		math.Float64bits(expInvLn2N),
		math.Float64bits(expShifter),
		math.Float64bits(expLn2NHi),
		math.Float64bits(expLn2NLo),
		math.Float64bits(1),
		math.Float64bits(1.0 / 2),
		math.Float64bits(1.0 / 6),
		math.Float64bits(1.0 / 24),
		math.Float64bits(1.0 / 120),
		math.Float64bits(1.0 / 720),
		1 << 63,                      // sign bit
		math.Float64bits(expShifter), // as an integer
		1023 << expTableBits,         // exponent bias before the shift
		expTableSize - 1,             // table index mask
	} {
		c[i] = [4]uint64{v, v, v, v}
	}
	return c
}()

// biasSigmoidAVX2 runs biasSigmoidScalar over the first n elements (a
// multiple of 4) of out, z and b; see sigmoid_amd64.s.
//
//go:noescape
func biasSigmoidAVX2(out, z, b *float64, n int, c *[16][4]uint64)

func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)

func xgetbv() (eax, edx uint32)

// hasAVX2 checks CPUID for AVX, OSXSAVE and AVX2 and XCR0 for the saving
// of the XMM and YMM registers by the OS.
func hasAVX2() bool {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return false
	}
	_, _, ecx, _ := cpuid(1, 0)
	const osxsave, avx = 1 << 27, 1 << 28
	if ecx&osxsave == 0 || ecx&avx == 0 {
		return false
	}
	if xcr0, _ := xgetbv(); xcr0&6 != 6 {
		return false
	}
	_, ebx, _, _ := cpuid(7, 0)
	return ebx&(1<<5) != 0
}
