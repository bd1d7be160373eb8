package signal

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"path/filepath"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestPNGRoundTrip(t *testing.T) {
	m := Shapes(40, 50)
	path := filepath.Join(t.TempDir(), "s.png")
	if err := SaveImagePNG(path, m, false); err != nil {
		t.Fatal(err)
	}
	back, err := ReadImage(path)
	if err != nil {
		t.Fatal(err)
	}
	if d := maxAbsDiff(back, m); d > 0.5/255+1e-12 {
		t.Errorf("round trip error %g", d)
	}
	// Rescaling maps [min, max] onto [0, 1].
	var buf bytes.Buffer
	if err := WriteImagePNG(&buf, affine(m, 10, -3), true); err != nil {
		t.Fatal(err)
	}
	r, _ := DecodeImage(&buf)
	if mat.Min(r) != 0 || mat.Max(r) != 1 {
		t.Errorf("rescaled range [%g, %g]", mat.Min(r), mat.Max(r))
	}
	// Without rescale, values are clamped.
	b, err := ImagePNG(mat.NewDense(1, 3, []float64{-1, 0.5, 7}), false)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := DecodeImage(bytes.NewReader(b))
	if c.At(0, 0) != 0 || c.At(0, 2) != 1 || math.Abs(c.At(0, 1)-128.0/255) > 1e-12 {
		t.Errorf("clamped row %v", mat.Formatted(c))
	}
}

func TestDecodeColourAndJPEG(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 2, 1))
	img.Set(0, 0, color.RGBA{255, 0, 0, 255})
	img.Set(1, 0, color.RGBA{0, 0, 255, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	m, err := DecodeImage(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(m.At(0, 0)-0.299) > 1e-9 || math.Abs(m.At(0, 1)-0.114) > 1e-9 {
		t.Errorf("luma %v", mat.Formatted(m))
	}
	buf.Reset()
	if err := jpeg.Encode(&buf, GrayImage(Gradient(16, 64), false), &jpeg.Options{Quality: 100}); err != nil {
		t.Fatal(err)
	}
	j, err := DecodeImage(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if d := maxAbsDiff(j, Gradient(16, 64)); d > 0.02 {
		t.Errorf("JPEG gradient error %g", d)
	}
	if _, err := DecodeImage(bytes.NewReader([]byte("not an image"))); err == nil {
		t.Error("garbage decoded without error")
	}
	if _, err := ReadImage(filepath.Join(t.TempDir(), "missing.png")); err == nil {
		t.Error("missing file read without error")
	}
}

func TestSynthetic(t *testing.T) {
	cb := Checkerboard(8, 8, 2)
	if cb.At(0, 0) != 1 || cb.At(0, 2) != 0 || cb.At(2, 2) != 1 || mat.Sum(cb) != 32 {
		t.Errorf("checkerboard\n%v", mat.Formatted(cb))
	}
	b := GaussianBlob(21, 31, 10, 15, 3)
	if r, c, s := argmax(b); r != 10 || c != 15 || s != 1 {
		t.Errorf("blob peak (%d,%d)=%g", r, c, s)
	}
	// Σ of a sampled Gaussian ≈ 2πσ².
	if s := mat.Sum(b); math.Abs(s-2*math.Pi*9)/(2*math.Pi*9) > 1e-3 {
		t.Errorf("blob mass %g", s)
	}
	d := Disk(101, 101, 50, 50, 30)
	if a := mat.Sum(d); math.Abs(a-math.Pi*900)/(math.Pi*900) > 0.01 {
		t.Errorf("disk area %g, want ≈ %g", a, math.Pi*900)
	}
	g := Gradient(3, 5)
	if g.At(2, 0) != 0 || g.At(1, 4) != 1 || g.At(0, 2) != 0.5 {
		t.Errorf("gradient\n%v", mat.Formatted(g))
	}
	s := Shapes(64, 64)
	levels := map[float64]int{}
	for _, v := range s.RawMatrix().Data {
		levels[v]++
	}
	for _, v := range []float64{0.1, 0.5, 0.7, 0.9, 1} {
		if levels[v] == 0 {
			t.Errorf("Shapes lacks level %g: %v", v, levels)
		}
	}
	if len(levels) != 5 {
		t.Errorf("Shapes levels %v", levels)
	}
	n := GaussianNoise(50, 50, 2, 9)
	if !mat.Equal(n, GaussianNoise(50, 50, 2, 9)) || mat.Equal(n, GaussianNoise(50, 50, 2, 10)) {
		t.Error("noise not determined by its seed")
	}
	row := make([]float64, 784)
	row[28*3+5] = 1
	if dg := Digit(row); dg.At(3, 5) != 1 || mat.Sum(dg) != 1 {
		t.Error("Digit misplaces pixels")
	}
	if !panics(func() { Digit(make([]float64, 783)) }) {
		t.Error("Digit must panic on a short row")
	}
}

func argmax(m *mat.Dense) (int, int, float64) {
	p := TopK(m, 1, 1)[0]
	return p.Row, p.Col, p.Score
}

func TestImageValue(t *testing.T) {
	im := Image{M: Checkerboard(4, 6, 2), Rescale: true}
	b, err := im.PNG()
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeImage(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if !mat.Equal(back, im.M) || im.String() != "4x6 grayscale image" {
		t.Errorf("Image round trip %v / %q", mat.Formatted(back), im)
	}
}
