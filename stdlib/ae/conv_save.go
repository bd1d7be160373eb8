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
)

// convMagic starts every saved convolutional autoencoder; the layout after
// it is that of Save: a length-prefixed JSON header, then the parameters.
const convMagic = "gokernel-convae\n"

// convHeader is the JSON part of a saved convolutional autoencoder.
type convHeader struct {
	Version int
	Config  ConvConfig
	Shapes  [][2]int // of Params(), in order
}

// Save writes the model (its ConvConfig and every parameter, bit for bit)
// to w: a magic line, a length-prefixed JSON header, then the parameters as
// little-endian float64. LoadConv reads it back.
func (m *ConvAutoencoder) Save(w io.Writer) error {
	bw := bufio.NewWriter(w)
	h := convHeader{Version: formatVersion, Config: m.Config()}
	for _, p := range m.net.params {
		r, c := p.Value.Dims()
		h.Shapes = append(h.Shapes, [2]int{r, c})
	}
	js, err := json.Marshal(h)
	if err != nil {
		return fmt.Errorf("ae: save: %w", err)
	}
	bw.WriteString(convMagic)
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(js)))
	bw.Write(n[:])
	bw.Write(js)
	for _, p := range m.net.params {
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

// LoadConv reads a convolutional autoencoder written by Save. It returns an
// error for a stream that is not one, is truncated, or does not match its
// own ConvConfig.
func LoadConv(r io.Reader) (*ConvAutoencoder, error) {
	br := bufio.NewReader(r)
	mg := make([]byte, len(convMagic))
	if _, err := io.ReadFull(br, mg); err != nil || string(mg) != convMagic {
		return nil, errors.New("ae: load: not a saved convolutional autoencoder (bad magic)")
	}
	var n [8]byte
	if _, err := io.ReadFull(br, n[:]); err != nil {
		return nil, fmt.Errorf("ae: load: truncated header: %w", err)
	}
	size := binary.LittleEndian.Uint64(n[:])
	if size > 1<<20 {
		return nil, fmt.Errorf("ae: load: header of %d bytes is too large", size)
	}
	js := make([]byte, size)
	if _, err := io.ReadFull(br, js); err != nil {
		return nil, fmt.Errorf("ae: load: truncated header: %w", err)
	}
	var h convHeader
	if err := json.Unmarshal(js, &h); err != nil {
		return nil, fmt.Errorf("ae: load: header: %w", err)
	}
	if h.Version != formatVersion {
		return nil, fmt.Errorf("ae: load: format version %d, want %d", h.Version, formatVersion)
	}
	cfg := h.Config.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("ae: load: %w", err)
	}
	m := NewConv(cfg)
	if len(h.Shapes) != len(m.net.params) {
		return nil, fmt.Errorf("ae: load: %d parameters, the ConvConfig needs %d", len(h.Shapes), len(m.net.params))
	}
	for i, p := range m.net.params {
		if r, c := p.Value.Dims(); h.Shapes[i] != [2]int{r, c} {
			return nil, fmt.Errorf("ae: load: parameter %d is %v, the ConvConfig needs %dx%d", i, h.Shapes[i], r, c)
		}
	}
	for _, p := range m.net.params {
		data := p.Value.RawMatrix().Data
		for j := range data {
			if _, err := io.ReadFull(br, n[:]); err != nil {
				return nil, fmt.Errorf("ae: load: truncated parameters: %w", err)
			}
			data[j] = math.Float64frombits(binary.LittleEndian.Uint64(n[:]))
		}
	}
	return m, nil
}

// SaveFile writes the model to the file at path (see Save).
func (m *ConvAutoencoder) SaveFile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("ae: save: %w", err)
	}
	if err := m.Save(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// LoadConvFile reads a convolutional autoencoder from the file at path (see
// LoadConv).
func LoadConvFile(path string) (*ConvAutoencoder, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ae: load: %w", err)
	}
	defer f.Close()
	return LoadConv(f)
}
