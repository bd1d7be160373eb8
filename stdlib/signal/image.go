package signal

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	_ "image/gif"  // register GIF for DecodeImage
	_ "image/jpeg" // register JPEG for DecodeImage
	"image/png"
	"io"
	"math"
	"os"

	"gonum.org/v1/gonum/mat"
)

// DecodeImage decodes a PNG, JPEG or GIF image into a grayscale matrix with
// values in [0, 1], one element per pixel (rows = image height). Colour is
// converted to luma, 0.299·R + 0.587·G + 0.114·B (ITU-R BT.601); alpha is
// composited over black.
func DecodeImage(r io.Reader) (*mat.Dense, error) {
	img, _, err := image.Decode(r)
	if err != nil {
		return nil, fmt.Errorf("signal: decode image: %w", err)
	}
	b := img.Bounds()
	if b.Empty() {
		return nil, fmt.Errorf("signal: decode image: empty image")
	}
	m := mat.NewDense(b.Dy(), b.Dx(), nil)
	switch g := img.(type) {
	case *image.Gray:
		for y := 0; y < b.Dy(); y++ {
			for x := 0; x < b.Dx(); x++ {
				m.Set(y, x, float64(g.Pix[y*g.Stride+x])/255)
			}
		}
	default:
		for y := 0; y < b.Dy(); y++ {
			for x := 0; x < b.Dx(); x++ {
				cr, cg, cb, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
				m.Set(y, x, (0.299*float64(cr)+0.587*float64(cg)+0.114*float64(cb))/0xffff)
			}
		}
	}
	return m, nil
}

// ReadImage opens and decodes the image file at path (see DecodeImage).
func ReadImage(path string) (*mat.Dense, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("signal: %w", err)
	}
	defer f.Close()
	return DecodeImage(f)
}

// GrayImage returns m as an 8-bit grayscale image. With rescale, the range
// [min, max] of m maps to [0, 255] (a constant matrix gives black);
// otherwise values are clamped to [0, 1] and scaled by 255. NaN is black.
func GrayImage(m *mat.Dense, rescale bool) *image.Gray {
	r, c := m.Dims()
	lo, hi := 0.0, 1.0
	if rescale {
		lo, hi = math.Inf(1), math.Inf(-1)
		for i := 0; i < r; i++ {
			for j := 0; j < c; j++ {
				if v := m.At(i, j); !math.IsNaN(v) {
					lo, hi = math.Min(lo, v), math.Max(hi, v)
				}
			}
		}
	}
	g := image.NewGray(image.Rect(0, 0, c, r))
	span := hi - lo
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			v := m.At(i, j)
			if math.IsNaN(v) || !(span > 0) {
				continue
			}
			v = math.Max(0, math.Min(1, (v-lo)/span))
			g.SetGray(j, i, color.Gray{Y: uint8(math.Round(v * 255))})
		}
	}
	return g
}

// WriteImagePNG encodes m as an 8-bit grayscale PNG (see GrayImage for
// rescale).
func WriteImagePNG(w io.Writer, m *mat.Dense, rescale bool) error {
	return png.Encode(w, GrayImage(m, rescale))
}

// SaveImagePNG writes m as a grayscale PNG file at path.
func SaveImagePNG(path string, m *mat.Dense, rescale bool) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("signal: %w", err)
	}
	if err := WriteImagePNG(f, m, rescale); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ImagePNG returns the PNG bytes of m, for display.PNG in a notebook.
func ImagePNG(m *mat.Dense, rescale bool) ([]byte, error) {
	var buf bytes.Buffer
	if err := WriteImagePNG(&buf, m, rescale); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Image is a matrix shown as a grayscale picture: its PNG method lets
// display.Show draw it inline in a notebook.
type Image struct {
	M       *mat.Dense
	Rescale bool // map [min, max] to black..white instead of clamping [0, 1]
}

// PNG encodes the image (see GrayImage).
func (im Image) PNG() ([]byte, error) { return ImagePNG(im.M, im.Rescale) }

// String describes the image by its size.
func (im Image) String() string {
	r, c := im.M.Dims()
	return fmt.Sprintf("%dx%d grayscale image", r, c)
}
