// Package fft is the transform engine of stdlib/signal: a mixed-radix
// (4, 2, 3, 5) Stockham autosort FFT for complex sequences with
// precomputed twiddles, and a real FFT of even length built on the complex
// FFT of half the length.
//
// Invariants: transforms are unnormalised (Inverse(Forward(x)) = n·x); a
// plan owns its scratch buffers, so one plan serves one goroutine at a
// time, while plans are cheap to copy with Clone for other goroutines
// (the twiddle tables are shared and never written after construction).
// Lengths must factor into 2, 3 and 5 (NewCmplx panics otherwise).
package fft
