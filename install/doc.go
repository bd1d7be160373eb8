// Package install writes the Jupyter kernelspec of gokernel.
//
// A kernelspec is a directory named after the kernel (Name) holding
// kernel.json and three logos. Install writes it under the user's Jupyter
// data directory (UserDataDir, which follows jupyter_core: JUPYTER_DATA_DIR
// first, then the platform's default) or under PREFIX/share/jupyter/kernels.
//
// Invariants:
//   - kernel.json's argv starts with an absolute path to the binary, followed
//     by "kernel" and the "{connection_file}" placeholder, so Jupyter can
//     launch the kernel from any working directory.
//   - interrupt_mode is "message": interrupts arrive as interrupt_request on
//     the control channel, which works the same on every platform.
//   - The package never prints; callers report Result.Dir and
//     Result.Warnings themselves.
//
// The logos are drawn by internal/genlogo (go generate) and embedded.
package install

//go:generate go run ./internal/genlogo assets
