package install

import (
	"bytes"
	"encoding/json"
	"path/filepath"
)

// Name is the kernelspec name: the directory name under kernels/ and the
// kernel_name Jupyter clients ask for.
const Name = "gokernel"

// DisplayName is what front ends show in their kernel pickers.
const DisplayName = "Go (gokernel)"

// Language is the kernelspec language, used to match notebooks.
const Language = "go"

// ProtocolVersion is the Jupyter messaging protocol version the kernel claims.
const ProtocolVersion = "5.3"

// Spec is the content of kernel.json.
type Spec struct {
	Argv          []string          `json:"argv"`
	DisplayName   string            `json:"display_name"`
	Language      string            `json:"language"`
	InterruptMode string            `json:"interrupt_mode"`
	Env           map[string]string `json:"env,omitempty"`
	Metadata      map[string]any    `json:"metadata"`
}

// NewSpec returns the kernelspec that launches the binary at executable.
// It panics if executable is not an absolute path, since Jupyter starts
// kernels from arbitrary working directories.
func NewSpec(executable string) Spec {
	if !filepath.IsAbs(executable) {
		panic("install: kernel executable path is not absolute: " + executable)
	}
	return Spec{
		Argv:          []string{executable, "kernel", "{connection_file}"},
		DisplayName:   DisplayName,
		Language:      Language,
		InterruptMode: "message",
		Metadata: map[string]any{
			"kernel_protocol_version": ProtocolVersion,
		},
	}
}

// JSON returns kernel.json's bytes: indented, with a final newline and
// without HTML escaping (paths may hold '&').
func (s Spec) JSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
