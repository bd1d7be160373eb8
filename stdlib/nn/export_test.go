package nn

// SetMinSplit sets the size from which element-wise passes use two
// goroutines and returns the previous value (for tests and benchmarks).
func SetMinSplit(n int) int { old := minSplit; minSplit = n; return old }

// SetDenseMinSplit sets the size from which Dense passes use two
// goroutines and returns the previous value.
func SetDenseMinSplit(n int) int { old := denseMinSplit; denseMinSplit = n; return old }
