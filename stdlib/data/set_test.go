package data

import (
	"testing"

	"gonum.org/v1/gonum/mat"
)

// smallSet builds a Set of n 2×3 images whose pixels encode their index.
func smallSet(n int) *Set {
	x := mat.NewDense(n, 6, nil)
	labels := make([]int, n)
	for i := 0; i < n; i++ {
		for j := 0; j < 6; j++ {
			x.Set(i, j, float64(100*i+j))
		}
		labels[i] = i % 3
	}
	return &Set{X: x, Labels: labels, Rows: 2, Cols: 3}
}

func TestSubset(t *testing.T) {
	s := smallSet(50)
	a, b, c := s.Subset(20, 1), s.Subset(20, 1), s.Subset(20, 2)
	if !mat.Equal(a.X, b.X) {
		t.Fatal("same seed, different subsets")
	}
	if mat.Equal(a.X, c.X) {
		t.Fatal("different seeds, same subset")
	}
	seen := map[int]bool{}
	for i := 0; i < a.Len(); i++ {
		id := int(a.X.At(i, 0)) / 100
		if seen[id] || a.Labels[i] != id%3 || a.X.At(i, 5) != float64(100*id+5) {
			t.Fatalf("row %d: example %d repeated or mismatched", i, id)
		}
		seen[id] = true
	}
	a.X.Set(0, 0, -1)
	if s.X.At(int(b.X.At(0, 0))/100, 0) == -1 {
		t.Fatal("subset shares memory with its parent")
	}
}

func TestImageBatchLabels(t *testing.T) {
	s := smallSet(10)
	img := s.Image(4)
	if r, c := img.Dims(); r != 2 || c != 3 || img.At(1, 2) != 405 {
		t.Fatalf("Image(4) = %v", mat.Formatted(img))
	}
	if n := s.NumBatches(4); n != 3 {
		t.Fatalf("NumBatches(4) = %d", n)
	}
	x, y := s.Batch(2, 4)
	if r, _ := x.Dims(); r != 2 || len(y) != 2 || x.At(1, 0) != 900 || y[1] != 0 {
		t.Fatalf("last batch: %d rows, labels %v", r, y)
	}
	if got := s.WithLabel(1); got.Len() != 3 || got.X.At(2, 0) != 700 {
		t.Fatalf("WithLabel(1) = %v", got)
	}
	if got := s.Head(2); got.Len() != 2 || got.X.At(1, 1) != 101 {
		t.Fatalf("Head(2) = %v", got)
	}
	oh := s.OneHot(3)
	if oh.At(5, 2) != 1 || mat.Sum(oh) != 10 {
		t.Fatalf("OneHot wrong")
	}
	if c := s.LabelCounts(); len(c) != 3 || c[0] != 4 || c[1] != 3 || c[2] != 3 {
		t.Fatalf("LabelCounts = %v", c)
	}
	if got := s.String(); got != "data.Set(10 images of 2×3 = 6 pixels, 3 classes)" {
		t.Fatalf("String() = %q", got)
	}
}

func TestSetPanics(t *testing.T) {
	s := smallSet(5)
	for name, f := range map[string]func(){
		"subset too big": func() { s.Subset(6, 1) },
		"image range":    func() { s.Image(5) },
		"batch range":    func() { s.Batch(3, 2) },
		"batch size":     func() { s.NumBatches(0) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}
