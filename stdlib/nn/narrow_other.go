//go:build !amd64

package nn

func narrowAVX(dst *float32, src *float64, n int) { panic("nn: narrowAVX called off amd64") }

func widenAVX(dst *float64, src *float32, n int) { panic("nn: widenAVX called off amd64") }

func addWidenAVX(dst *float64, src *float32, n int) { panic("nn: addWidenAVX called off amd64") }
