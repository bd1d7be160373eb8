//go:build amd64 && !purego

package simd

var useAsm = hasAVX2FMA()

// corrRowAsm is CorrRow for len(y) a multiple of 4 and len(k) >= 1.
//
//go:noescape
func corrRowAsm(y, x, k []float64)

// corr2DAsm is Corr2DRow for len(y) a multiple of 4.
//
//go:noescape
func corr2DAsm(y, x, k []float64, kc, stride int)

func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)

func xgetbv() (eax, edx uint32)

// hasAVX2FMA reports whether the CPU has AVX2 and FMA and the OS saves
// the YMM registers.
func hasAVX2FMA() bool {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return false
	}
	_, _, ecx1, _ := cpuid(1, 0)
	const fma, osxsave, avx = 1 << 12, 1 << 27, 1 << 28
	if ecx1&(fma|osxsave|avx) != fma|osxsave|avx {
		return false
	}
	if xcr0, _ := xgetbv(); xcr0&6 != 6 {
		return false
	}
	_, ebx7, _, _ := cpuid(7, 0)
	return ebx7&(1<<5) != 0
}

// corr3x3x2Asm is Corr3x3Rows for len(y0) a multiple of 4.
//
//go:noescape
func corr3x3x2Asm(y0, y1, x []float64, stride int, k *[9]float64)
