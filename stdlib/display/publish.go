package display

import (
	"encoding/json"
	"fmt"
	"image"
	"sync/atomic"
)

// Publisher receives the outputs of the running cell. The interpreter
// installs one with SetPublisher and forwards each call to the kernel.
//
// Publish sends b as display_data, or as update_display_data when update is
// true (displayID is then never empty). A non-empty displayID on a
// display_data makes the output updatable later. Clear sends clear_output;
// with wait the front end clears only when the next output arrives.
type Publisher interface {
	Publish(b Bundle, displayID string, update bool)
	Clear(wait bool)
}

type discard struct{}

func (discard) Publish(Bundle, string, bool) {}
func (discard) Clear(bool)                   {}

var publisher atomic.Pointer[Publisher]

// SetPublisher installs p as the destination of every publishing call. A
// nil p restores the default, which discards everything. It is safe to call
// concurrently with publishing calls.
func SetPublisher(p Publisher) {
	if p == nil {
		publisher.Store(nil)
		return
	}
	publisher.Store(&p)
}

func current() Publisher {
	if p := publisher.Load(); p != nil {
		return *p
	}
	return discard{}
}

func publish(b Bundle, id string, update bool) {
	current().Publish(b, id, update)
}

// textBundle is a bundle with one rich entry and a text/plain summary.
func textBundle(mime, s, plain string) Bundle {
	return Bundle{
		Data:     map[string]any{mime: s, MIMEText: plain},
		Metadata: map[string]any{},
	}
}

func htmlBundle(s string) Bundle     { return textBundle(MIMEHTML, s, "<HTML>") }
func markdownBundle(s string) Bundle { return textBundle(MIMEMarkdown, s, s) }
func latexBundle(s string) Bundle    { return textBundle(MIMELaTeX, s, s) }
func svgBundle(s string) Bundle      { return textBundle(MIMESVG, s, "<SVG image>") }

func plainBundle(s string) Bundle {
	return Bundle{Data: map[string]any{MIMEText: s}, Metadata: map[string]any{}}
}

func imageBundle(mime string, p []byte) Bundle {
	b := Bundle{Data: map[string]any{}, Metadata: map[string]any{}}
	b.setImage(mime, p)
	b.Data[MIMEText] = plainText(b, nil)
	if _, ok := b.Metadata[mime]; !ok {
		b.Data[MIMEText] = fmt.Sprintf("<%s, %d bytes>", mime, len(p))
	}
	return b
}

func jsonBundle(v any) Bundle {
	raw, err := json.Marshal(v)
	if err != nil {
		return plainBundle("display.JSON: " + err.Error())
	}
	ind, _ := json.MarshalIndent(v, "", "  ")
	return Bundle{
		Data:     map[string]any{MIMEJSON: json.RawMessage(raw), MIMEText: string(ind)},
		Metadata: map[string]any{},
	}
}

// imgBundle encodes img as PNG; a failure gives a text bundle.
func imgBundle(img image.Image) Bundle {
	b, _ := BundleOf(img)
	if _, ok := b.Data[MIMEPNG]; !ok {
		return plainBundle("display.Image: cannot encode image")
	}
	return b
}

// HTML publishes s as text/html.
func HTML(s string) { publish(htmlBundle(s), "", false) }

// Markdown publishes s as text/markdown.
func Markdown(s string) { publish(markdownBundle(s), "", false) }

// LaTeX publishes s as text/latex; wrap math in $...$ or $$...$$.
func LaTeX(s string) { publish(latexBundle(s), "", false) }

// SVG publishes s, an SVG document, as image/svg+xml.
func SVG(s string) { publish(svgBundle(s), "", false) }

// PNG publishes the encoded PNG image b as image/png (base64), with its
// width and height as metadata when the header decodes.
func PNG(b []byte) { publish(imageBundle(MIMEPNG, b), "", false) }

// JPEG publishes the encoded JPEG image b as image/jpeg (base64), with its
// width and height as metadata when the header decodes.
func JPEG(b []byte) { publish(imageBundle(MIMEJPEG, b), "", false) }

// Image encodes img as PNG and publishes it.
func Image(img image.Image) { publish(imgBundle(img), "", false) }

// JSON publishes v, marshalled with encoding/json, as application/json. A
// value that cannot be marshalled is published as text naming the error.
func JSON(v any) { publish(jsonBundle(v), "", false) }

// Text publishes s as text/plain.
func Text(s string) { publish(plainBundle(s), "", false) }

// Show publishes the richest bundle of v (see BundleOf).
func Show(v any) {
	b, _ := BundleOf(v)
	publish(b, "", false)
}

// MIME publishes b as it is, adding text/plain when it is missing and
// base64-encoding []byte entries (see BundleOf).
func MIME(b Bundle) {
	out, _ := BundleOf(b)
	publish(out, "", false)
}

// Clear clears the output of the cell at once.
func Clear() { current().Clear(false) }

// ClearWait clears the output of the cell when the next output arrives,
// which avoids flicker in animations.
func ClearWait() { current().Clear(true) }
