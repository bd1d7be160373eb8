//go:build !windows

package backend

import "github.com/ebitengine/purego"

// dlopen, dlsym and dlclose wrap purego's dynamic loader, which exists on
// the Unix systems only.
func dlopen(path string) (uintptr, error) {
	return purego.Dlopen(path, purego.RTLD_NOW|purego.RTLD_LOCAL)
}

func dlsym(h uintptr, name string) (uintptr, error) { return purego.Dlsym(h, name) }

func dlclose(h uintptr) { _ = purego.Dlclose(h) }
