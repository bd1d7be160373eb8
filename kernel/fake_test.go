package kernel_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/gokernel/gokernel/kernel"
)

// fake is a test Interpreter. Each line of a cell is a command:
//
//	print:T  eprint:T  display:ID  update:ID  clear  result:T  fail:NAME
//	spam:N   block     input:PROMPT  later:T  panic
type fake struct {
	mu        sync.Mutex
	reqs      []kernel.ExecuteRequest
	release   chan struct{} // closed or sent to by tests to end "block"
	started   chan struct{} // receives when a "block" starts
	shutdowns []bool
	complete  kernel.Completion
	lastPos   int
}

func newFake() *fake {
	return &fake{release: make(chan struct{}, 16), started: make(chan struct{}, 16)}
}

func (f *fake) Execute(ctx context.Context, req kernel.ExecuteRequest, out kernel.Emitter) kernel.ExecuteResult {
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	f.mu.Unlock()
	res := kernel.ExecuteResult{}
	if len(req.UserExpressions) > 0 {
		res.UserExpressions = map[string]any{}
		for k, v := range req.UserExpressions {
			res.UserExpressions[k] = map[string]any{"status": "ok", "data": map[string]any{"text/plain": "<" + v + ">"}, "metadata": map[string]any{}}
		}
	}
	for _, line := range strings.Split(req.Code, "\n") {
		cmd, arg, _ := strings.Cut(line, ":")
		switch cmd {
		case "print":
			out.Stream("stdout", arg)
		case "eprint":
			out.Stream("stderr", arg)
		case "display":
			out.Display(kernel.MIMEBundle{"text/plain": "shown " + arg}, nil, arg)
		case "update":
			out.UpdateDisplay(kernel.MIMEBundle{"text/plain": "updated " + arg}, nil, arg)
		case "clear":
			out.ClearOutput(true)
		case "result":
			out.Result(kernel.MIMEBundle{"text/plain": arg}, nil)
		case "fail":
			res.Error = &kernel.Error{Name: arg, Value: "it failed", Traceback: []string{"line 1", "line 2"}}
			return res
		case "spam":
			n, _ := strconv.Atoi(arg)
			for i := range n {
				out.Stream("stdout", fmt.Sprintf("line %d\n", i))
			}
		case "block":
			f.started <- struct{}{}
			select {
			case <-ctx.Done():
				res.Error = &kernel.Error{Name: "Interrupted", Value: ctx.Err().Error()}
				return res
			case <-f.release:
			}
		case "input":
			v, err := out.Input(arg, false)
			if err != nil {
				out.Stream("stderr", "input error: "+err.Error())
				if ctx.Err() != nil {
					res.Error = &kernel.Error{Name: "Interrupted", Value: err.Error()}
					return res
				}
				continue
			}
			out.Stream("stdout", "got "+v)
		case "later":
			go func() {
				<-f.release
				out.Stream("stdout", arg)
			}()
		case "panic":
			panic("boom")
		}
	}
	return res
}

func (f *fake) Complete(code string, cursorPos int) kernel.Completion {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lastPos = cursorPos
	return f.complete
}

func (f *fake) Inspect(code string, cursorPos, detailLevel int) kernel.Inspection {
	if strings.Contains(code, "known") {
		return kernel.Inspection{Found: true, Data: kernel.MIMEBundle{"text/plain": fmt.Sprintf("doc at %d level %d", cursorPos, detailLevel)}}
	}
	return kernel.Inspection{}
}

func (f *fake) IsComplete(code string) kernel.Completeness {
	switch {
	case strings.HasSuffix(code, "{"):
		return kernel.Completeness{Status: "incomplete", Indent: "\t"}
	case strings.HasSuffix(code, "}}"):
		return kernel.Completeness{Status: "invalid", Indent: "ignored"}
	case code == "?":
		return kernel.Completeness{Status: "weird"}
	}
	return kernel.Completeness{Status: "complete", Indent: "ignored"}
}

func (f *fake) Info() kernel.Info {
	return kernel.Info{
		Implementation: "fake", ImplementationVersion: "0.1", Banner: "Fake",
		HelpLinks: []kernel.HelpLink{{Text: "Go", URL: "https://go.dev"}},
		Language:  kernel.LanguageInfo{Name: "go", Version: "1.26", MIMEType: "text/x-go", FileExtension: ".go", PygmentsLexer: "go", CodeMirrorMode: "go", NbconvertExporter: "script"},
	}
}

func (f *fake) Shutdown(restart bool) {
	f.mu.Lock()
	f.shutdowns = append(f.shutdowns, restart)
	f.mu.Unlock()
}

func (f *fake) requests() []kernel.ExecuteRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]kernel.ExecuteRequest(nil), f.reqs...)
}
