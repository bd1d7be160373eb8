package ae

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// convMagic starts every saved convolutional autoencoder; the layout after
// it is that of Autoencoder.Save (see codec.go).
const convMagic = "gokernel-convae\n"

// convHeader is the JSON part of a saved convolutional autoencoder.
type convHeader struct {
	Version int
	Config  ConvConfig
	Shapes  [][2]int // of Params(), in order
}

func (h *convHeader) version() int { return h.Version }

// UnmarshalJSON decodes a header, mapping the Float32 field of older files
// to ConvConfig.Precision.
func (h *convHeader) UnmarshalJSON(b []byte) error {
	type plain convHeader
	if err := json.Unmarshal(b, (*plain)(h)); err != nil {
		return err
	}
	if p, ok := legacyPrecision(b); ok {
		h.Config.Precision = p
	}
	return nil
}

// Save writes the model (its ConvConfig and every parameter, bit for bit)
// to w: a magic line, a length-prefixed JSON header, then the parameters as
// little-endian float64. LoadConv reads it back.
func (m *ConvAutoencoder) Save(w io.Writer) error {
	h := convHeader{Version: formatVersion, Config: m.Config(), Shapes: shapesOf(m.net.params)}
	return writeModel(w, convMagic, h, m.net.params)
}

// LoadConv reads a convolutional autoencoder written by Save. It returns an
// error for a stream that is not one, is truncated, or does not match its
// own ConvConfig.
func LoadConv(r io.Reader) (*ConvAutoencoder, error) {
	br := bufio.NewReader(r)
	var h convHeader
	if err := readHeader(br, convMagic, "convolutional autoencoder", &h); err != nil {
		return nil, err
	}
	cfg := h.Config.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("ae: load: %w", err)
	}
	m := NewConv(cfg)
	if err := readParams(br, h.Shapes, m.net.params, "ConvConfig"); err != nil {
		return nil, err
	}
	return m, nil
}

// SaveFile writes the model to the file at path (see Save).
func (m *ConvAutoencoder) SaveFile(path string) error {
	return saveFile(path, m.Save)
}

// LoadConvFile reads a convolutional autoencoder from the file at path (see
// LoadConv).
func LoadConvFile(path string) (*ConvAutoencoder, error) {
	f, err := openFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return LoadConv(f)
}
