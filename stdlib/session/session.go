// Package session links long library calls to the notebook session that runs
// them, without the library knowing of the kernel.
//
// A cell interrupted in the notebook cannot stop compiled code, so long calls
// (training, large correlations) poll Context: the kernel installs the
// running cell's context with SetContextFunc, and outside a kernel Context is
// context.Background. Library functions that take no context use Context.
package session

import (
	"context"
	"sync/atomic"
)

var current atomic.Pointer[func() context.Context]

// Context returns the context of the running cell, which is cancelled when
// the user interrupts it; outside a kernel it is context.Background().
func Context() context.Context {
	if f := current.Load(); f != nil {
		if ctx := (*f)(); ctx != nil {
			return ctx
		}
	}
	return context.Background()
}

// SetContextFunc installs f as the source of Context. The interpreter calls
// it once; f returns the context of the cell running now. A nil f restores
// context.Background.
func SetContextFunc(f func() context.Context) {
	if f == nil {
		current.Store(nil)
		return
	}
	current.Store(&f)
}

// Interrupted reports whether the running cell has been interrupted.
func Interrupted() bool { return Context().Err() != nil }
