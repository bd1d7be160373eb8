// Package ae holds the autoencoders of the course: undercomplete, deep (with
// greedy layer-wise pretraining and fine-tuning), tied or untied, sparse
// (KL or L1 activity penalty), denoising (Gaussian, masking, salt-and-pepper
// corruption) and contractive, and any combination of them in one Config.
//
// A model is built from a Config with New, trained with Fit (or FitContext,
// Pretrain), and used with Encode, Decode, Reconstruct, Loss and ReconError.
// The regularisers and corruption operators are also exported as plain
// functions (KL, SparsityPenalty, L1Penalty, ContractivePenalty,
// Noise.Corrupt) so a notebook can plot and check them on their own.
//
// Invariants:
//
//   - Batches are *mat.Dense whose rows are samples. Config.Sizes lists the
//     encoder widths from the input to the code; the decoder mirrors them.
//     Every weight matrix is in×out (nn.Dense convention). With tied weights
//     a decoder layer has no weight matrix of its own: it uses the transpose
//     of its mirror encoder layer's W (same storage, one gradient).
//   - The loss of a batch of m rows is the sum of these terms:
//     reconstruction = (1/m) Σ_rows Σ_features ℓ(r, x) with ℓ the squared
//     error (r−x)² or the binary cross-entropy, always against the CLEAN input;
//     sparsity = β Σ_j KL(ρ‖ρ̂_j) with ρ̂_j the mean code activation over the
//     batch; l1 = λ₁ (1/m) Σ_rows Σ_j |h_j| on the code; contractive =
//     λ (1/m) Σ_rows ‖J(x)‖²_F with J the Jacobian of the FIRST encoder layer;
//     weight decay = (λ_wd/2) Σ_layers ‖W‖²_F (biases excluded, a tied
//     matrix counted once). With squared error and no regulariser the
//     reconstruction term equals ReconError: the Hinton & Salakhutdinov
//     (2006) unit, the per-image sum of squared pixel errors.
//   - The KL sparsity penalty is defined for units in (0, 1): with Sparsity
//     set, the code layer has sigmoid units whatever Hidden is. The
//     contractive penalty is the closed form for one layer, applied to the
//     first encoder layer (the whole encoder of a shallow AE).
//   - Every term's gradient is computed in closed form and checked against
//     central finite differences in float64 (tests, with Config.Precision
//     ae.Float64). By default the matrix products run in float32, PyTorch's
//     training precision; parameters, gradients, Adam's state and the
//     element-wise passes are always float64.
//   - Randomness comes only from seeds: Config.Seed initialises the weights,
//     FitOptions.Seed (default Config.Seed) drives shuffling and corruption.
//     The same calls give the same model, bit for bit.
//   - Programmer errors (a batch whose width does not match the model, an
//     invalid Config) panic with a *ShapeError or *ConfigError. Data problems
//     (NaN or Inf in the data, a loss term that becomes NaN or Inf) are
//     returned as errors.
//   - Fit stops within one batch when its context is cancelled (Fit polls
//     stdlib/session.Context, the notebook's interrupt) and returns the
//     history so far with an error wrapping context.Canceled. When a loss
//     term becomes NaN or Inf, Fit restores the weights from before the step
//     that produced it and returns an error naming the term, epoch and batch.
//     In both cases the model stays usable.
//   - Fit and Pretrain of a dense model hold OpenBLAS to FitOptions.Threads
//     threads for the run when it is set (0 keeps the current count, one per
//     processor by default; bench/ae.md measures both) and restore the
//     previous count.
//     Matrix products of the OpenBLAS path allocate nothing, so a training
//     step allocates nothing in steady state.
//   - With the cross-entropy and a sigmoid output layer, training computes
//     the output gradient at the pre-activation, (r−x)/m, the exact
//     derivative of the loss (no division by r(1−r)); the reported term uses
//     nn.BCE. Both agree with the float64 definitions above to rounding.
//   - A model is not safe for concurrent use: Encode during Fit from another
//     goroutine is a race. The matrices returned by Encode, Decode and
//     Reconstruct are fresh and belong to the caller.
//   - The convolutional autoencoder (NewConv, ConvConfig) takes rows that
//     are Channels×Height×Width images flattened channel by channel, row by
//     row; its code rows are images too (CodeShape). Its Fit, Encode,
//     Decode, Reconstruct, Loss and ReconError behave as the dense model's,
//     with the same terms: reconstruction, KL sparsity and L1 activity on
//     the code units (every channel and position), the contractive penalty
//     of the first convolution (closed form, border taps left out),
//     denoising and weight decay.
//   - The package never prints; it returns values.
package ae
