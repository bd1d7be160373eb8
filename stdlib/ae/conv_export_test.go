package ae

// SetMicroRows sets the rows per pass of the convolutional objective and
// returns the previous value.
func SetMicroRows(n int) int { old := microRows; microRows = n; return old }
