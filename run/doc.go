// Package run executes Go notebooks and scripts headless, with no Jupyter
// involved: it plays the kernel's part towards a kernel.Interpreter, and
// turns what the cells emit into nbformat 4 outputs or terminal text.
//
// Invariants:
//   - run never imports the interpreter implementation; the caller passes a
//     kernel.Interpreter in.
//   - Code cells run in document order, one at a time, on a counter that
//     starts at 1 and grows by one per executed cell. Empty code cells are
//     left as they are, as nbclient does.
//   - A notebook keeps every field it had; only the outputs and
//     execution_count of executed cells and metadata.language_info change
//     (and metadata.kernelspec is added when it was missing).
//   - Outputs have nbformat's shapes: stream, display_data, execute_result
//     and error. Consecutive stream text of one name is merged, and
//     update_display_data rewrites every earlier output with that
//     display_id, in any cell.
//   - Execution stops at the first failing cell unless Options.AllowErrors
//     is set or the cell has the "raises-exception" tag; the failure is
//     returned as a *CellError.
//   - Cells never read the terminal in a notebook; a script may, when
//     Options.Stdin is set.
package run
