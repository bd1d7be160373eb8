package run

import (
	"bytes"
	"context"
	"encoding/base64"
	"image"
	"image/png"
	"strings"
	"sync"

	"github.com/gokernel/gokernel/kernel"
)

// fakeInterp runs a tiny line language so that tests can drive every
// Emitter call. Each line is "verb args":
//
//	print X | eprint X   stream X+"\n" to stdout | stderr
//	show ID WxH           display a WxH PNG ("-" for no display id)
//	html ID TEXT          display text/html with text/plain fallback
//	update ID TEXT        update_display_data with text/plain TEXT
//	clear | clearwait     clear_output(false | true)
//	result X              execute_result text/plain X
//	set K V | get K       state kept across cells; get prints V
//	input PROMPT          ask for input, print "got "+answer
//	fail X                fail the cell with evalue X
//	block                 wait until interrupted
//	gokernelProgramMain() print "main called"
//	func ... | } | //     ignored
type fakeInterp struct {
	mu    sync.Mutex
	state map[string]string
	codes []string
	reqs  []kernel.ExecuteRequest
}

func newFake() *fakeInterp { return &fakeInterp{state: map[string]string{}} }

func pngOf(w, h int) string {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		panic(err)
	}
	return base64.StdEncoding.EncodeToString(buf.Bytes())
}

func (f *fakeInterp) Execute(ctx context.Context, req kernel.ExecuteRequest, out kernel.Emitter) kernel.ExecuteResult {
	f.mu.Lock()
	f.codes = append(f.codes, req.Code)
	f.reqs = append(f.reqs, req)
	f.mu.Unlock()
	for n, line := range strings.Split(strings.TrimSpace(req.Code), "\n") {
		verb, rest, _ := strings.Cut(strings.TrimSpace(line), " ")
		if strings.HasPrefix(verb, "}") {
			verb = "}"
		}
		id, arg, _ := strings.Cut(rest, " ")
		if id == "-" {
			id = ""
		}
		switch verb {
		case "print":
			out.Stream("stdout", rest+"\n")
		case "eprint":
			out.Stream("stderr", rest+"\n")
		case "show":
			var w, h int
			for i, p := range strings.Split(arg, "x") {
				v := 0
				for _, c := range p {
					v = v*10 + int(c-'0')
				}
				if i == 0 {
					w = v
				} else {
					h = v
				}
			}
			out.Display(kernel.MIMEBundle{"image/png": pngOf(w, h), "text/plain": "<image>"},
				kernel.MIMEBundle{"image/png": map[string]any{"width": w, "height": h}}, id)
		case "html":
			out.Display(kernel.MIMEBundle{"text/html": "<b>" + arg + "</b>", "text/plain": arg}, nil, id)
		case "update":
			out.UpdateDisplay(kernel.MIMEBundle{"text/plain": arg}, nil, id)
		case "clear":
			out.ClearOutput(false)
		case "clearwait":
			out.ClearOutput(true)
		case "result":
			out.Result(kernel.MIMEBundle{"text/plain": rest}, nil)
		case "set":
			f.mu.Lock()
			f.state[id] = arg
			f.mu.Unlock()
		case "get":
			f.mu.Lock()
			v, ok := f.state[rest]
			f.mu.Unlock()
			if !ok {
				return fail("undefined: "+rest, n+1)
			}
			out.Stream("stdout", v+"\n")
		case "input":
			v, err := out.Input(rest, false)
			if err != nil {
				return fail("input: "+err.Error(), n+1)
			}
			out.Stream("stdout", "got "+v+"\n")
		case "fail":
			return fail(rest, n+1)
		case "block":
			<-ctx.Done()
			return fail("interrupted", n+1)
		case "", "func", "}", "//":
			// Go-looking lines are ignored, so program files can be fed.
		case MainName + "()":
			out.Stream("stdout", "main called\n")
		default:
			return fail("unknown verb "+verb, n+1)
		}
	}
	return kernel.ExecuteResult{}
}

func fail(msg string, line int) kernel.ExecuteResult {
	return kernel.ExecuteResult{Error: &kernel.Error{
		Name: "Error", Value: msg,
		Traceback: []string{"Error: " + msg, "  at cell line " + string(rune('0'+line))},
	}}
}

func (f *fakeInterp) Complete(string, int) kernel.Completion { return kernel.Completion{} }
func (f *fakeInterp) Inspect(string, int, int) kernel.Inspection {
	return kernel.Inspection{}
}
func (f *fakeInterp) IsComplete(string) kernel.Completeness {
	return kernel.Completeness{Status: "complete"}
}
func (f *fakeInterp) Info() kernel.Info {
	return kernel.Info{Implementation: "fake", Language: kernel.LanguageInfo{
		Name: "go", Version: "go1.x", MIMEType: "text/x-go", FileExtension: ".go"}}
}
func (f *fakeInterp) Shutdown(bool) {}
