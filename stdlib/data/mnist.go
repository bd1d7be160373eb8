package data

import (
	"fmt"
	"path/filepath"
	"sync"

	"gonum.org/v1/gonum/mat"
)

// rawSet is one decoded MNIST split: n images of rows×cols bytes and n
// label bytes.
type rawSet struct {
	n, rows, cols int
	pixels        []byte
	labels        []byte
}

var mnistCache struct {
	sync.Mutex
	dir         string
	train, test *rawSet
}

// MNIST returns the 60 000 training and the 10 000 test digits of MNIST,
// pixels scaled to [0, 1]. The files are found by MNISTDir and decoded once
// per process; each call returns new matrices that the caller owns.
func MNIST() (train, test *Set, err error) {
	mnistCache.Lock()
	defer mnistCache.Unlock()
	if mnistCache.train == nil {
		dir, err := MNISTDir()
		if err != nil {
			return nil, nil, err
		}
		tr, te, err := loadMNIST(dir)
		if err != nil {
			return nil, nil, err
		}
		mnistCache.dir, mnistCache.train, mnistCache.test = dir, tr, te
	}
	return mnistCache.train.set(), mnistCache.test.set(), nil
}

// MustMNIST is MNIST for notebooks: it panics when the files cannot be read.
func MustMNIST() (train, test *Set) {
	train, test, err := MNIST()
	if err != nil {
		panic(err)
	}
	return train, test
}

// LoadMNIST reads the four idx files from dir, without the cache.
func LoadMNIST(dir string) (train, test *Set, err error) {
	tr, te, err := loadMNIST(dir)
	if err != nil {
		return nil, nil, err
	}
	return tr.set(), te.set(), nil
}

func loadMNIST(dir string) (train, test *rawSet, err error) {
	files := make([]*idxFile, len(mnistFiles))
	errs := make([]error, len(mnistFiles))
	var wg sync.WaitGroup
	for i, name := range mnistFiles {
		magic := uint32(idxImages)
		if i%2 == 1 {
			magic = idxLabels
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			files[i], errs[i] = readIDX(filepath.Join(dir, name), magic)
		}()
	}
	wg.Wait()
	for _, e := range errs {
		if e != nil {
			return nil, nil, e
		}
	}
	train, err = pair(files[0], files[1], mnistFiles[0])
	if err != nil {
		return nil, nil, err
	}
	test, err = pair(files[2], files[3], mnistFiles[2])
	if err != nil {
		return nil, nil, err
	}
	return train, test, nil
}

// pair checks that an image file and a label file belong together.
func pair(img, lab *idxFile, name string) (*rawSet, error) {
	if len(img.dims) != 3 || len(lab.dims) != 1 {
		return nil, fmt.Errorf("data: %s: want 3-D images and 1-D labels, got %v and %v", name, img.dims, lab.dims)
	}
	if img.dims[0] != lab.dims[0] {
		return nil, fmt.Errorf("data: %s: %d images but %d labels", name, img.dims[0], lab.dims[0])
	}
	for i, l := range lab.data {
		if l > 9 {
			return nil, fmt.Errorf("data: %s: label %d of example %d is not a digit", name, l, i)
		}
	}
	return &rawSet{n: img.dims[0], rows: img.dims[1], cols: img.dims[2], pixels: img.data, labels: lab.data}, nil
}

// set converts the bytes to a fresh Set.
func (r *rawSet) set() *Set {
	x := make([]float64, len(r.pixels))
	for i, p := range r.pixels {
		x[i] = float64(p) / 255
	}
	labels := make([]int, r.n)
	for i, l := range r.labels {
		labels[i] = int(l)
	}
	return &Set{X: mat.NewDense(r.n, r.rows*r.cols, x), Labels: labels, Rows: r.rows, Cols: r.cols}
}
