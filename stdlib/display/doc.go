// Package display turns values into Jupyter MIME bundles and publishes them
// as display_data from a notebook cell.
//
// The package is plain Go with the standard library only: it knows nothing
// of the kernel. The interpreter installs a Publisher with SetPublisher;
// until then (and in any program run outside a kernel) every publishing call
// is discarded. The package never prints.
//
// Two kinds of entry points exist:
//
//   - Publishing calls (HTML, Markdown, LaTeX, SVG, PNG, JPEG, Image, JSON,
//     Text, Show, MIME, Clear, ClearWait) publish at once and return nothing,
//     so a cell that ends with one of them shows the output once and has no
//     execute_result.
//   - BundleOf builds the richest bundle a value offers without publishing
//     it; the interpreter uses it for the value of a cell's last expression.
//
// Updatable outputs come from New: the first call on a *Display publishes
// display_data carrying its display id, later calls publish
// update_display_data for the same id, replacing the output in place.
//
// Invariants:
//
//   - Every Bundle produced here has a "text/plain" entry.
//   - Binary MIME types (image/png, image/jpeg) hold base64 strings, as the
//     Jupyter protocol requires; PNG and JPEG bundles carry width and height
//     metadata when the image header decodes.
//   - application/json holds a json.RawMessage that is valid JSON.
//   - Display ids are unique within the process and differ between
//     processes, so a restarted kernel never updates an old output.
//
// Interpreted values lose their methods: under yaegi a value of a type
// declared in a notebook cell, passed as any, reaches compiled code as a bare
// struct without its methods, so BundleOf and Show cannot see its HTML() or
// PNG() method. The typed calls (display.HTML(s), display.PNG(b), ...) are
// the reliable ones from interpreted code; Show and BundleOf are reliable for
// values of compiled types (library types such as plots and matrices).
package display
