package ae

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// magic starts every saved model; the version follows it.
const magic = "gokernel-ae\n"

// header is the JSON part of a saved model.
type header struct {
	Version int
	Config  Config
	Shapes  [][2]int // of Params(), in order
}

func (h *header) version() int { return h.Version }

// UnmarshalJSON decodes a header, mapping the Float32 field of older files
// to Config.Precision.
func (h *header) UnmarshalJSON(b []byte) error {
	type plain header
	if err := json.Unmarshal(b, (*plain)(h)); err != nil {
		return err
	}
	if p, ok := legacyPrecision(b); ok {
		h.Config.Precision = p
	}
	return nil
}

// Save writes the model (its Config and every parameter, bit for bit) to w:
// a magic line, a length-prefixed JSON header, then the parameters as
// little-endian float64. Load reads it back.
func (m *Autoencoder) Save(w io.Writer) error {
	h := header{Version: formatVersion, Config: m.Config(), Shapes: shapesOf(m.net.params)}
	return writeModel(w, magic, h, m.net.params)
}

// Load reads a model written by Save. It returns an error for a stream that
// is not a saved model, is truncated, or does not match its own Config.
func Load(r io.Reader) (*Autoencoder, error) {
	br := bufio.NewReader(r)
	var h header
	if err := readHeader(br, magic, "autoencoder", &h); err != nil {
		return nil, err
	}
	if err := h.Config.validate(); err != nil {
		return nil, fmt.Errorf("ae: load: %w", err)
	}
	m := New(h.Config)
	if err := readParams(br, h.Shapes, m.net.params, "Config"); err != nil {
		return nil, err
	}
	return m, nil
}

// SaveFile writes the model to the file at path (see Save).
func (m *Autoencoder) SaveFile(path string) error {
	return saveFile(path, m.Save)
}

// LoadFile reads a model from the file at path (see Load).
func LoadFile(path string) (*Autoencoder, error) {
	f, err := openFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Load(f)
}
