// Command genlogo draws the gokernel logo once, as two PNGs and an SVG made
// from the same geometry, into the install package directory. It is run by
// `go generate ./install` and its output is committed.
package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
	"path/filepath"
	"strings"
)

// shape is one painted layer of the logo, in unit coordinates (0..1).
type shape struct {
	kind       string // "ellipse" or "ring"
	cx, cy     float64
	rx, ry     float64 // semi-axes (ellipse) or inner/outer radius (ring)
	fill       color.NRGBA
	fillString string
}

var (
	goCyan  = color.NRGBA{0x00, 0xAD, 0xD8, 0xFF}
	orange  = color.NRGBA{0xF3, 0x77, 0x26, 0xFF}
	white   = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
	darkInk = color.NRGBA{0x20, 0x2B, 0x38, 0xFF}
)

// layers are painted in order; later layers cover earlier ones. The two
// crescents are an orange ellipse covered by a cyan one shifted towards the
// centre, which leaves the orbit arcs of a Jupyter-like mark around a Go "o".
var layers = []shape{
	{"ellipse", 0.5, 0.5, 0.48, 0.48, goCyan, "#00ADD8"},
	{"ellipse", 0.5, 0.27, 0.36, 0.15, orange, "#F37726"},
	{"ellipse", 0.5, 0.36, 0.40, 0.15, goCyan, "#00ADD8"},
	{"ellipse", 0.5, 0.73, 0.36, 0.15, orange, "#F37726"},
	{"ellipse", 0.5, 0.64, 0.40, 0.15, goCyan, "#00ADD8"},
	{"ring", 0.5, 0.5, 0.12, 0.20, white, "#FFFFFF"},
	{"ellipse", 0.5, 0.5, 0.05, 0.05, darkInk, "#202B38"},
}

func (s shape) contains(x, y float64) bool {
	dx, dy := x-s.cx, y-s.cy
	switch s.kind {
	case "ellipse":
		return (dx*dx)/(s.rx*s.rx)+(dy*dy)/(s.ry*s.ry) <= 1
	case "ring":
		d2 := dx*dx + dy*dy
		return d2 >= s.rx*s.rx && d2 <= s.ry*s.ry
	}
	panic("genlogo: unknown shape " + s.kind)
}

// draw renders the logo at size x size with 8x8 supersampling per pixel.
func draw(size int) *image.NRGBA {
	const ss = 8
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var r, g, b, a float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/ss) / float64(size)
					y := (float64(py) + (float64(sy)+0.5)/ss) / float64(size)
					var c color.NRGBA
					for _, l := range layers {
						if l.contains(x, y) {
							c = l.fill
						}
					}
					fa := float64(c.A) / 255
					r += float64(c.R) * fa
					g += float64(c.G) * fa
					b += float64(c.B) * fa
					a += fa
				}
			}
			if a == 0 {
				continue
			}
			img.SetNRGBA(px, py, color.NRGBA{
				R: uint8(r/a + 0.5), G: uint8(g/a + 0.5), B: uint8(b/a + 0.5),
				A: uint8(a/(ss*ss)*255 + 0.5),
			})
		}
	}
	return img
}

func svg() string {
	var sb strings.Builder
	sb.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">` + "\n")
	sb.WriteString("  <title>gokernel</title>\n")
	for _, l := range layers {
		switch l.kind {
		case "ellipse":
			fmt.Fprintf(&sb, "  <ellipse cx=\"%g\" cy=\"%g\" rx=\"%g\" ry=\"%g\" fill=\"%s\"/>\n",
				l.cx*64, l.cy*64, l.rx*64, l.ry*64, l.fillString)
		case "ring":
			mid := math.Round((l.rx+l.ry)/2*6400) / 100
			width := math.Round((l.ry-l.rx)*6400) / 100
			fmt.Fprintf(&sb, "  <circle cx=\"%g\" cy=\"%g\" r=\"%g\" fill=\"none\" stroke=\"%s\" stroke-width=\"%g\"/>\n",
				l.cx*64, l.cy*64, mid, l.fillString, width)
		}
	}
	sb.WriteString("</svg>\n")
	return sb.String()
}

func main() {
	dir := "."
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	for _, size := range []int{32, 64} {
		var buf bytes.Buffer
		if err := png.Encode(&buf, draw(size)); err != nil {
			log.Fatal(err)
		}
		name := filepath.Join(dir, fmt.Sprintf("logo-%dx%d.png", size, size))
		if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "logo-svg.svg"), []byte(svg()), 0o644); err != nil {
		log.Fatal(err)
	}
}
