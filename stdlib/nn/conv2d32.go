package nn

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
)

// The float32 path of a stride-1 Conv2D (Conv2D.Float32): the padded
// sample, its im2col matrix, W and the products are float32; the
// activations, their gradients and the parameters stay float64. Each half
// of a split pass sums its chunks' weight gradients in a float32 buffer and
// adds them to the float64 gradient once, at its end.

// conv32 is the float32 scratch of one half of a split pass.
type conv32 struct {
	pad, col, buf []float32
	gw            []float32
}

// grow32 returns s resliced to n values, reallocated if its capacity is
// short.
func grow32(s []float32, n int) []float32 {
	if cap(s) < n {
		return make([]float32, n)
	}
	return s[:n]
}

// narrowW stores W in float32 in c.w32.
func (c *Conv2D) narrowW() {
	d := c.W.RawMatrix().Data
	c.w32 = grow32(c.w32, len(d))
	narrow(c.w32, d)
}

// w32General returns the float32 W as a blas32 matrix.
func (c *Conv2D) w32General() blas32.General {
	k := c.g.rows()
	return blas32.General{Rows: c.outC, Cols: k, Stride: k, Data: c.w32}
}

// sampleCol32 writes the float32 wide im2col matrix of sample x.
func (c *Conv2D) sampleCol32(f *conv32, col []float32, ld, off int, x []float64) {
	if n := c.g.c * c.g.padPlane(); len(f.pad) != n {
		f.pad = make([]float32, n) // zero borders, never written
	}
	c.g.padInput32(f.pad, x)
	im2colWide(&c.g, col, ld, off, f.pad)
}

// forwardRange32 is forwardRange on the float32 path.
func (c *Conv2D) forwardRange32(lo, hi int) {
	f := &c.work[worker(lo)].f32
	area, ca, K := c.g.outArea(), c.g.wideArea(), c.g.rows()
	ow, wp := c.g.ow, c.g.padW()
	cs := chunkSamples(K*ca, hi-lo)
	bias := c.B.RawRowView(0)
	x, a := c.x, c.a.m
	for s0 := lo; s0 < hi; s0 += cs {
		m := min(cs, hi-s0)
		N := m * ca
		f.col = grow32(f.col, K*N)
		f.buf = grow32(f.buf, c.outC*N)
		col, zc := f.col, f.buf
		for j := 0; j < m; j++ {
			c.sampleCol32(f, col, N, j*ca, x.RawRowView(s0+j))
		}
		blas32.Gemm(blas.NoTrans, blas.NoTrans, 1, c.w32General(),
			blas32.General{Rows: K, Cols: N, Stride: N, Data: col}, 0,
			blas32.General{Rows: c.outC, Cols: N, Stride: N, Data: zc})
		for j := 0; j < m; j++ {
			row := a.RawRowView(s0 + j)
			for o := 0; o < c.outC; o++ {
				z := zc[o*N+j*ca : o*N+(j+1)*ca]
				dst := row[o*area : (o+1)*area]
				for y := 0; y < c.g.oh; y++ {
					planeActivate(c.Act, dst[y*ow:(y+1)*ow], z[y*wp:y*wp+ow], bias[o])
				}
			}
		}
	}
}

// backwardRange32 is backwardRange on the float32 path.
func (c *Conv2D) backwardRange32(lo, hi int) {
	wi := worker(lo)
	wk := &c.work[wi]
	f := &wk.f32
	wk.used = true
	area, ca, K := c.g.outArea(), c.g.wideArea(), c.g.rows()
	ow, wp := c.g.ow, c.g.padW()
	cs := chunkSamples(K*ca, hi-lo)
	gw := c.w.Grad.RawMatrix().Data
	gb := c.b.Grad.RawRowView(0)
	if wi == 1 {
		wk.gw = grow(wk.gw, len(gw))
		wk.gb = grow(wk.gb, c.outC)
		clear(wk.gw)
		clear(wk.gb)
		gw, gb = wk.gw, wk.gb
	}
	f.gw = grow32(f.gw, len(gw))
	gw32 := blas32.General{Rows: c.outC, Cols: K, Stride: K, Data: f.gw}
	x, a, dy, dx := c.x, c.a.m, c.dy, c.dxm
	beta := float32(0)
	for s0 := lo; s0 < hi; s0 += cs {
		m := min(cs, hi-s0)
		N := m * ca
		f.col = grow32(f.col, K*N)
		f.buf = grow32(f.buf, c.outC*N)
		col, dzc := f.col, f.buf
		for j := 0; j < m; j++ {
			dr, ar := dy.RawRowView(s0+j), a.RawRowView(s0+j)
			for o := 0; o < c.outC; o++ {
				dz := dzc[o*N+j*ca : o*N+(j+1)*ca]
				d, v := dr[o*area:(o+1)*area], ar[o*area:(o+1)*area]
				for y := 0; y < c.g.oh; y++ {
					gb[o] += planeSlope(c.Act, dz[y*wp:y*wp+ow], d[y*ow:(y+1)*ow], v[y*ow:(y+1)*ow])
					clear(dz[y*wp+ow : (y+1)*wp]) // junk columns: no gradient
				}
			}
			c.sampleCol32(f, col, N, j*ca, x.RawRowView(s0+j))
		}
		colM := blas32.General{Rows: K, Cols: N, Stride: N, Data: col}
		dzM := blas32.General{Rows: c.outC, Cols: N, Stride: N, Data: dzc}
		blas32.Gemm(blas.NoTrans, blas.Trans, 1, dzM, colM, beta, gw32)
		beta = 1
		if dx == nil {
			continue
		}
		blas32.Gemm(blas.Trans, blas.NoTrans, 1, c.w32General(), dzM, 0, colM)
		for j := 0; j < m; j++ {
			wk.dpad = grow(wk.dpad, c.g.c*c.g.padPlane())
			clear(wk.dpad)
			col2imWide(&c.g, wk.dpad, col, N, j*ca)
			c.g.unpad(dx.RawRowView(s0+j), wk.dpad)
		}
	}
	if beta == 1 {
		addWiden(gw, f.gw)
	}
}
