package ae

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/gokernel/gokernel/stdlib/nn"
)

// The saved layout shared by Autoencoder.Save and ConvAutoencoder.Save: a
// magic line naming the kind of model, the length of the JSON header as a
// little-endian uint64, the header (which holds the format version, the
// configuration and the shapes of the parameters), then every parameter
// value, in order, as little-endian float64.

// formatVersion is the version of the saved layout written by Save.
const formatVersion = 1

// maxHeader bounds the JSON header a loader accepts.
const maxHeader = 1 << 20

// shapesOf returns the dimensions of the parameters, in order.
func shapesOf(ps []*nn.Param) [][2]int {
	s := make([][2]int, len(ps))
	for i, p := range ps {
		r, c := p.Value.Dims()
		s[i] = [2]int{r, c}
	}
	return s
}

// writeModel writes magic, the JSON encoding of h and the parameters to w.
func writeModel(w io.Writer, magic string, h any, ps []*nn.Param) error {
	js, err := json.Marshal(h)
	if err != nil {
		return fmt.Errorf("ae: save: %w", err)
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(magic)
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(js)))
	bw.Write(n[:])
	bw.Write(js)
	for _, p := range ps {
		for _, v := range p.Value.RawMatrix().Data {
			binary.LittleEndian.PutUint64(n[:], math.Float64bits(v))
			bw.Write(n[:])
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("ae: save: %w", err)
	}
	return nil
}

// versioned is a saved header (a pointer to one, for decoding).
type versioned interface {
	// version returns the header's format version.
	version() int
}

// readHeader checks the magic line of br, decodes the JSON header into h
// and checks its version. kind names the model in the bad-magic error.
func readHeader(br *bufio.Reader, magic, kind string, h versioned) error {
	mg := make([]byte, len(magic))
	if _, err := io.ReadFull(br, mg); err != nil || string(mg) != magic {
		return errors.New("ae: load: not a saved " + kind + " (bad magic)")
	}
	var n [8]byte
	if _, err := io.ReadFull(br, n[:]); err != nil {
		return fmt.Errorf("ae: load: truncated header: %w", err)
	}
	size := binary.LittleEndian.Uint64(n[:])
	if size > maxHeader {
		return fmt.Errorf("ae: load: header of %d bytes is too large", size)
	}
	js := make([]byte, size)
	if _, err := io.ReadFull(br, js); err != nil {
		return fmt.Errorf("ae: load: truncated header: %w", err)
	}
	if err := json.Unmarshal(js, h); err != nil {
		return fmt.Errorf("ae: load: header: %w", err)
	}
	if v := h.version(); v != formatVersion {
		return fmt.Errorf("ae: load: format version %d, want %d", v, formatVersion)
	}
	return nil
}

// readParams checks the saved shapes against the parameters of the model
// built from the saved configuration (cfgName names its type in errors) and
// reads their values from br.
func readParams(br *bufio.Reader, shapes [][2]int, ps []*nn.Param, cfgName string) error {
	if len(shapes) != len(ps) {
		return fmt.Errorf("ae: load: %d parameters, the %s needs %d", len(shapes), cfgName, len(ps))
	}
	for i, p := range ps {
		if r, c := p.Value.Dims(); shapes[i] != [2]int{r, c} {
			return fmt.Errorf("ae: load: parameter %d is %v, the %s needs %dx%d", i, shapes[i], cfgName, r, c)
		}
	}
	var n [8]byte
	for _, p := range ps {
		data := p.Value.RawMatrix().Data
		for j := range data {
			if _, err := io.ReadFull(br, n[:]); err != nil {
				return fmt.Errorf("ae: load: truncated parameters: %w", err)
			}
			data[j] = math.Float64frombits(binary.LittleEndian.Uint64(n[:]))
		}
	}
	return nil
}

// saveFile creates the file at path and writes it with save.
func saveFile(path string, save func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("ae: save: %w", err)
	}
	if err := save(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// openFile opens the file at path for a loader.
func openFile(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ae: load: %w", err)
	}
	return f, nil
}

// legacyPrecision reads the Float32 field that format-1 headers had before
// Config.Precision replaced it: false meant float64 products, the default
// of the time, and true float32 ones. ok is false for a header without it.
func legacyPrecision(raw []byte) (p Precision, ok bool) {
	var h struct{ Config struct{ Float32 *bool } }
	if json.Unmarshal(raw, &h) != nil || h.Config.Float32 == nil {
		return 0, false
	}
	if *h.Config.Float32 {
		return Float32, true
	}
	return Float64, true
}
