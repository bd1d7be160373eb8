package display

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"sort"
	"strings"
)

// MIME types used by this package.
const (
	MIMEText     = "text/plain"
	MIMEHTML     = "text/html"
	MIMEMarkdown = "text/markdown"
	MIMELaTeX    = "text/latex"
	MIMESVG      = "image/svg+xml"
	MIMEPNG      = "image/png"
	MIMEJPEG     = "image/jpeg"
	MIMEJSON     = "application/json"
)

// Bundle is a Jupyter MIME bundle: Data maps MIME types to their
// representation and Metadata maps MIME types to per-type metadata (such as
// image width and height).
type Bundle struct {
	Data     map[string]any
	Metadata map[string]any
}

// MIMEBundler is implemented by values that build their own bundle. Binary
// entries may be given as []byte; BundleOf base64-encodes them.
type MIMEBundler interface {
	MIMEBundle() map[string]any
}

// PNGer is implemented by values that render as a PNG image.
type PNGer interface {
	PNG() ([]byte, error)
}

// JPEGer is implemented by values that render as a JPEG image.
type JPEGer interface {
	JPEG() ([]byte, error)
}

// SVGer is implemented by values that render as an SVG document.
type SVGer interface {
	SVG() string
}

// HTMLer is implemented by values that render as HTML.
type HTMLer interface {
	HTML() string
}

// Markdowner is implemented by values that render as Markdown.
type Markdowner interface {
	Markdown() string
}

// LaTeXer is implemented by values that render as LaTeX.
type LaTeXer interface {
	LaTeX() string
}

// JSONer is implemented by values that render as a JSON document; the
// result is marshalled with encoding/json.
type JSONer interface {
	JSON() any
}

// BundleOf returns the richest bundle v offers. It collects every
// representation v has: a Bundle or *Bundle value, MIMEBundle(), PNG(),
// JPEG(), SVG(), HTML(), Markdown(), LaTeX(), JSON(), and an image.Image is
// encoded as PNG. A representation whose method fails or returns an empty
// result is left out. text/plain is always present: the value's own entry
// if it gave one, else fmt's %v (which uses String() or Error()).
//
// rich reports whether v gave any representation other than text/plain.
func BundleOf(v any) (b Bundle, rich bool) {
	b = Bundle{Data: map[string]any{}, Metadata: map[string]any{}}
	switch x := v.(type) {
	case Bundle:
		b.merge(x)
	case *Bundle:
		if x != nil {
			b.merge(*x)
		}
	}
	if x, ok := v.(MIMEBundler); ok {
		b.merge(Bundle{Data: x.MIMEBundle()})
	}
	if x, ok := v.(PNGer); ok {
		if p, err := x.PNG(); err == nil && len(p) > 0 {
			b.setImage(MIMEPNG, p)
		}
	}
	if x, ok := v.(JPEGer); ok {
		if p, err := x.JPEG(); err == nil && len(p) > 0 {
			b.setImage(MIMEJPEG, p)
		}
	}
	if img, ok := v.(image.Image); ok && b.Data[MIMEPNG] == nil {
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err == nil {
			b.setImage(MIMEPNG, buf.Bytes())
		}
	}
	setString(b, MIMESVG, v, func(x SVGer) string { return x.SVG() })
	setString(b, MIMEHTML, v, func(x HTMLer) string { return x.HTML() })
	setString(b, MIMEMarkdown, v, func(x Markdowner) string { return x.Markdown() })
	setString(b, MIMELaTeX, v, func(x LaTeXer) string { return x.LaTeX() })
	if x, ok := v.(JSONer); ok {
		if raw, err := json.Marshal(x.JSON()); err == nil {
			b.Data[MIMEJSON] = json.RawMessage(raw)
		}
	}
	if _, ok := b.Data[MIMEText]; !ok {
		b.Data[MIMEText] = plainText(b, v)
	}
	return b, len(b.Data) > 1
}

// plainText is the text/plain fallback: String(), Error() or %v, except that
// an image without a String method is described by its kind and size.
func plainText(b Bundle, v any) string {
	switch v.(type) {
	case fmt.Stringer, error:
		return fmt.Sprint(v)
	case Bundle, *Bundle, MIMEBundler:
		return describe(b)
	}
	for _, mime := range []string{MIMEPNG, MIMEJPEG} {
		if m, ok := b.Metadata[mime].(map[string]any); ok {
			return fmt.Sprintf("<%s %dx%d>", mime, m["width"], m["height"])
		}
	}
	return fmt.Sprintf("%v", v)
}

func setString[T any](b Bundle, mime string, v any, get func(T) string) {
	if _, done := b.Data[mime]; done {
		return
	}
	if x, ok := v.(T); ok {
		if s := get(x); s != "" {
			b.Data[mime] = s
		}
	}
}

// merge copies the entries of o into b, base64-encoding byte slices and
// decoding image sizes.
func (b Bundle) merge(o Bundle) {
	for k, val := range o.Data {
		if p, ok := val.([]byte); ok {
			if k == MIMEPNG || k == MIMEJPEG {
				b.setImage(k, p)
				continue
			}
			if k == MIMEJSON {
				b.Data[k] = json.RawMessage(p)
				continue
			}
			val = base64.StdEncoding.EncodeToString(p)
		}
		b.Data[k] = val
	}
	for k, val := range o.Metadata {
		b.Metadata[k] = val
	}
}

// setImage stores encoded image bytes as base64 with width and height
// metadata when the header decodes.
func (b Bundle) setImage(mime string, p []byte) {
	b.Data[mime] = base64.StdEncoding.EncodeToString(p)
	var cfg image.Config
	var err error
	switch mime {
	case MIMEPNG:
		cfg, err = png.DecodeConfig(bytes.NewReader(p))
	case MIMEJPEG:
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(p))
	}
	if err == nil {
		b.Metadata[mime] = map[string]any{"width": cfg.Width, "height": cfg.Height}
	}
}

// describe names the MIME types of a bundle that has no text of its own.
func describe(b Bundle) string {
	keys := make([]string, 0, len(b.Data))
	for k := range b.Data {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return "<" + strings.Join(keys, ", ") + ">"
}
