package nn

// The stride-1 path of Conv2D. The input plane is first copied into a
// zero-bordered plane of (H+2p)×(W+2p) pixels (followed by k−1 spare
// zeros), and the im2col matrix gets Wp = W+2p columns per output row
// instead of OW: the last Wp−OW of them are junk. Then every row
// (channel, ky, kx) of the im2col matrix is ONE contiguous copy of OH·Wp
// values of the padded plane starting at ky·Wp+kx, instead of OH short
// copies with border tests, and col2im is one contiguous add per row. The
// product computes the junk columns too (2p/(W+2p) more work); Forward skips
// them and Backward gives them a zero gradient, so they contribute nothing.

// wide reports whether the layer takes the stride-1 path.
func (g *convGeom) wide() bool { return g.s == 1 }

// padW returns the padded row length W+2p.
func (g *convGeom) padW() int { return g.w + 2*g.p }

// wideArea returns the im2col columns per sample on the wide path, OH·Wp.
func (g *convGeom) wideArea() int { return g.oh * g.padW() }

// padPlane returns the length of one padded channel plane with its spare
// zeros, (H+2p)·(W+2p) + k − 1.
func (g *convGeom) padPlane() int { return (g.h+2*g.p)*g.padW() + g.k - 1 }

// padInput32 is padInput into float32 planes.
func (g *convGeom) padInput32(pad []float32, x []float64) {
	wp, pp := g.padW(), g.padPlane()
	for ci := 0; ci < g.c; ci++ {
		plane := pad[ci*pp : (ci+1)*pp]
		src := x[ci*g.h*g.w : (ci+1)*g.h*g.w]
		for y := 0; y < g.h; y++ {
			narrow(plane[(y+g.p)*wp+g.p:(y+g.p)*wp+g.p+g.w], src[y*g.w:(y+1)*g.w])
		}
	}
}

// padInput copies the sample x (c×h×w) into the interior of pad (c padded
// planes). The borders of pad must be zero; they are never written.
func (g *convGeom) padInput(pad, x []float64) {
	wp, pp := g.padW(), g.padPlane()
	for ci := 0; ci < g.c; ci++ {
		plane := pad[ci*pp : (ci+1)*pp]
		src := x[ci*g.h*g.w : (ci+1)*g.h*g.w]
		for y := 0; y < g.h; y++ {
			copy(plane[(y+g.p)*wp+g.p:(y+g.p)*wp+g.p+g.w], src[y*g.w:(y+1)*g.w])
		}
	}
}

// im2colWide writes the wide im2col matrix of one padded sample into col
// (leading dimension ld, column offset off).
func im2colWide[T float32 | float64](g *convGeom, col []T, ld, off int, pad []T) {
	wp, pp, area := g.padW(), g.padPlane(), g.wideArea()
	r := 0
	for ci := 0; ci < g.c; ci++ {
		plane := pad[ci*pp : (ci+1)*pp]
		for ky := 0; ky < g.k; ky++ {
			for kx := 0; kx < g.k; kx++ {
				s := ky*wp + kx
				copy(col[r*ld+off:r*ld+off+area], plane[s:s+area])
				r++
			}
		}
	}
}

// col2imWide adds every row of the wide im2col-shaped matrix col into the
// padded planes dpad, the adjoint of im2colWide. dpad must be zeroed first.
func col2imWide[T float32 | float64](g *convGeom, dpad []float64, col []T, ld, off int) {
	wp, pp, area := g.padW(), g.padPlane(), g.wideArea()
	r := 0
	for ci := 0; ci < g.c; ci++ {
		plane := dpad[ci*pp : (ci+1)*pp]
		for ky := 0; ky < g.k; ky++ {
			for kx := 0; kx < g.k; kx++ {
				s := ky*wp + kx
				d := plane[s : s+area]
				src := col[r*ld+off : r*ld+off+area]
				src = src[:len(d)]
				for j, v := range src {
					d[j] += float64(v)
				}
				r++
			}
		}
	}
}

// unpad copies the interior of the padded planes dpad into dx (c×h×w).
func (g *convGeom) unpad(dx, dpad []float64) {
	wp, pp := g.padW(), g.padPlane()
	for ci := 0; ci < g.c; ci++ {
		plane := dpad[ci*pp : (ci+1)*pp]
		dst := dx[ci*g.h*g.w : (ci+1)*g.h*g.w]
		for y := 0; y < g.h; y++ {
			copy(dst[y*g.w:(y+1)*g.w], plane[(y+g.p)*wp+g.p:(y+g.p)*wp+g.p+g.w])
		}
	}
}
