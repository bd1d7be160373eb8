package simd

// Corr3x3Rows sets two adjacent output rows of a 3x3 correlation in one
// pass over the four input rows they need (rows of x start stride elements
// apart): for j < len(y0),
//
//	y0[j] = Σ_{a,b<3} k[3a+b]·x[a·stride+j+b]
//	y1[j] = Σ_{a,b<3} k[3a+b]·x[(a+1)·stride+j+b]
//
// y0 and y1 are overwritten, not added to, so they need no clearing. It
// panics if len(y1) != len(y0), stride < 0 or x is too short.
func Corr3x3Rows(y0, y1, x []float64, stride int, k *[9]float64) {
	n := len(y0)
	if len(y1) != n {
		panic("simd: Corr3x3Rows: output rows differ in length")
	}
	if n == 0 {
		return
	}
	if stride < 0 || len(x) < 3*stride+n+2 {
		panic("simd: Corr3x3Rows: x too short")
	}
	done := 0
	if useAsm {
		done = n &^ 3
		if done > 0 {
			corr3x3x2Asm(y0[:done], y1[:done], x, stride, k)
		}
	}
	if done < n {
		corr3x3Go(y0[done:], y1[done:], x[done:], stride, k)
	}
}

// corr3x3Go is Corr3x3Rows in plain Go, the kernel held in locals and each
// input row read once for both outputs.
func corr3x3Go(y0, y1, x []float64, stride int, k *[9]float64) {
	n := len(y0)
	y1 = y1[:n]
	x0 := x[:n+2]
	x1 := x[stride : stride+n+2]
	x2 := x[2*stride : 2*stride+n+2]
	x3 := x[3*stride : 3*stride+n+2]
	k00, k01, k02 := k[0], k[1], k[2]
	k10, k11, k12 := k[3], k[4], k[5]
	k20, k21, k22 := k[6], k[7], k[8]
	for j := range y0 {
		a, b, c := x1[j], x1[j+1], x1[j+2]
		d, e, f := x2[j], x2[j+1], x2[j+2]
		y0[j] = k00*x0[j] + k01*x0[j+1] + k02*x0[j+2] +
			k10*a + k11*b + k12*c + k20*d + k21*e + k22*f
		y1[j] = k00*a + k01*b + k02*c + k10*d + k11*e + k12*f +
			k20*x3[j] + k21*x3[j+1] + k22*x3[j+2]
	}
}
