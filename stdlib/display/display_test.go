package display

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"sync"
	"testing"
)

type event struct {
	b      Bundle
	id     string
	update bool
	clear  bool
	wait   bool
}

type recorder struct {
	mu     sync.Mutex
	events []event
}

func (r *recorder) Publish(b Bundle, id string, update bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, event{b: b, id: id, update: update})
}

func (r *recorder) Clear(wait bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, event{clear: true, wait: wait})
}

func record(t *testing.T) *recorder {
	t.Helper()
	r := &recorder{}
	SetPublisher(r)
	t.Cleanup(func() { SetPublisher(nil) })
	return r
}

func pngBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, w, h))
	img.SetGray(1, 1, color.Gray{Y: 200})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPublishingCalls(t *testing.T) {
	p := pngBytes(t, 7, 3)
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, image.NewRGBA(image.Rect(0, 0, 5, 4)), nil); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		call func()
		mime string
		want any
	}{
		{"HTML", func() { HTML("<b>hi</b>") }, MIMEHTML, "<b>hi</b>"},
		{"Markdown", func() { Markdown("# T") }, MIMEMarkdown, "# T"},
		{"LaTeX", func() { LaTeX("$x^2$") }, MIMELaTeX, "$x^2$"},
		{"SVG", func() { SVG("<svg/>") }, MIMESVG, "<svg/>"},
		{"Text", func() { Text("plain") }, MIMEText, "plain"},
		{"PNG", func() { PNG(p) }, MIMEPNG, base64.StdEncoding.EncodeToString(p)},
		{"JPEG", func() { JPEG(jb.Bytes()) }, MIMEJPEG, base64.StdEncoding.EncodeToString(jb.Bytes())},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := record(t)
			c.call()
			if len(r.events) != 1 {
				t.Fatalf("got %d events, want 1", len(r.events))
			}
			e := r.events[0]
			if e.id != "" || e.update || e.clear {
				t.Errorf("event %+v: want plain display_data", e)
			}
			if got := e.b.Data[c.mime]; got != c.want {
				t.Errorf("Data[%s] = %v, want %v", c.mime, got, c.want)
			}
			if _, ok := e.b.Data[MIMEText].(string); !ok {
				t.Errorf("no text/plain in %v", e.b.Data)
			}
		})
	}
}

func TestImageMetadata(t *testing.T) {
	r := record(t)
	PNG(pngBytes(t, 7, 3))
	md, ok := r.events[0].b.Metadata[MIMEPNG].(map[string]any)
	if !ok || md["width"] != 7 || md["height"] != 3 {
		t.Fatalf("metadata = %v, want width 7 height 3", r.events[0].b.Metadata)
	}
	if got := r.events[0].b.Data[MIMEText]; got != "<image/png 7x3>" {
		t.Errorf("text/plain = %q", got)
	}
	PNG([]byte("not a png"))
	if _, ok := r.events[1].b.Metadata[MIMEPNG]; ok {
		t.Errorf("metadata for undecodable PNG: %v", r.events[1].b.Metadata)
	}
	if got := r.events[1].b.Data[MIMEText]; got != "<image/png, 9 bytes>" {
		t.Errorf("text/plain = %q", got)
	}
}

func TestImageEncodesPNG(t *testing.T) {
	r := record(t)
	Image(image.NewRGBA(image.Rect(0, 0, 4, 2)))
	s, _ := r.events[0].b.Data[MIMEPNG].(string)
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(raw))
	if err != nil || cfg.Width != 4 || cfg.Height != 2 {
		t.Fatalf("decoded %+v, %v", cfg, err)
	}
}

func TestJSON(t *testing.T) {
	r := record(t)
	JSON(map[string]any{"a": []int{1, 2}})
	raw, ok := r.events[0].b.Data[MIMEJSON].(json.RawMessage)
	if !ok || string(raw) != `{"a":[1,2]}` {
		t.Fatalf("application/json = %#v", r.events[0].b.Data[MIMEJSON])
	}
	JSON(func() {})
	e := r.events[1].b
	if _, ok := e.Data[MIMEJSON]; ok {
		t.Error("unmarshalable value published as JSON")
	}
	if s, _ := e.Data[MIMEText].(string); !strings.Contains(s, "unsupported type") {
		t.Errorf("text/plain = %q, want the marshal error", s)
	}
}

