package data

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// Patches cuts n random size×size patches out of images, whose rows are
// rows×cols images stored row by row. Patch i comes from a random image at
// a random position; it is returned as row i of an n×size² matrix, row by
// row. The same seed gives the same patches.
func Patches(images *mat.Dense, rows, cols, size, n int, seed int64) *mat.Dense {
	count, c := images.Dims()
	switch {
	case c != rows*cols:
		panic(fmt.Sprintf("data: images have %d columns, not %d×%d", c, rows, cols))
	case size <= 0 || size > rows || size > cols:
		panic(fmt.Sprintf("data: patch size %d does not fit %d×%d images", size, rows, cols))
	case n <= 0:
		panic(fmt.Sprintf("data: %d patches requested", n))
	}
	rnd := rand.New(rand.NewPCG(uint64(seed), 0xba7c4))
	out := mat.NewDense(n, size*size, nil)
	for i := 0; i < n; i++ {
		img := images.RawRowView(rnd.IntN(count))
		r0, c0 := rnd.IntN(rows-size+1), rnd.IntN(cols-size+1)
		dst := out.RawRowView(i)
		for r := 0; r < size; r++ {
			copy(dst[r*size:(r+1)*size], img[(r0+r)*cols+c0:])
		}
	}
	return out
}

// NormalizePatches returns the patches normalised the way the UFLDL
// sparse-autoencoder exercise does: each patch loses its own mean, values
// are clipped to ±3 standard deviations (one deviation over all values),
// divided by that bound and mapped from [-1, 1] to [0.1, 0.9], the range of
// a sigmoid output. A set of constant patches maps to 0.5 everywhere.
func NormalizePatches(p *mat.Dense) *mat.Dense {
	n, d := p.Dims()
	out := mat.DenseCopyOf(p)
	var sumSq float64
	for i := 0; i < n; i++ {
		row := out.RawRowView(i)
		var mean float64
		for _, v := range row {
			mean += v
		}
		mean /= float64(d)
		for j := range row {
			row[j] -= mean
			sumSq += row[j] * row[j]
		}
	}
	bound := 3 * math.Sqrt(sumSq/float64(n*d))
	for i := 0; i < n; i++ {
		row := out.RawRowView(i)
		for j, v := range row {
			if bound > 0 {
				v = math.Max(-bound, math.Min(bound, v)) / bound
			} else {
				v = 0
			}
			row[j] = (v+1)*0.4 + 0.1
		}
	}
	return out
}
