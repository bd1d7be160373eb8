// Package backend makes gonum's BLAS fast without cgo and without build tags.
//
// Importing the package (even blank, `import _ ".../stdlib/backend"`) is
// enough: its init looks for an OpenBLAS shared library at run time with
// purego, and when it finds one it registers an implementation with
// blas64.Use and blas32.Use. Every gonum call that goes through blas64,
// blas32 or mat (Mul, SymRankK, Solve, EigenSym's blocked kernels ...) then
// runs the level-3 routines and the matrix-vector products in OpenBLAS.
// When the library also carries LAPACK (Debian's does), the symmetric
// eigensolver behind mat.EigenSym goes to OpenBLAS's dsyevd through
// lapack64.Use (about 8x faster than gonum's at order 784).
//
// Invariants:
//
//   - The registered implementation embeds gonum's pure-Go one. Only Dgemm,
//     Dsyrk, Dsyr2k, Dsymm, Dtrsm, Dtrmm, Dgemv and their float32 twins are
//     sent to OpenBLAS, and of LAPACK only Dsyev; every other routine is
//     gonum's.
//   - An overridden routine calls OpenBLAS only after checking its arguments
//     the way gonum does. Whenever a check fails, a size is zero, or the
//     problem is too small to pay for the foreign call, the call goes to
//     gonum itself, so panics, quick returns and messages are exactly
//     gonum's.
//   - Results agree with gonum's to rounding (tests demand 1e-12 relative
//     in float64), but are not bit-identical: OpenBLAS sums in another order.
//   - When no library is found, or the environment sets GOKERNEL_BLAS=gonum,
//     nothing is registered and gonum's pure-Go BLAS stays in use; Name says
//     which backend runs and FallbackReason why OpenBLAS is not used.
//   - When GOKERNEL_BLAS_LIB names a file, that file is the only library
//     tried. Otherwise the search tries libopenblas.so.0 and libopenblas.so
//     through the dynamic loader, then the usual Debian, Fedora and
//     Homebrew directories (openblas-pthread first). A library without the
//     needed symbols is skipped.
//
// Calling convention: the routines are called through their Fortran symbols
// (dgemm_, ...), which take every argument by reference, with
// purego.SyscallN. SyscallN cannot place float arguments in registers, so
// cblas_dgemm (whose alpha and beta are doubles passed by value) is not
// used; the Fortran form needs neither reflection nor float registers.
// The by-reference arguments and the argument list live in heap frames kept
// on a mutex-guarded free list, one frame per call in flight, so a call
// allocates nothing in steady state (TestOpenBLASCallsAllocateNothing) and
// costs about 0.15 µs (BenchmarkSmallDgemm at n=8); the frame also holds
// the data slices until the call returns (see the frame type for why the
// pointers stay valid). Dimensions must fit the library's 32-bit INTEGER;
// larger calls stay in gonum.
//
// Threads: unless the environment already fixes them (OPENBLAS_NUM_THREADS,
// GOTO_NUM_THREADS or OMP_NUM_THREADS), OpenBLAS gets min(GOMAXPROCS,
// library default) threads, which suits large one-off products (PCA's
// eigensolver, big Mul calls) by one goroutine; ThreadsFromEnv reports
// whether the environment fixed the count. Code that runs BLAS from several
// goroutines at once should call SetThreads(1) so that the two thread pools
// do not fight for the cores. Training loops of batch-sized products do
// better with one thread too: stdlib/ae holds OpenBLAS to one thread during
// Fit unless told otherwise (one thread was faster per CPU second in 19 of
// 20 alternating epochs on a shared 2-core machine, bench/ae.md).
//
// The environment variables OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are never
// touched; Name reports the kernel the library chose.
package backend
