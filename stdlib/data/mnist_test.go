package data

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats"
)

func realMNIST(t *testing.T) (*Set, *Set) {
	t.Helper()
	if _, err := MNISTDir(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("MNIST not available under CI: %v", err)
		}
		t.Skipf("MNIST not available: %v", err)
	}
	train, test, err := MNIST()
	if err != nil {
		t.Fatal(err)
	}
	return train, test
}

func TestMNISTReal(t *testing.T) {
	train, test := realMNIST(t)
	for _, c := range []struct {
		name string
		s    *Set
		n    int
		ones int
		lab0 int
	}{{"train", train, 60000, 6742, 5}, {"test", test, 10000, 1135, 7}} {
		r, col := c.s.X.Dims()
		if r != c.n || col != 784 || c.s.Rows != 28 || c.s.Cols != 28 || c.s.Len() != c.n {
			t.Fatalf("%s: %d×%d, %d×%d images, %d labels", c.name, r, col, c.s.Rows, c.s.Cols, c.s.Len())
		}
		if got := c.s.Labels[0]; got != c.lab0 {
			t.Errorf("%s: first label %d, want %d", c.name, got, c.lab0)
		}
		counts := c.s.LabelCounts()
		if len(counts) != 10 || counts[1] != c.ones {
			t.Errorf("%s: label counts %v, want %d ones", c.name, counts, c.ones)
		}
		data := c.s.X.RawMatrix().Data
		if lo, hi := floats.Min(data), floats.Max(data); lo != 0 || hi != 1 {
			t.Errorf("%s: pixels in [%v, %v], want [0, 1]", c.name, lo, hi)
		}
	}
	// The well-known mean and deviation of the MNIST training pixels.
	data := train.X.RawMatrix().Data
	mean := floats.Sum(data) / float64(len(data))
	var ss float64
	for _, v := range data {
		ss += (v - mean) * (v - mean)
	}
	if sd := math.Sqrt(ss / float64(len(data))); math.Abs(mean-0.1307) > 1e-4 || math.Abs(sd-0.3081) > 1e-4 {
		t.Errorf("train pixel mean %.5f sd %.5f, want 0.1307 and 0.3081", mean, sd)
	}
}

func TestMNISTReturnsFreshCopies(t *testing.T) {
	a, _ := realMNIST(t)
	a.X.Set(0, 200, 42)
	a.Labels[0] = 9
	b, _ := realMNIST(t)
	if b.X.At(0, 200) == 42 || b.Labels[0] != 5 {
		t.Fatal("a second MNIST call sees changes made to the first result")
	}
}

// idxBytes encodes an idx file with the given magic, dimensions and data,
// gzip-compressed.
func idxBytes(magic uint32, dims []uint32, data []byte) []byte {
	var raw bytes.Buffer
	_ = binary.Write(&raw, binary.BigEndian, magic)
	for _, d := range dims {
		_ = binary.Write(&raw, binary.BigEndian, d)
	}
	raw.Write(data)
	var z bytes.Buffer
	w := gzip.NewWriter(&z)
	_, _ = w.Write(raw.Bytes())
	_ = w.Close()
	return z.Bytes()
}

// writeFakeMNIST writes a tiny valid MNIST (3 train and 2 test images of
// 28×28) into dir; edit may replace any of the four files' bytes.
func writeFakeMNIST(t *testing.T, dir string, edit func(name string, b []byte) []byte) {
	t.Helper()
	pix := func(n int) []byte {
		b := make([]byte, n*784)
		for i := range b {
			b[i] = byte(i * 7)
		}
		return b
	}
	files := map[string][]byte{
		mnistFiles[0]: idxBytes(idxImages, []uint32{3, 28, 28}, pix(3)),
		mnistFiles[1]: idxBytes(idxLabels, []uint32{3}, []byte{5, 0, 4}),
		mnistFiles[2]: idxBytes(idxImages, []uint32{2, 28, 28}, pix(2)),
		mnistFiles[3]: idxBytes(idxLabels, []uint32{2}, []byte{7, 2}),
	}
	for name, b := range files {
		if edit != nil {
			b = edit(name, b)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLoadMNISTSynthetic(t *testing.T) {
	dir := t.TempDir()
	writeFakeMNIST(t, dir, nil)
	train, test, err := LoadMNIST(dir)
	if err != nil {
		t.Fatal(err)
	}
	if train.Len() != 3 || test.Len() != 2 || test.Labels[1] != 2 {
		t.Fatalf("train %v, test %v", train, test)
	}
	if got, want := train.X.At(1, 3), float64(byte((784+3)*7%256))/255; got != want {
		t.Errorf("pixel (1, 3) = %v, want %v", got, want)
	}
	t.Setenv("GOKERNEL_MNIST", dir)
	if got, err := MNISTDir(); err != nil || got != dir {
		t.Errorf("MNISTDir() = %q, %v with GOKERNEL_MNIST set", got, err)
	}
}

func TestMNISTDirMissing(t *testing.T) {
	t.Setenv("GOKERNEL_MNIST", t.TempDir())
	_, err := MNISTDir()
	if err == nil || !strings.Contains(err.Error(), "GOKERNEL_MNIST") {
		t.Fatalf("MNISTDir() error %v, want one naming GOKERNEL_MNIST", err)
	}
}

func TestLoadMNISTCorrupt(t *testing.T) {
	cases := []struct {
		name, file, want string
		edit             func([]byte) []byte
	}{
		{"not gzip", mnistFiles[0], "gzip", func([]byte) []byte { return []byte("hello, not gzip") }},
		{"bad magic", mnistFiles[1], "magic", func([]byte) []byte {
			return idxBytes(idxImages, []uint32{3, 28, 28}, make([]byte, 3*784))
		}},
		{"truncated", mnistFiles[2], "truncated", func([]byte) []byte {
			return idxBytes(idxImages, []uint32{2, 28, 28}, make([]byte, 784))
		}},
		{"too long", mnistFiles[3], "longer", func([]byte) []byte {
			return idxBytes(idxLabels, []uint32{2}, []byte{1, 2, 3})
		}},
		{"count mismatch", mnistFiles[1], "3 images but 4 labels", func([]byte) []byte {
			return idxBytes(idxLabels, []uint32{4}, []byte{1, 2, 3, 4})
		}},
		{"bad label", mnistFiles[3], "not a digit", func([]byte) []byte {
			return idxBytes(idxLabels, []uint32{2}, []byte{1, 12})
		}},
		{"cut gzip", mnistFiles[0], "idx", func(b []byte) []byte { return b[:len(b)/2] }},
		{"zero dimension", mnistFiles[2], "dimension", func([]byte) []byte {
			return idxBytes(idxImages, []uint32{2, 0, 28}, nil)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFakeMNIST(t, dir, func(name string, b []byte) []byte {
				if name == c.file {
					return c.edit(b)
				}
				return b
			})
			_, _, err := LoadMNIST(dir)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}
