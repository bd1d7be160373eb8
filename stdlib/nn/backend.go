package nn

// The blank import registers OpenBLAS (when the machine has it) as gonum's
// blas64 and blas32 implementation, so every Dense product runs there.
import _ "github.com/gokernel/gokernel/stdlib/backend"
