package wire

import (
	"bytes"
	"testing"
)

// FuzzDecode checks that Decode never panics and that whatever it accepts
// survives an Encode/Decode round trip. Frames are joined by 0xFF.
func FuzzDecode(f *testing.F) {
	f.Add(bytes.Join(pyFrames, []byte{0xff}), "7c3e0f4a-key")
	f.Add(bytes.Join(sign("", `{"msg_type":"a"}`, `null`, `{}`, `{}`), []byte{0xff}), "")
	f.Add([]byte("<IDS|MSG>\xff\xff{\xff}\xff{}\xff{}"), "")
	f.Add([]byte("\xff\xff<IDS|MSG>"), "k")
	f.Add([]byte(""), "")
	f.Fuzz(func(t *testing.T, data []byte, key string) {
		s, _ := NewSigner("hmac-sha256", key)
		m, err := Decode(bytes.Split(data, []byte{0xff}), s)
		if err != nil {
			return
		}
		frames, err := Encode(m, s)
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		s2, _ := NewSigner("hmac-sha256", key)
		m2, err := Decode(frames, s2)
		if err != nil {
			t.Fatalf("decode of re-encoded: %v", err)
		}
		if m2.Header.MsgType != m.Header.MsgType {
			t.Fatalf("msg_type %q != %q", m2.Header.MsgType, m.Header.MsgType)
		}
	})
}
