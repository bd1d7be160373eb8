package nn

import "math"

// The element-wise passes of a Dense layer, each over a range of rows or
// columns so that splitter could share it between two goroutines.

// phase names an element-wise pass of Dense.
type phase int

const (
	phaseForward  phase = iota // batch rows: [widen z32,] add bias, activate
	phaseBackward              // output columns: dz = dy ⊙ f'(z), bias gradient [, dz32]
	phaseToX32                 // batch rows: x32 = x
	phaseToW32                 // weight rows: w32 = W
	phaseGradW                 // weight rows: W.Grad += gw32
	phaseDX                    // batch rows: dx = dx32
)

// denseMinSplit is the number of elements from which a Dense pass is split
// over two goroutines. It is off: with the vector kernels a pass over a
// 128×784 batch takes tens of µs, and the hand-off plus moving the data to
// the other core's cache cost more (measured 41k against 52k samples/s on
// BenchmarkTrainStep/mlp784x128-f32). Tests lower it to keep the split
// path correct.
var denseMinSplit = math.MaxInt

// pass runs phase p over [0, n); work is the number of elements it touches.
func (d *Dense) pass(p phase, n, work int) {
	d.phase = p
	if work < denseMinSplit {
		d.run(0, n)
		return
	}
	if d.runFn == nil {
		d.runFn = d.run
	}
	d.sp.split(n, work, d.runFn)
}

// run runs the current phase over rows or columns [lo, hi).
func (d *Dense) run(lo, hi int) {
	switch d.phase {
	case phaseForward:
		z, a := d.z.m, d.a.m
		out := d.OutSize()
		bias := d.B.RawRowView(0)
		for i := lo; i < hi; i++ {
			zr := z.RawRowView(i)
			if d.used32 {
				widen(zr, d.s32.z.data[i*out:(i+1)*out])
			}
			biasActivate(d.Act, a.RawRowView(i), zr, bias)
		}
	case phaseBackward:
		z, a, dz, dy := d.z.m, d.a.m, d.dz.m, d.dy
		n, out := z.Dims()
		gb := d.b.Grad.RawRowView(0)[lo:hi]
		for i := 0; i < n; i++ {
			dzr := dz.RawRowView(i)[lo:hi]
			if d.dyPre {
				backActivate(Identity, dzr, dy.RawRowView(i)[lo:hi], z.RawRowView(i)[lo:hi], a.RawRowView(i)[lo:hi], gb)
			} else if d.dyOut {
				backActivateFromZ(d.Act, dzr, dy.RawRowView(i)[lo:hi], z.RawRowView(i)[lo:hi], gb)
			} else {
				backActivate(d.Act, dzr, dy.RawRowView(i)[lo:hi], z.RawRowView(i)[lo:hi], a.RawRowView(i)[lo:hi], gb)
			}
			if d.used32 {
				narrow(d.s32.dz.data[i*out+lo:i*out+hi], dzr)
			}
		}
	case phaseToX32:
		narrowRows(d.s32.x.g, d.x.RawMatrix(), lo, hi)
	case phaseToW32:
		narrowRows(d.s32.w.g, d.W.RawMatrix(), lo, hi)
	case phaseGradW:
		gw := d.w.Grad.RawMatrix()
		gw32 := d.s32.gw.g
		for i := lo; i < hi; i++ {
			addWiden(gw.Data[i*gw.Stride:i*gw.Stride+gw.Cols], gw32.Data[i*gw32.Stride:i*gw32.Stride+gw.Cols])
		}
	case phaseDX:
		dx := d.dx.m
		dx32 := d.s32.dx.g
		for i := lo; i < hi; i++ {
			widen(dx.RawRowView(i), dx32.Data[i*dx32.Stride:(i+1)*dx32.Stride])
		}
	}
}
