package kernel

import "context"

// Interpreter is the language side of the kernel: the one narrow seam between
// the Jupyter protocol and the language that runs the cells, in the spirit of
// xeus's xinterpreter. The kernel never parses source code; an Interpreter
// never sees a socket, a header or JSON.
//
// The kernel calls the methods of an Interpreter from one goroutine at a time,
// except that Execute may be running while the kernel answers other requests
// from the control channel; Complete, Inspect and IsComplete are never called
// while Execute runs.
type Interpreter interface {
	// Execute runs one cell. Interrupt is the cancellation of ctx; Execute
	// must return only once the cell has really stopped (or, for code that
	// cannot be stopped, report that in the returned error). Every output of
	// the cell goes through out, which is bound to this request.
	// Execute reports a failed cell through ExecuteResult.Error, never by
	// publishing an error itself.
	Execute(ctx context.Context, req ExecuteRequest, out Emitter) ExecuteResult

	// Complete returns completions for code at cursorPos, counted in Unicode
	// code points. CursorStart and CursorEnd are code points too.
	Complete(code string, cursorPos int) Completion

	// Inspect returns documentation for the name at cursorPos (code points).
	// detailLevel is 0 or 1.
	Inspect(code string, cursorPos int, detailLevel int) Inspection

	// IsComplete tells a console whether code can run as it is.
	IsComplete(code string) Completeness

	// Info describes the language and the implementation for kernel_info.
	Info() Info

	// Shutdown releases the interpreter. restart is what the client asked.
	Shutdown(restart bool)
}

// ExecuteRequest is what the language side needs to know of an
// execute_request.
type ExecuteRequest struct {
	Code string
	// Count is the execution counter of this cell (already incremented
	// when StoreHistory is true); error messages may name the cell with it.
	Count        int
	Silent       bool
	StoreHistory bool
	// AllowStdin says whether Emitter.Input may be called.
	AllowStdin bool
	// UserExpressions maps names to expressions to evaluate after the code.
	UserExpressions map[string]string
}

// ExecuteResult is the outcome of a cell.
type ExecuteResult struct {
	// Error is nil when the cell ran to its end.
	Error *Error
	// UserExpressions holds, for each requested name, either a MIME bundle
	// result ({"status":"ok","data":...,"metadata":...}) or an error
	// ({"status":"error","ename":...,"evalue":...,"traceback":[...]}).
	UserExpressions map[string]any
}

// Error is a failed cell: the ename, evalue and traceback of the protocol.
type Error struct {
	Name      string
	Value     string
	Traceback []string
}

func (e *Error) Error() string { return e.Name + ": " + e.Value }

// MIMEBundle maps MIME types to values: strings for text and base64 for
// binary types, or JSON-able values for application/json.
type MIMEBundle map[string]any

// Emitter is the output side of one request. Every message it sends is a
// child of that request. Its methods are safe for concurrent use.
type Emitter interface {
	// Stream writes text to "stdout" or "stderr". The kernel batches stream
	// text and flushes it before any other output and before the reply.
	Stream(name, text string)
	// Display publishes display_data; with a non-empty displayID the output
	// can later be replaced by UpdateDisplay.
	Display(data, metadata MIMEBundle, displayID string)
	// UpdateDisplay publishes update_display_data for displayID.
	UpdateDisplay(data, metadata MIMEBundle, displayID string)
	// ClearOutput publishes clear_output.
	ClearOutput(wait bool)
	// Result publishes execute_result with the cell's counter. data must
	// hold text/plain.
	Result(data, metadata MIMEBundle)
	// Input asks the front end for a line of input (input_request on stdin)
	// and waits for the answer. It fails at once when the request did not
	// allow stdin, and returns when ctx of the Execute call is cancelled.
	Input(prompt string, password bool) (string, error)
}

// Completion is the content of a complete_reply.
type Completion struct {
	Matches     []string
	CursorStart int
	CursorEnd   int
	Metadata    map[string]any
}

// Inspection is the content of an inspect_reply.
type Inspection struct {
	Found    bool
	Data     MIMEBundle
	Metadata map[string]any
}

// Completeness is the content of an is_complete_reply: Status is
// "complete", "incomplete", "invalid" or "unknown"; Indent is used only when
// incomplete.
type Completeness struct {
	Status string
	Indent string
}

// Info describes the implementation and its language for kernel_info_reply.
type Info struct {
	Implementation        string
	ImplementationVersion string
	Banner                string
	HelpLinks             []HelpLink
	Language              LanguageInfo
}

// HelpLink is one entry of kernel_info's help_links.
type HelpLink struct {
	Text string
	URL  string
}

// LanguageInfo is kernel_info's language_info.
type LanguageInfo struct {
	Name              string
	Version           string
	MIMEType          string
	FileExtension     string
	PygmentsLexer     string
	CodeMirrorMode    string
	NbconvertExporter string
}
