// Package interp is the Go side of the kernel: a notebook session on the
// yaegi interpreter (github.com/traefik/yaegi, used unmodified). New returns
// a *Session, which implements kernel.Interpreter.
//
// A cell may mix imports, declarations and statements in any order. The
// session splits it into runs of one kind (go/scanner), parses each run with
// a line directive so that every position names the cell and its own line
// and column ("cell[3]:4:7"), rewrites it (go/ast), compiles it with yaegi
// and executes it, in order.
//
// Invariants:
//
//   - State persists: variables, functions, types and imports of a cell are
//     visible to the next ones. Importing a package again is not an error.
//   - Re-declaring a global (x := ..., var x = ...) does not keep the old
//     value alive: `x := e` becomes `x = e` when the type stays the same, and
//     otherwise the old storage is zeroed before the new one is used.
//   - The value of a cell's last expression statement is its result, with
//     text/plain always; a *plot.Plot is rendered as image/png, a mat.Matrix
//     is printed with mat.Formatted, other values go through
//     display.BundleOf, and methods of interpreted types (String, HTML, PNG,
//     ...) are called in the interpreter. Statements, declarations, void
//     calls and printing calls (fmt.Print*, log.*, Write*) give no result; a
//     multi-value call shows all its values, one per line, as text/plain.
//   - Output: while a Session exists, file descriptors 1 and 2 are pipes
//     read by the session, so interpreted fmt and println, log, os.Stdout,
//     os.Stderr and compiled code all reach the Emitter's Stream in the order
//     each stream was written. Output written after a cell ended (by its
//     goroutines) goes to the latest cell's emitter. Close restores fd 1 and
//     2. An Emitter must therefore never write to fd 1 or 2 itself; fatal
//     runtime errors are also copied to the original stderr.
//   - A panic in a cell, in the compiler, or in a goroutine a cell started
//     (every go statement is rewritten to recover) fails that cell with a
//     traceback naming the cell lines; the kernel lives on. A goroutine that
//     panics after its cell ended is reported on the latest cell's stderr.
//   - Interrupt (the cancellation of Execute's context) stops the cell, and
//     the goroutines cells started, within milliseconds when they run
//     interpreted code, channel operations, time.Sleep or WaitGroup.Wait;
//     the stopped code never runs again and the session keeps its state.
//     Compiled code that neither returns nor polls stdlib/session.Context
//     cannot be stopped: Execute then replies after Options.Grace that the
//     cell is still stopping, and the next Execute waits for it. No Execute
//     or Compile reaches yaegi while a cell is stopping. See interrupt.go.
//   - os.Stdin, fmt.Scan* and bufio readers on os.Stdin read lines through
//     Emitter.Input when the request allows stdin, and fail with ErrNoStdin
//     otherwise.
//   - A func main declared in a cell is an ordinary function: it runs only
//     when called (yaegi would run it after every later cell). The
//     interpreter knows the package-level main as _gkmain (mainname.go);
//     errors, tracebacks, completion and inspection say main.
//   - An import of a package the session does not have fails with the
//     same error whether it is plain, named, blank or dot.
//   - The lines yaegi writes to the standard logger while compiling (before
//     an internal panic, "nil type") never reach a cell's output; the
//     cell's error says what failed. Cells' own log output is untouched
//     (yaegilog.go).
//   - Cells can use fmt, math, strings, time, os, sort, gonum's mat and
//     stdlib/display without importing them (DefaultPreload). min and max
//     are generic prelude functions (yaegi v0.16.1 has no such builtins).
//
// Names starting with _gk are reserved for the session's rewrites.
//
// Limits, from yaegi v0.16.1 (see shared/reference/yaegi.md):
//
//   - min(1, 2.5) is an int (the type comes from the first argument) and
//     min(x) with one argument does not compile; there is no clear builtin
//     and no range over func. A range over an integer, which yaegi cannot
//     compile, is rewritten to a counting loop.
//   - In a panic, yaegi places a function's frame at the function's first
//     statement; the session names the right top-level statement of the cell
//     (statement markers), not the line inside the function.
//   - A type declared again with another definition keeps its first one (the
//     session warns on stderr); functions declared before a function is
//     redefined keep calling the old one.
//   - A top-level defer is rejected (yaegi would run it after every later
//     cell).
//   - A compiled call that never returns and never polls the session's
//     context keeps its cell stopping until it returns; only a restart ends
//     it sooner. Each interrupt leaves one parked goroutine until Close. A
//     goroutine of a cell that is inside such a call when the interrupt comes
//     goes on with its interpreted code once the call returns.
//   - yaegi's Execute resizes its global frame without synchronisation
//     while goroutines of earlier programs read it: under -race, cells whose
//     goroutines outlive a program are reported inside yaegi.
package interp
