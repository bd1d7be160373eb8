package nn

// SetChunkTarget sets the number of values an im2col chunk of the
// convolution layers aims at and returns the previous value (tests use a
// small one to exercise several chunks per batch).
func SetChunkTarget(n int) int { old := chunkTarget; chunkTarget = n; return old }
