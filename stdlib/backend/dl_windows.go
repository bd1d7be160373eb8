//go:build windows

package backend

import "errors"

// OpenBLAS is not loaded on Windows: open reports it before calling these,
// and the package runs gonum's pure-Go BLAS.
var errNoLoader = errors.New("backend: no dynamic loader for OpenBLAS on windows")

func dlopen(string) (uintptr, error)         { return 0, errNoLoader }
func dlsym(uintptr, string) (uintptr, error) { return 0, errNoLoader }
func dlclose(uintptr)                        {}
