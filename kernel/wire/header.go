package wire

import (
	"crypto/rand"
	"encoding/hex"
	"time"
)

// ProtocolVersion is the Jupyter messaging protocol version this kernel
// claims, in every header and in kernel_info_reply.
const ProtocolVersion = "5.3"

// DateFormat is the layout of a header's date: RFC 3339 in UTC with
// microseconds.
const DateFormat = "2006-01-02T15:04:05.000000Z"

// Header is a Jupyter message header. Keys it does not name are kept in
// Message.RawHeader when a message is decoded.
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// NewHeader returns a header for a new message of msgType in session, with
// a fresh msg_id, the current date and ProtocolVersion.
func NewHeader(msgType, session, username string) Header {
	return Header{
		MsgID:    NewID(),
		Session:  session,
		Username: username,
		Date:     time.Now().UTC().Format(DateFormat),
		MsgType:  msgType,
		Version:  ProtocolVersion,
	}
}

// NewID returns a random UUID (version 4) in its 36-character text form.
func NewID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("wire: crypto/rand failed: " + err.Error())
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}
