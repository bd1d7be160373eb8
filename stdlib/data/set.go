package data

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// Set is a labelled set of images: row i of X is image i, Rows×Cols pixels
// stored row by row, and Labels[i] is its class.
type Set struct {
	X      *mat.Dense
	Labels []int
	Rows   int
	Cols   int
}

// Len returns the number of examples.
func (s *Set) Len() int { return len(s.Labels) }

// String describes the set in one line.
func (s *Set) String() string {
	if s == nil || s.X == nil {
		return "data.Set(empty)"
	}
	_, c := s.X.Dims()
	return fmt.Sprintf("data.Set(%d images of %d×%d = %d pixels, %d classes)", s.Len(), s.Rows, s.Cols, c, len(s.LabelCounts()))
}

// Image returns image i as a new Rows×Cols matrix.
func (s *Set) Image(i int) *mat.Dense {
	if i < 0 || i >= s.Len() {
		panic(fmt.Sprintf("data: image %d out of range [0, %d)", i, s.Len()))
	}
	img := mat.NewDense(s.Rows, s.Cols, nil)
	copy(img.RawMatrix().Data, s.X.RawRowView(i))
	return img
}

// Subset returns n examples drawn without replacement with the given seed,
// copied into a new Set. n larger than Len panics.
func (s *Set) Subset(n int, seed int64) *Set {
	if n < 0 || n > s.Len() {
		panic(fmt.Sprintf("data: subset of %d from %d examples", n, s.Len()))
	}
	rnd := rand.New(rand.NewPCG(uint64(seed), 0x5e7))
	perm := rnd.Perm(s.Len())[:n]
	return s.rows(perm)
}

// Head returns a copy of the first n examples.
func (s *Set) Head(n int) *Set {
	if n < 0 || n > s.Len() {
		panic(fmt.Sprintf("data: head of %d from %d examples", n, s.Len()))
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	return s.rows(idx)
}

// WithLabel returns a copy of the examples of class label.
func (s *Set) WithLabel(label int) *Set {
	var idx []int
	for i, l := range s.Labels {
		if l == label {
			idx = append(idx, i)
		}
	}
	return s.rows(idx)
}

// rows copies the listed examples into a new Set.
func (s *Set) rows(idx []int) *Set {
	_, c := s.X.Dims()
	out := &Set{Labels: make([]int, len(idx)), Rows: s.Rows, Cols: s.Cols}
	if len(idx) == 0 {
		out.X = &mat.Dense{}
		return out
	}
	out.X = mat.NewDense(len(idx), c, nil)
	for i, j := range idx {
		out.X.SetRow(i, s.X.RawRowView(j))
		out.Labels[i] = s.Labels[j]
	}
	return out
}

// Batch returns batch i of the given size: a view of rows i·size up to
// (i+1)·size of X (the last batch may be shorter) and the matching labels.
// The view shares X's memory.
func (s *Set) Batch(i, size int) (*mat.Dense, []int) {
	if size <= 0 || i < 0 || i >= s.NumBatches(size) {
		panic(fmt.Sprintf("data: batch %d of size %d out of range for %d examples", i, size, s.Len()))
	}
	lo, hi := i*size, min((i+1)*size, s.Len())
	_, c := s.X.Dims()
	return s.X.Slice(lo, hi, 0, c).(*mat.Dense), s.Labels[lo:hi]
}

// NumBatches returns the number of batches of the given size, the last one
// possibly short.
func (s *Set) NumBatches(size int) int {
	if size <= 0 {
		panic("data: batch size must be positive")
	}
	return (s.Len() + size - 1) / size
}

// LabelCounts returns how many examples each class has, indexed by label
// (its length is the largest label plus one).
func (s *Set) LabelCounts() []int {
	var counts []int
	for _, l := range s.Labels {
		for l >= len(counts) {
			counts = append(counts, 0)
		}
		counts[l]++
	}
	return counts
}

// OneHot returns the labels as an n×classes matrix of zeros with a one in
// the column of each label.
func (s *Set) OneHot(classes int) *mat.Dense {
	if s.Len() == 0 || classes <= 0 {
		return &mat.Dense{}
	}
	y := mat.NewDense(s.Len(), classes, nil)
	for i, l := range s.Labels {
		if l < 0 || l >= classes {
			panic(fmt.Sprintf("data: label %d outside %d classes", l, classes))
		}
		y.Set(i, l, 1)
	}
	return y
}
