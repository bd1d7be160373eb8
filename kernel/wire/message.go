package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Delimiter separates the routing identities from the message proper.
const Delimiter = "<IDS|MSG>"

// Errors returned by Decode. A message that fails to decode must be dropped.
var (
	ErrNoDelimiter        = errors.New("wire: no <IDS|MSG> delimiter")
	ErrTooFewFrames       = errors.New("wire: fewer than 5 frames after the delimiter")
	ErrUnsigned           = errors.New("wire: unsigned message")
	ErrBadSignature       = errors.New("wire: invalid signature")
	ErrDuplicateSignature = errors.New("wire: duplicate signature")
	ErrNoMsgType          = errors.New("wire: header has no msg_type")
)

// Message is one Jupyter message.
//
// For a decoded message, RawHeader holds the header frame exactly as
// received and is what replies copy into their parent_header. For a message
// to encode, Header is serialized and RawHeader is ignored. A nil
// ParentHeader, Metadata or Content is written as {}.
type Message struct {
	Identities   [][]byte
	Header       Header
	RawHeader    json.RawMessage
	ParentHeader json.RawMessage
	Metadata     json.RawMessage
	Content      json.RawMessage
	Buffers      [][]byte
}

var emptyObject = json.RawMessage("{}")

// object checks that b is a JSON object; JSON null (or nothing) reads as {}.
func object(name string, b []byte) (json.RawMessage, error) {
	t := bytes.TrimSpace(b)
	if len(t) == 0 || bytes.Equal(t, []byte("null")) {
		return emptyObject, nil
	}
	if t[0] != '{' || !json.Valid(t) {
		return nil, fmt.Errorf("wire: %s is not a JSON object", name)
	}
	return json.RawMessage(b), nil
}

// Decode parses a multipart message as received on a ROUTER socket
// (identities first) and verifies its signature with s. It never panics;
// any error means the message must be dropped.
func Decode(frames [][]byte, s *Signer) (*Message, error) {
	delim := -1
	for i, f := range frames {
		if string(f) == Delimiter {
			delim = i
			break
		}
	}
	if delim < 0 {
		return nil, ErrNoDelimiter
	}
	rest := frames[delim+1:]
	if len(rest) < 5 {
		return nil, ErrTooFewFrames
	}
	sig, h, p, md, c := rest[0], rest[1], rest[2], rest[3], rest[4]
	if err := s.Verify(sig, h, p, md, c); err != nil {
		return nil, err
	}
	m := &Message{}
	var err error
	if m.RawHeader, err = object("header", h); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(m.RawHeader, &m.Header); err != nil {
		return nil, fmt.Errorf("wire: header: %w", err)
	}
	if m.Header.MsgType == "" {
		return nil, ErrNoMsgType
	}
	if m.ParentHeader, err = object("parent_header", p); err != nil {
		return nil, err
	}
	if m.Metadata, err = object("metadata", md); err != nil {
		return nil, err
	}
	if m.Content, err = object("content", c); err != nil {
		return nil, err
	}
	m.Identities = cloneFrames(frames[:delim])
	if len(rest) > 5 {
		m.Buffers = cloneFrames(rest[5:])
	}
	return m, nil
}

func cloneFrames(fs [][]byte) [][]byte {
	out := make([][]byte, len(fs))
	for i, f := range fs {
		out[i] = bytes.Clone(f)
	}
	return out
}

// Encode serializes m into frames ready for a socket: identities, the
// delimiter, the signature, header, parent_header, metadata, content and
// buffers. It fails if ParentHeader, Metadata or Content is not a JSON
// object.
func Encode(m *Message, s *Signer) ([][]byte, error) {
	h, err := json.Marshal(m.Header)
	if err != nil {
		return nil, fmt.Errorf("wire: header: %w", err)
	}
	p, err := object("parent_header", m.ParentHeader)
	if err != nil {
		return nil, err
	}
	md, err := object("metadata", m.Metadata)
	if err != nil {
		return nil, err
	}
	c, err := object("content", m.Content)
	if err != nil {
		return nil, err
	}
	frames := make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, []byte(Delimiter), []byte(s.Sign(h, p, md, c)), h, p, md, c)
	frames = append(frames, m.Buffers...)
	return frames, nil
}
