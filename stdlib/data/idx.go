package data

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// idx magic numbers: two zero bytes, the type code 0x08 (unsigned byte) and
// the number of dimensions.
const (
	idxImages = 0x00000803
	idxLabels = 0x00000801
)

// idxFile is a decoded idx file of unsigned bytes.
type idxFile struct {
	dims []int
	data []byte
}

// readIDX decodes a gzip-compressed idx file of unsigned bytes and checks
// that it has the wanted magic number and exactly the announced length.
func readIDX(path string, magic uint32) (*idxFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(bufio.NewReader(f))
	if err != nil {
		return nil, fmt.Errorf("data: %s: %w", path, err)
	}
	defer zr.Close()
	idx, err := decodeIDX(zr, magic)
	if err != nil {
		return nil, fmt.Errorf("data: %s: %w", path, err)
	}
	return idx, nil
}

// decodeIDX reads an uncompressed idx stream.
func decodeIDX(r io.Reader, magic uint32) (*idxFile, error) {
	var m uint32
	if err := binary.Read(r, binary.BigEndian, &m); err != nil {
		return nil, fmt.Errorf("reading idx header: %w", err)
	}
	if m != magic {
		return nil, fmt.Errorf("bad idx magic number 0x%08x, want 0x%08x", m, magic)
	}
	nd := int(magic & 0xff)
	dims := make([]int, nd)
	size := 1
	for i := range dims {
		var d uint32
		if err := binary.Read(r, binary.BigEndian, &d); err != nil {
			return nil, fmt.Errorf("reading idx dimensions: %w", err)
		}
		if d == 0 || d > 1<<24 {
			return nil, fmt.Errorf("implausible idx dimension %d", d)
		}
		dims[i] = int(d)
		size *= int(d)
		if size > 1<<31 {
			return nil, fmt.Errorf("idx data too large (%v)", dims[:i+1])
		}
	}
	data := make([]byte, size)
	if _, err := io.ReadFull(r, data); err != nil {
		return nil, fmt.Errorf("idx data truncated (want %d bytes): %w", size, err)
	}
	var extra [1]byte
	if n, _ := io.ReadFull(r, extra[:]); n > 0 {
		return nil, fmt.Errorf("idx file longer than its header says (%v)", dims)
	}
	return &idxFile{dims: dims, data: data}, nil
}
