package kernel

import "unicode/utf8"

// shellHandler returns the handler of a shell request type, nil if unknown.
func (k *Kernel) shellHandler(msgType string) func(*request) {
	switch msgType {
	case "execute_request":
		return k.execute
	case "kernel_info_request":
		return k.kernelInfo
	case "complete_request":
		return k.complete
	case "inspect_request":
		return k.inspect
	case "is_complete_request":
		return k.isComplete
	case "history_request":
		return k.historyRequest
	case "comm_info_request":
		return k.commInfo
	case "comm_open":
		return k.commOpen
	case "comm_msg", "comm_close":
		return func(*request) {}
	case "shutdown_request":
		return k.shutdown
	}
	return nil
}

// controlHandler returns the handler of a control request type, nil if
// unknown. Control never reaches the interpreter while a cell may run,
// except to cancel it.
func (k *Kernel) controlHandler(msgType string) func(*request) {
	switch msgType {
	case "kernel_info_request":
		return k.kernelInfo
	case "interrupt_request":
		return k.interrupt
	case "shutdown_request":
		return k.shutdown
	}
	return nil
}

func (k *Kernel) kernelInfo(r *request) {
	info := k.info
	links := make([]map[string]any, 0, len(info.HelpLinks))
	for _, l := range info.HelpLinks {
		links = append(links, map[string]any{"text": l.Text, "url": l.URL})
	}
	li := info.Language
	r.reply(map[string]any{
		"status":                 "ok",
		"protocol_version":       ProtocolVersion,
		"implementation":         info.Implementation,
		"implementation_version": info.ImplementationVersion,
		"banner":                 info.Banner,
		"help_links":             links,
		"debugger":               false,
		"language_info": map[string]any{
			"name":               li.Name,
			"version":            li.Version,
			"mimetype":           li.MIMEType,
			"file_extension":     li.FileExtension,
			"pygments_lexer":     li.PygmentsLexer,
			"codemirror_mode":    li.CodeMirrorMode,
			"nbconvert_exporter": li.NbconvertExporter,
		},
	})
}

func (k *Kernel) complete(r *request) {
	f := r.fields()
	code := f.str("code", "")
	c := k.in.Complete(code, f.cursor("cursor_pos", code))
	matches := c.Matches
	if matches == nil {
		matches = []string{}
	}
	md := c.Metadata
	if md == nil {
		md = map[string]any{}
	}
	n := utf8.RuneCountInString(code)
	r.reply(map[string]any{
		"status": "ok", "matches": matches,
		"cursor_start": min(max(c.CursorStart, 0), n), "cursor_end": min(max(c.CursorEnd, 0), n),
		"metadata": md,
	})
}

func (k *Kernel) inspect(r *request) {
	f := r.fields()
	code := f.str("code", "")
	level := 0
	if f.integer("detail_level", 0) > 0 {
		level = 1
	}
	in := k.in.Inspect(code, f.cursor("cursor_pos", code), level)
	md := in.Metadata
	if md == nil {
		md = map[string]any{}
	}
	r.reply(map[string]any{"status": "ok", "found": in.Found, "data": bundle(in.Data), "metadata": md})
}

func (k *Kernel) isComplete(r *request) {
	c := k.in.IsComplete(r.fields().str("code", ""))
	content := map[string]any{"status": c.Status}
	switch c.Status {
	case "complete", "invalid", "unknown":
	case "incomplete":
		content["indent"] = c.Indent
	default:
		content["status"] = "unknown"
	}
	r.reply(content)
}

func (k *Kernel) commInfo(r *request) {
	r.reply(map[string]any{"status": "ok", "comms": map[string]any{}})
}

// commOpen refuses every comm: the kernel has no comm targets, so it
// closes the comm at once, as the protocol asks for an unknown target.
func (k *Kernel) commOpen(r *request) {
	f := r.fields()
	k.log.Printf("kernel: no comm target %q; closing comm %q", f.str("target_name", ""), f.str("comm_id", ""))
	k.publish(r, "comm_close", map[string]any{"comm_id": f.str("comm_id", ""), "data": map[string]any{}})
}

func (k *Kernel) interrupt(r *request) {
	k.Interrupt()
	r.reply(map[string]any{"status": "ok"})
}

// shutdown replies, echoing restart, and asks Run to stop once this
// request's idle has been published.
func (k *Kernel) shutdown(r *request) {
	restart := r.fields().boolean("restart", false)
	r.reply(map[string]any{"status": "ok", "restart": restart})
	r.shutdown, r.restart = true, restart
}
