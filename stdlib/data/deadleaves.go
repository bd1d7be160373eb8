package data

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// DeadLeaves returns n synthetic size×size grey-level images of the "dead
// leaves" model, one per row of an n×size² matrix, pixels in [0, 1]. Each
// image is a pile of opaque discs of uniform random grey with radii drawn
// from a density ∝ r⁻³ between 1 and size/2 pixels (a scale-invariant
// law), dropped at uniform positions until the plane is covered about
// four times. Like natural images, and unlike Gaussian 1/f noise, such
// images have sharp edges at all orientations and a power spectrum close
// to 1/f², which makes them a stand-in for natural-image patches offline.
// It panics when n < 1 or size < 4.
func DeadLeaves(n, size int, seed int64) *mat.Dense {
	if n < 1 || size < 4 {
		panic(fmt.Sprintf("data: DeadLeaves(n=%d, size=%d): want n ≥ 1 and size ≥ 4", n, size))
	}
	rnd := rand.New(rand.NewPCG(uint64(seed), 0xdead1ea))
	rmin, rmax := 1.0, float64(size)/2
	a, b := 1/(rmin*rmin), 1/(rmax*rmax)
	// E[r²] for the r⁻³ law is 2·ln(rmax/rmin)/(a − b): discs for four
	// coverings of the image.
	meanArea := math.Pi * 2 * math.Log(rmax/rmin) / (a - b)
	discs := int(4 * float64(size*size) / meanArea)
	out := mat.NewDense(n, size*size, nil)
	for k := 0; k < n; k++ {
		img := out.RawRowView(k)
		bg := rnd.Float64()
		for i := range img {
			img[i] = bg
		}
		for range discs {
			r := 1 / math.Sqrt(a-rnd.Float64()*(a-b))
			cx, cy := rnd.Float64()*float64(size), rnd.Float64()*float64(size)
			grey := rnd.Float64()
			x0, x1 := max(0, int(cx-r)), min(size-1, int(cx+r))
			y0, y1 := max(0, int(cy-r)), min(size-1, int(cy+r))
			for y := y0; y <= y1; y++ {
				dy := float64(y) + 0.5 - cy
				for x := x0; x <= x1; x++ {
					if dx := float64(x) + 0.5 - cx; dx*dx+dy*dy <= r*r {
						img[y*size+x] = grey
					}
				}
			}
		}
	}
	return out
}
