// Package nn holds the building blocks of small neural networks trained on
// minibatches: dense layers, activations, losses, initialisation and a
// finite-difference gradient checker.
//
// Invariants:
//
//   - A minibatch is a *mat.Dense whose rows are samples and whose columns are
//     features. A Dense layer with InSize n and OutSize m maps a b×n batch to a
//     b×m batch; W is n×m and B is 1×m, so Forward computes act(x·W + B).
//   - Forward returns a buffer owned by the layer. It is reused by the next
//     Forward and stays valid until then. Backward must follow the Forward
//     whose output it differentiates, and the input given to that Forward must
//     not change in between.
//   - Backward takes dLoss/dOutput, ADDS the parameter gradients into
//     Param.Grad (so gradients of several losses or batches accumulate) and
//     returns dLoss/dInput in another layer-owned buffer. Call ZeroGrad before
//     each new accumulation. Layers never update their own parameters: an
//     optimizer (package optim) owns the update.
//   - Param.Grad always has the shape of Param.Value. Parameter matrices are
//     updated in place. (A Dense whose W or B is assigned another matrix, or
//     that was written as a struct literal, makes fresh Params on first use.)
//   - In steady state (same batch size as the previous call) Forward and
//     Backward allocate nothing. A change of batch size re-slices or grows the
//     buffers once.
//   - Shape mismatches are programmer errors and panic with mat.ErrShape.
//   - Randomness comes only from the *rand.Rand given to a constructor.
//   - Everything visible is float64. Matrix products go through gonum's
//     blas64 global implementation; the package imports stdlib/backend, which
//     registers OpenBLAS there when the machine has it. A Dense layer with
//     Float32 set runs its three products through blas32 instead (about
//     twice as fast, float32 precision); its API stays float64.
//   - Dense runs its element-wise passes (bias and activation, their
//     derivative, float32 conversions) on the calling goroutine: with the
//     vector kernels, sharing them with a second goroutine was measured
//     slower. (The splitter in parallel.go, which can share a pass with one
//     helper goroutine, serves the image layers.) A layer must not be used
//     from two goroutines at once.
//   - Image layers (Conv2D, ConvTranspose2D, MaxPool2D, Upsample) take one
//     sample per row flattened channel by channel, row by row (C×H×W), and
//     report InShape and OutShape beside InSize and OutSize. Convolutions
//     are cross-correlations (no kernel flip) computed by im2col and one
//     GEMM per cache-sized chunk of samples; ConvTranspose2D with the same
//     W is their adjoint. They split a batch into two halves of samples on
//     two goroutines (unless Serial is set), holding OpenBLAS to one
//     thread meanwhile; parameter
//     gradients of the halves are summed at the end, so they equal a
//     single goroutine's to rounding, not bit for bit.
//   - MaxPool2D pools "valid" windows (NewMaxPool2D: ⌊(H−size)/stride⌋+1
//     outputs per axis) or "same" ones as Keras and TensorFlow do
//     (NewMaxPool2DSame: ⌈H/stride⌉, the image padded with pixels that never
//     win), so the classic 28→14→7→4 convolutional autoencoder can be built.
//   - Sigmoid uses a branch-free exponential accurate to a few ulp, and BCE a
//     table-driven logarithm accurate to one ulp, so results may differ from
//     math.Exp/math.Log-based code in the last bits. On amd64 with AVX2 the
//     bias+sigmoid pass and the float32 conversions run in assembly
//     (sigmoid_amd64.s, narrow_amd64.s) with the same operations in the same
//     order as the Go loops: identical results.
package nn