func TestClear(t *testing.T) {
	r := record(t)
	Clear()
	ClearWait()
	if len(r.events) != 2 || !r.events[0].clear || r.events[0].wait || !r.events[1].wait {
		t.Fatalf("events = %+v", r.events)
	}
}

func TestDefaultPublisherDiscards(t *testing.T) {
	SetPublisher(nil)
	HTML("x")
	New().Text("y")
	Clear()
}

func TestDisplayUpdates(t *testing.T) {
	r := record(t)
	d := New()
	if d.Shown() {
		t.Fatal("new display already shown")
	}
	d.HTML("<i>1</i>")
	d.Text("2")
	d.Show(textValue("3"))
	if len(r.events) != 3 {
		t.Fatalf("got %d events", len(r.events))
	}
	for i, e := range r.events {
		if e.id != d.ID() {
			t.Errorf("event %d id %q, want %q", i, e.id, d.ID())
		}
		if e.update != (i > 0) {
			t.Errorf("event %d update = %v", i, e.update)
		}
	}
	if got := r.events[2].b.Data[MIMEHTML]; got != "<p>3</p>" {
		t.Errorf("Show in display: %v", r.events[2].b.Data)
	}
	if !d.Shown() {
		t.Error("display not marked shown")
	}
}

func TestDisplayIDsUnique(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		id := New().ID()
		if seen[id] || !strings.HasPrefix(id, "display-"+processID) {
			t.Fatalf("id %q repeated or malformed", id)
		}
		seen[id] = true
	}
}

type textValue string

func (v textValue) String() string { return "text " + string(v) }
func (v textValue) HTML() string   { return "<p>" + string(v) + "</p>" }

type pngValue struct{ p []byte }

func (v pngValue) PNG() ([]byte, error) { return v.p, nil }
func (v pngValue) SVG() string          { return "<svg/>" }

type failing struct{}

func (failing) PNG() ([]byte, error) { return nil, errors.New("boom") }
func (failing) HTML() string         { return "" }

type bundler struct{}

func (bundler) MIMEBundle() map[string]any {
	return map[string]any{"text/html": "<b>b</b>", "application/pdf": []byte{1, 2, 3}}
}

type jsoner struct{}

func (jsoner) JSON() any { return []string{"x"} }

func TestBundleOf(t *testing.T) {
	p := pngBytes(t, 2, 2)
	cases := []struct {
		name  string
		v     any
		rich  bool
		data  map[string]any
		plain string
	}{
		{"nil", nil, false, nil, "<nil>"},
		{"int", 42, false, nil, "42"},
		{"error", errors.New("bad"), false, nil, "bad"},
		{"stringer+html", textValue("a"), true, map[string]any{MIMEHTML: "<p>a</p>"}, "text a"},
		{"png+svg", pngValue{p}, true, map[string]any{
			MIMEPNG: base64.StdEncoding.EncodeToString(p), MIMESVG: "<svg/>"}, "<image/png 2x2>"},
		{"failing methods", failing{}, false, nil, "{}"},
		{"bundler", bundler{}, true, map[string]any{
			MIMEHTML: "<b>b</b>", "application/pdf": "AQID"}, "<application/pdf, text/html>"},
		{"json", jsoner{}, true, map[string]any{MIMEJSON: json.RawMessage(`["x"]`)}, "{}"},
		{"bundle", Bundle{Data: map[string]any{MIMEMarkdown: "*m*", MIMEText: "m"}}, true,
			map[string]any{MIMEMarkdown: "*m*"}, "m"},
		{"text-only bundle", &Bundle{Data: map[string]any{MIMEText: "t"}}, false, nil, "t"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, rich := BundleOf(c.v)
			if rich != c.rich {
				t.Errorf("rich = %v, want %v", rich, c.rich)
			}
			if got := b.Data[MIMEText]; got != c.plain {
				t.Errorf("text/plain = %q, want %q", got, c.plain)
			}
			if len(b.Data) != len(c.data)+1 {
				t.Errorf("data = %v, want %v plus text/plain", b.Data, c.data)
			}
			for k, want := range c.data {
				got := b.Data[k]
				if raw, ok := want.(json.RawMessage); ok {
					if g, ok := got.(json.RawMessage); !ok || string(g) != string(raw) {
						t.Errorf("Data[%s] = %#v, want %s", k, got, raw)
					}
					continue
				}
				if got != want {
					t.Errorf("Data[%s] = %v, want %v", k, got, want)
				}
			}
		})
	}
}
