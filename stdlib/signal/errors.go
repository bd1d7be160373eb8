package signal

// ShapeError is the panic value for inputs whose sizes a function cannot
// take: an empty signal, a template larger than its image, a mismatch of
// lengths. Such inputs are programmer errors, as in gonum's mat.
type ShapeError struct {
	Op  string
	Msg string
}

// Error returns the message, prefixed with "signal: " and the operation.
func (e ShapeError) Error() string { return "signal: " + e.Op + ": " + e.Msg }
