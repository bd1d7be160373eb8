package signal

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Peak is one maximum of a score map: the top-left corner (Row, Col) of the
// matching window and its score.
type Peak struct {
	Row, Col int
	Score    float64
}

// String formats the peak as "(row, col) score".
func (p Peak) String() string { return fmt.Sprintf("(%d, %d) %.6f", p.Row, p.Col, p.Score) }

// Match finds tpl in img: the top-left corner of the window with the
// largest zero-mean NCC, and that score. Ties go to the first in row-major
// order. If the session is interrupted, Match returns (-1, -1, NaN).
func Match(img, tpl *mat.Dense) (row, col int, score float64) {
	m := NCC(img, tpl)
	if m == nil {
		return -1, -1, math.NaN()
	}
	p := TopK(m, 1, 1)
	return p[0].Row, p[0].Col, p[0].Score
}

// TopK returns up to k peaks of the score map in decreasing score order,
// each at Chebyshev distance at least minDist from the peaks before it
// (non-maximum suppression: a chosen peak hides the square of radius
// minDist−1 around it; minDist <= 1 hides only the peak itself). NaN scores
// are skipped. It panics if k < 0.
func TopK(scores *mat.Dense, k, minDist int) []Peak {
	if k < 0 {
		panic(ShapeError{"TopK", "negative k"})
	}
	g := gridOf(scores)
	taken := make([]bool, g.r*g.c)
	var peaks []Peak
	rad := max(minDist-1, 0)
	for len(peaks) < k {
		best, bi, bj := math.Inf(-1), -1, -1
		for i := 0; i < g.r; i++ {
			for j, v := range g.row(i) {
				if v > best && !taken[i*g.c+j] {
					best, bi, bj = v, i, j
				}
			}
		}
		if bi < 0 {
			break
		}
		peaks = append(peaks, Peak{bi, bj, best})
		for i := max(0, bi-rad); i <= min(g.r-1, bi+rad); i++ {
			for j := max(0, bj-rad); j <= min(g.c-1, bj+rad); j++ {
				taken[i*g.c+j] = true
			}
		}
	}
	return peaks
}
