package optim

// useAVX reports whether the CPU and the OS support AVX (256-bit vectors).
var useAVX = hasAVX()

// adamAVX runs the Adam pass over the first n elements (a multiple of 4)
// of the arrays at p, g, m and v, writing the new values to d (which may
// be p); see adam_amd64.s.
//
//go:noescape
func adamAVX(dp, pp, gp, mp, vp *float64, n int, k *adamConsts)

func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)

func xgetbv() (eax, edx uint32)

// hasAVX checks CPUID for AVX and OSXSAVE and XCR0 for the saving of the
// XMM and YMM registers by the OS.
func hasAVX() bool {
	_, _, ecx, _ := cpuid(1, 0)
	const osxsave, avx = 1 << 27, 1 << 28
	if ecx&osxsave == 0 || ecx&avx == 0 {
		return false
	}
	xcr0, _ := xgetbv()
	return xcr0&6 == 6
}
