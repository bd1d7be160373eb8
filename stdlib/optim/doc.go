// Package optim holds the optimizers that update the parameters of an nn
// network from their gradients: SGD with momentum and weight decay, and
// Adam.
//
// Invariants:
//
//   - Optimizers own the update; layers never change their parameters.
//     Step reads Param.Grad and changes Param.Value in place; it leaves
//     Param.Grad as it found it (call nn.ZeroGrad before the next backward
//     pass).
//   - Per-parameter state (momentum, moments, step counts) is keyed by the
//     *nn.Param pointer and created on the first Step that sees the
//     parameter; Reset forgets it all. After the first Step, Step allocates
//     nothing.
//   - The update formulas are PyTorch's (torch.optim.SGD and torch.optim.Adam
//     with their default flags), so results can be compared step by step.
//   - Hyper-parameters are exported fields and may be changed between steps
//     (for a learning-rate schedule).
//   - Adam's element-wise pass runs four values at a time in assembly on
//     amd64 with AVX (adam_amd64.s), with the operations of the Go loop in the
//     same order: identical results. Without AVX, a pass over a large
//     parameter (from 32k values) is split between the calling goroutine and
//     one helper goroutine, again with identical results. An optimizer must
//     not be used from two goroutines at once.
package optim
