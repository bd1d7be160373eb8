// Package docfile is the format of the documentation that gendocs writes and
// interp/assist embeds: gzip-compressed JSON of a File.
//
// Member names are "Name" for package-level declarations and "Type.Name" for
// methods and struct fields. Kinds are "func", "method", "type", "const",
// "var" and "field". Result holds a type expression in the package's own
// terms ("*Dense", "[]float64", "io.Writer"): the first result of a func or
// method, the type of a var, const or field, empty when unknown.
package docfile

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
)

// File is the whole documentation set.
type File struct {
	Packages []Package `json:"packages"`
}

// Package is the documentation of one package.
type Package struct {
	Path    string   `json:"path"`
	Name    string   `json:"name"`
	Doc     string   `json:"doc,omitempty"`
	Members []Member `json:"members"`
}

// Member is one documented declaration, sorted by Name within a Package.
type Member struct {
	Name   string `json:"n"`
	Kind   string `json:"k"`
	Sig    string `json:"s"`
	Doc    string `json:"d,omitempty"`
	Result string `json:"r,omitempty"`
}

// Decode reads gzip JSON as written by gendocs.
func Decode(data []byte) (*File, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	var f File
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, err
	}
	return &f, nil
}
