//go:build !amd64

package nn

func backSigmoidAVX(dz, dy, out, gb *float64, n int) { panic("nn: backSigmoidAVX called off amd64") }

func backTanhAVX(dz, dy, out, gb *float64, n int) { panic("nn: backTanhAVX called off amd64") }

func backReLUAVX(dz, dy, z, gb *float64, n int) { panic("nn: backReLUAVX called off amd64") }
