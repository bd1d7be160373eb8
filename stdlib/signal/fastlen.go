package signal

// FastLen returns the smallest n' >= n whose only prime factors are 2, 3
// and 5: the transform lengths the FFT paths use. FastLen(n) is 1 for n <= 1.
func FastLen(n int) int {
	if n <= 1 {
		return 1
	}
	best := 1
	for best < n {
		best *= 2
	}
	for p5 := 1; p5 < best; p5 *= 5 {
		for p35 := p5; p35 < best; p35 *= 3 {
			v := p35
			for v < n {
				v *= 2
			}
			if v < best {
				best = v
			}
		}
	}
	return best
}
