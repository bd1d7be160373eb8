package display

import (
	"crypto/rand"
	"encoding/hex"
	"image"
	"strconv"
	"sync"
	"sync/atomic"
)

// processID makes display ids differ between processes, so that the outputs
// of a restarted kernel never update those of an earlier one.
var processID = func() string {
	var p [6]byte
	if _, err := rand.Read(p[:]); err != nil {
		return "gokernel"
	}
	return hex.EncodeToString(p[:])
}()

var lastID atomic.Uint64

// Display is an output that can be replaced in place. The first publishing
// call on a Display sends display_data carrying its id; every later call
// sends update_display_data, which replaces the output wherever it is shown.
// A Display is safe for concurrent use.
type Display struct {
	id    string
	mu    sync.Mutex
	shown bool
}

// New returns a Display with a fresh id, unique within the process. Nothing
// is published until its first call.
func New() *Display {
	return &Display{id: "display-" + processID + "-" + strconv.FormatUint(lastID.Add(1), 10)}
}

// ID returns the display id (transient.display_id in the protocol).
func (d *Display) ID() string { return d.id }

// Shown reports whether the display has been published.
func (d *Display) Shown() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.shown
}

// send publishes b for d: display_data the first time, update_display_data
// after. The lock keeps the first publication before any update.
func (d *Display) send(b Bundle) {
	d.mu.Lock()
	defer d.mu.Unlock()
	publish(b, d.id, d.shown)
	d.shown = true
}

// HTML shows s as text/html in d.
func (d *Display) HTML(s string) { d.send(htmlBundle(s)) }

// Markdown shows s as text/markdown in d.
func (d *Display) Markdown(s string) { d.send(markdownBundle(s)) }

// LaTeX shows s as text/latex in d.
func (d *Display) LaTeX(s string) { d.send(latexBundle(s)) }

// SVG shows the SVG document s in d.
func (d *Display) SVG(s string) { d.send(svgBundle(s)) }

// PNG shows the encoded PNG image b in d.
func (d *Display) PNG(b []byte) { d.send(imageBundle(MIMEPNG, b)) }

// JPEG shows the encoded JPEG image b in d.
func (d *Display) JPEG(b []byte) { d.send(imageBundle(MIMEJPEG, b)) }

// Image shows img, encoded as PNG, in d.
func (d *Display) Image(img image.Image) { d.send(imgBundle(img)) }

// JSON shows v as application/json in d.
func (d *Display) JSON(v any) { d.send(jsonBundle(v)) }

// Text shows s as text/plain in d.
func (d *Display) Text(s string) { d.send(plainBundle(s)) }

// Show shows the richest bundle of v (see BundleOf) in d.
func (d *Display) Show(v any) {
	b, _ := BundleOf(v)
	d.send(b)
}

// MIME shows the bundle b in d, completed as by MIME.
func (d *Display) MIME(b Bundle) {
	out, _ := BundleOf(b)
	d.send(out)
}
