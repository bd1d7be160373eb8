package interp

import (
	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/stdlib/display"
)

// publisher forwards stdlib/display's calls to the emitter of the running
// cell (or, for a goroutine that outlives its cell, of the latest one),
// after handing over the text already written to stdout and stderr, so
// that output appears in the order it was made.
type publisher struct{ s *Session }

// Publish implements display.Publisher.
func (p publisher) Publish(b display.Bundle, id string, update bool) {
	c := p.s.latest()
	if c == nil {
		return
	}
	p.s.sync()
	md := b.Metadata
	if md == nil {
		md = map[string]any{}
	}
	if update {
		c.out.UpdateDisplay(kernel.MIMEBundle(b.Data), kernel.MIMEBundle(md), id)
		return
	}
	c.out.Display(kernel.MIMEBundle(b.Data), kernel.MIMEBundle(md), id)
}

// Clear implements display.Publisher.
func (p publisher) Clear(wait bool) {
	c := p.s.latest()
	if c == nil {
		return
	}
	p.s.sync()
	c.out.ClearOutput(wait)
}
