// Package pca fits principal component analysis and compares subspaces: the
// linear baseline that autoencoders are measured against.
//
// Conventions (those of Hinton & Salakhutdinov 2006 and of the course
// notes, so that published numbers reproduce):
//
//   - Rows are examples, columns are features.
//   - The data are centred by the mean of the data Fit sees (the training
//     mean), and the covariance is C = XcᵀXc / n (divided by n, not n-1).
//     Variances holds all eigenvalues of C in descending order, so the
//     training reconstruction error with k components equals the sum of
//     the eigenvalues after the k-th.
//   - Components is d×k with orthonormal columns, the eigenvectors of the k
//     largest eigenvalues, largest first. The sign of each column is fixed
//     so that its entry of largest magnitude is positive; fits are
//     deterministic.
//   - Error is the mean over rows of the sum over features of squared
//     errors (for MNIST: pixels in [0, 1], summed over 784 pixels,
//     averaged over images), not a per-pixel mean.
//   - Angles returns principal angles in radians, ascending.
//
// The covariance is accumulated block by block with a rank-k update
// (Dsyrk), so Fit needs memory for one block and the d×d covariance, not a
// centred copy of the data; importing stdlib/backend makes that update and
// the eigensolver run in OpenBLAS. Shape mismatches and k out of range
// panic; data problems (NaN or Inf, a failed eigensolver) and
// cancellation are returned as errors by FitContext.
package pca
