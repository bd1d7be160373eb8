package run

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	_ "image/gif"  // DecodeConfig of displayed GIFs
	_ "image/jpeg" // DecodeConfig of displayed JPEGs
	_ "image/png"  // DecodeConfig of displayed PNGs
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gokernel/gokernel/kernel"
)

// termSink writes outputs as terminal text: streams as they come, results
// as their text/plain, rich displays as one-line summaries or saved files.
type termSink struct {
	stdout, stderr io.Writer
	dir            string // where rich displays are saved; "" summarises
	saved          int    // files written so far
	// header, when set, is printed to stdout before the next output: a
	// notebook run names the cell whose output follows.
	header string
}

// flushHeader prints the pending cell header, once.
func (s *termSink) flushHeader() {
	if s.header != "" {
		fmt.Fprintln(s.stdout, s.header)
		s.header = ""
	}
}

func (s *termSink) stream(name, text string) {
	s.flushHeader()
	if name == "stderr" {
		io.WriteString(s.stderr, text)
		return
	}
	io.WriteString(s.stdout, text)
}

func (s *termSink) display(data, _ kernel.MIMEBundle, _ string, update bool) {
	s.flushHeader()
	prefix := ""
	if update {
		prefix = "[update] "
	}
	for _, line := range s.describe(data) {
		fmt.Fprintln(s.stdout, prefix+line)
	}
}

func (s *termSink) clear(bool) {}

func (s *termSink) result(_ int, data, _ kernel.MIMEBundle) {
	s.flushHeader()
	for _, line := range s.describe(data) {
		fmt.Fprintln(s.stdout, line)
	}
}

// describe renders a bundle as lines: text/plain alone is printed as is;
// every richer MIME type becomes a summary, saved to a file when s.dir is
// set.
func (s *termSink) describe(data kernel.MIMEBundle) []string {
	var rich []string
	for mime := range data {
		if mime != "text/plain" {
			rich = append(rich, mime)
		}
	}
	sort.Strings(rich)
	plain, _ := data["text/plain"].(string)
	if len(rich) == 0 {
		return []string{strings.TrimSuffix(plain, "\n")}
	}
	var lines []string
	for _, mime := range rich {
		b, err := mimeBytes(mime, data[mime])
		if err != nil {
			lines = append(lines, fmt.Sprintf("[%s: %v]", mime, err))
			continue
		}
		sum := summary(mime, b)
		if s.dir != "" {
			name, err := s.save(mime, b)
			if err != nil {
				sum += " not saved: " + err.Error()
			} else {
				sum += " saved to " + name
			}
		}
		lines = append(lines, "["+sum+"]")
	}
	return lines
}

// save writes one display output into s.dir.
func (s *termSink) save(mime string, b []byte) (string, error) {
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return "", err
	}
	s.saved++
	name := filepath.Join(s.dir, fmt.Sprintf("display-%03d%s", s.saved, extension(mime)))
	return name, os.WriteFile(name, b, 0o644)
}

// mimeBytes returns the file content of a bundle value: base64-decoded for
// binary types, JSON for JSON types, the text otherwise.
func mimeBytes(mime string, v any) ([]byte, error) {
	if str, ok := v.(string); ok {
		if binaryMIME(mime) {
			return base64.StdEncoding.DecodeString(strings.Join(strings.Fields(str), ""))
		}
		return []byte(str), nil
	}
	return json.Marshal(v)
}

func binaryMIME(mime string) bool {
	return strings.HasPrefix(mime, "image/") && mime != "image/svg+xml" || mime == "application/pdf"
}

// summary is "image/png 640x480" for images and "text/html 1.2 kB" for the
// rest.
func summary(mime string, b []byte) string {
	if binaryMIME(mime) {
		if cfg, _, err := image.DecodeConfig(bytes.NewReader(b)); err == nil {
			return fmt.Sprintf("%s %dx%d", mime, cfg.Width, cfg.Height)
		}
	}
	switch n := len(b); {
	case n < 1000:
		return fmt.Sprintf("%s %d B", mime, n)
	case n < 1000*1000:
		return fmt.Sprintf("%s %.1f kB", mime, float64(n)/1000)
	default:
		return fmt.Sprintf("%s %.1f MB", mime, float64(n)/1e6)
	}
}

func extension(mime string) string {
	switch mime {
	case "image/png":
		return ".png"
	case "image/jpeg":
		return ".jpg"
	case "image/gif":
		return ".gif"
	case "image/svg+xml":
		return ".svg"
	case "text/html":
		return ".html"
	case "text/markdown":
		return ".md"
	case "text/latex":
		return ".tex"
	case "application/pdf":
		return ".pdf"
	case "application/javascript":
		return ".js"
	}
	if mime == "application/json" || strings.HasSuffix(mime, "+json") {
		return ".json"
	}
	return ".txt"
}
