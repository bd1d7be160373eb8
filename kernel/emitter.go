package kernel

import (
	"context"
	"errors"
	"sync"
	"time"
	"unicode/utf8"
)

// ErrStdinNotAllowed is returned by Emitter.Input when the execute_request
// did not allow stdin.
var ErrStdinNotAllowed = errors.New("kernel: stdin is not allowed for this request")

// emitter is the Emitter of one execute_request. Stream text is batched;
// any other output first flushes it, so order is kept. With silent set it
// publishes nothing.
type emitter struct {
	r          *request
	ctx        context.Context
	count      int
	silent     bool
	allowStdin bool
	interval   time.Duration
	maxBytes   int

	mu         sync.Mutex
	name       string
	buf        []byte
	timer      *time.Timer
	resultText *string
}

func newEmitter(ctx context.Context, r *request, count int, silent, allowStdin bool) *emitter {
	return &emitter{
		r: r, ctx: ctx, count: count, silent: silent, allowStdin: allowStdin,
		interval: r.k.opts.StreamFlushInterval, maxBytes: r.k.opts.StreamFlushBytes,
	}
}

// Stream implements Emitter.
func (e *emitter) Stream(name, text string) {
	if e.silent || text == "" {
		return
	}
	if name != "stderr" {
		name = "stdout"
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if name != e.name && len(e.buf) > 0 {
		e.flushLocked(true)
	}
	e.name = name
	e.buf = append(e.buf, text...)
	if len(e.buf) >= e.maxBytes {
		e.flushLocked(false)
	}
	if len(e.buf) > 0 && e.timer == nil {
		e.timer = time.AfterFunc(e.interval, e.timerFlush)
	}
}

func (e *emitter) timerFlush() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.timer = nil
	e.flushLocked(false)
	if len(e.buf) > 0 {
		// Only an incomplete UTF-8 sequence is left: give it one more
		// interval, then the next flush sends it whole or as it is.
		e.timer = time.AfterFunc(e.interval, func() {
			e.mu.Lock()
			defer e.mu.Unlock()
			e.timer = nil
			e.flushLocked(true)
		})
	}
}

// flushLocked publishes the pending stream text. Unless all is set, an
// incomplete UTF-8 sequence at the end is kept for the next write.
func (e *emitter) flushLocked(all bool) {
	if all && e.timer != nil {
		e.timer.Stop()
		e.timer = nil
	}
	n := len(e.buf)
	if !all {
		n = completeUTF8(e.buf)
	}
	if n == 0 {
		return
	}
	e.r.k.publish(e.r, "stream", map[string]any{"name": e.name, "text": string(e.buf[:n])})
	rest := copy(e.buf, e.buf[n:])
	e.buf = e.buf[:rest]
	if cap(e.buf) > 4*e.maxBytes {
		e.buf = append([]byte(nil), e.buf...)
	}
}

// completeUTF8 returns the length of b without a trailing incomplete UTF-8
// sequence.
func completeUTF8(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return i
			}
			break
		}
	}
	return len(b)
}

// flush publishes all pending stream text.
func (e *emitter) flush() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.flushLocked(true)
}

// publishAfterFlush flushes streams and publishes one more output, under
// the lock so that order is kept.
func (e *emitter) publishAfterFlush(msgType string, content map[string]any) {
	if e.silent {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.flushLocked(true)
	e.r.k.publish(e.r, msgType, content)
}

func bundle(b MIMEBundle) MIMEBundle {
	if b == nil {
		return MIMEBundle{}
	}
	return b
}

func transient(displayID string) map[string]any {
	if displayID == "" {
		return map[string]any{}
	}
	return map[string]any{"display_id": displayID}
}

// Display implements Emitter.
func (e *emitter) Display(data, metadata MIMEBundle, displayID string) {
	e.publishAfterFlush("display_data", map[string]any{
		"data": bundle(data), "metadata": bundle(metadata), "transient": transient(displayID)})
}

// UpdateDisplay implements Emitter.
func (e *emitter) UpdateDisplay(data, metadata MIMEBundle, displayID string) {
	if displayID == "" {
		e.r.k.log.Printf("kernel: update_display_data without a display id dropped")
		return
	}
	e.publishAfterFlush("update_display_data", map[string]any{
		"data": bundle(data), "metadata": bundle(metadata), "transient": transient(displayID)})
}

// ClearOutput implements Emitter.
func (e *emitter) ClearOutput(wait bool) {
	e.publishAfterFlush("clear_output", map[string]any{"wait": wait})
}

// Result implements Emitter.
func (e *emitter) Result(data, metadata MIMEBundle) {
	data = bundle(data)
	if _, ok := data["text/plain"]; !ok {
		data["text/plain"] = ""
	}
	if s, ok := data["text/plain"].(string); ok {
		e.mu.Lock()
		e.resultText = &s
		e.mu.Unlock()
	}
	e.publishAfterFlush("execute_result", map[string]any{
		"execution_count": e.count, "data": data, "metadata": bundle(metadata)})
}

// Input implements Emitter.
func (e *emitter) Input(prompt string, password bool) (string, error) {
	if !e.allowStdin {
		return "", ErrStdinNotAllowed
	}
	e.flush()
	return e.r.k.stdin.ask(e.ctx, e.r, prompt, password)
}

// result returns the text/plain of the cell's execute_result, if any.
func (e *emitter) result() *string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.resultText
}
