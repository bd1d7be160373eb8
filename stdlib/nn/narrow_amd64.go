package nn

// The float32 conversions of the Dense float32 path, eight elements per
// iteration (see narrow_amd64.s). n must be a multiple of 8. Conversions
// round exactly as the Go conversions do, so the results are identical.

//go:noescape
func narrowAVX(dst *float32, src *float64, n int)

//go:noescape
func widenAVX(dst *float64, src *float32, n int)

//go:noescape
func addWidenAVX(dst *float64, src *float32, n int)
