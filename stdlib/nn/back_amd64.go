package nn

// The activation-derivative passes of backActivate, four elements per
// iteration (see back_amd64.s); n must be a multiple of 4.

//go:noescape
func backSigmoidAVX(dz, dy, out, gb *float64, n int)

//go:noescape
func backTanhAVX(dz, dy, out, gb *float64, n int)

//go:noescape
func backReLUAVX(dz, dy, z, gb *float64, n int)
