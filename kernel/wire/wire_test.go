package wire

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// pyFrames is a message serialized by jupyter_client 7.4.9's Session
// (key "7c3e0f4a-key", hmac-sha256) with the identity "client-id".
var pyFrames = [][]byte{
	[]byte("client-id"),
	[]byte("<IDS|MSG>"),
	[]byte("dff10ad5b8bfe8b81edf3462141fcf39326975b3041cf67011ed4dd224745918"),
	[]byte(`{"msg_id": "m-1", "session": "client-sess", "username": "alice", "date": "2026-01-02T03:04:05.123456Z", "msg_type": "execute_request", "version": "5.3", "subshell_id": null}`),
	[]byte(`{}`),
	[]byte(`{}`),
	[]byte("{\"code\": \"print(\\\"h\xc3\xa9llo\\\")\", \"silent\": false}"),
}

func TestSignMatchesJupyterClient(t *testing.T) {
	// Session(key=b'secret-key').sign([...]) in jupyter_client 7.4.9.
	s, _ := NewSigner("hmac-sha256", "secret-key")
	got := s.Sign([]byte(`{"msg_id":"a"}`), []byte(`{}`), []byte(`{}`), []byte(`{"code":"1+1"}`))
	if want := "712005a3ddfac00ddc4b5e88335391b3a6ee2873954746371defcd8f11725fad"; got != want {
		t.Fatalf("Sign = %s, want %s", got, want)
	}
	// Independently with crypto/hmac.
	m := hmac.New(sha256.New, []byte("secret-key"))
	m.Write([]byte(`{"msg_id":"a"}{}{}{"code":"1+1"}`))
	if want := hex.EncodeToString(m.Sum(nil)); got != want {
		t.Fatalf("Sign = %s, crypto/hmac gives %s", got, want)
	}
}

func TestDecodeJupyterClientMessage(t *testing.T) {
	s, _ := NewSigner("hmac-sha256", "7c3e0f4a-key")
	m, err := Decode(pyFrames, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Identities) != 1 || string(m.Identities[0]) != "client-id" {
		t.Errorf("identities = %q", m.Identities)
	}
	h := m.Header
	if h.MsgID != "m-1" || h.MsgType != "execute_request" || h.Session != "client-sess" || h.Username != "alice" || h.Version != "5.3" {
		t.Errorf("header = %+v", h)
	}
	if !strings.Contains(string(m.RawHeader), `"subshell_id": null`) {
		t.Errorf("raw header lost unknown key: %s", m.RawHeader)
	}
	var c struct{ Code string }
	if err := json.Unmarshal(m.Content, &c); err != nil || c.Code != `print("héllo")` {
		t.Errorf("content code = %q, %v", c.Code, err)
	}
	// The same frames a second time are a replay.
	if _, err := Decode(pyFrames, s); !errors.Is(err, ErrDuplicateSignature) {
		t.Errorf("replay: err = %v, want ErrDuplicateSignature", err)
	}
}

func TestDecodeRejects(t *testing.T) {
	good := func() [][]byte {
		fs := make([][]byte, len(pyFrames))
		copy(fs, pyFrames)
		return fs
	}
	cases := map[string]struct {
		frames func() [][]byte
		key    string
		want   error
	}{
		"forged": {func() [][]byte {
			fs := good()
			fs[2] = []byte(strings.Repeat("0", 64))
			return fs
		}, "7c3e0f4a-key", ErrBadSignature},
		"wrong key":    {good, "other", ErrBadSignature},
		"not hex":      {func() [][]byte { fs := good(); fs[2] = []byte("zz"); return fs }, "7c3e0f4a-key", ErrBadSignature},
		"unsigned":     {func() [][]byte { fs := good(); fs[2] = nil; return fs }, "7c3e0f4a-key", ErrUnsigned},
		"tampered":     {func() [][]byte { fs := good(); fs[6] = []byte(`{"code":"rm -rf"}`); return fs }, "7c3e0f4a-key", ErrBadSignature},
		"no delimiter": {func() [][]byte { fs := good(); fs[1] = []byte("<IDS>"); return fs }, "7c3e0f4a-key", ErrNoDelimiter},
		"short":        {func() [][]byte { return good()[:5] }, "7c3e0f4a-key", ErrTooFewFrames},
		"empty":        {func() [][]byte { return nil }, "", ErrNoDelimiter},
		"no msg_type":  {func() [][]byte { return sign("", `{"msg_id":"x"}`, `{}`, `{}`, `{}`) }, "", ErrNoMsgType},
	}
	for name, c := range cases {
		s, _ := NewSigner("hmac-sha256", c.key)
		_, err := Decode(c.frames(), s)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", name, err, c.want)
		}
	}
	for _, bad := range [][4]string{
		{`[]`, `{}`, `{}`, `{}`},
		{`{"msg_type":"a"}`, `"x"`, `{}`, `{}`},
		{`{"msg_type":"a"}`, `{}`, `[1]`, `{}`},
		{`{"msg_type":"a"}`, `{}`, `{}`, `{"code":`},
		{`{"msg_type":7}`, `{}`, `{}`, `{}`},
	} {
		s, _ := NewSigner("hmac-sha256", "")
		if _, err := Decode(sign("", bad[0], bad[1], bad[2], bad[3]), s); err == nil {
			t.Errorf("Decode(%q) succeeded", bad)
		}
	}
}

// sign frames a message with key as an independent client would.
func sign(key string, h, p, md, c string) [][]byte {
	sig := ""
	if key != "" {
		m := hmac.New(sha256.New, []byte(key))
		m.Write([]byte(h + p + md + c))
		sig = hex.EncodeToString(m.Sum(nil))
	}
	return [][]byte{[]byte("id"), []byte(Delimiter), []byte(sig), []byte(h), []byte(p), []byte(md), []byte(c)}
}

func TestNullObjectsReadAsEmpty(t *testing.T) {
	s, _ := NewSigner("hmac-sha256", "k")
	m, err := Decode(sign("k", `{"msg_type":"kernel_info_request"}`, `null`, `null`, `null`), s)
	if err != nil {
		t.Fatal(err)
	}
	if string(m.ParentHeader) != "{}" || string(m.Metadata) != "{}" || string(m.Content) != "{}" {
		t.Errorf("got %s %s %s", m.ParentHeader, m.Metadata, m.Content)
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	s, _ := NewSigner("hmac-sha256", "round")
	out := &Message{
		Identities:   [][]byte{[]byte("a"), []byte("b")},
		Header:       NewHeader("stream", "sess", "kernel"),
		ParentHeader: json.RawMessage(`{"msg_id":"p","x-extra":[1,2]}`),
		Content:      json.RawMessage(`{"name":"stdout","text":"hi\n"}`),
		Buffers:      [][]byte{{0, 1, 2}},
	}
	frames, err := Encode(out, s)
	if err != nil {
		t.Fatal(err)
	}
	if string(frames[2]) != Delimiter || string(frames[5]) != string(out.ParentHeader) || string(frames[6]) != "{}" {
		t.Fatalf("frames = %q", frames)
	}
	in, err := Decode(frames, s)
	if err != nil {
		t.Fatal(err)
	}
	if in.Header != out.Header || string(in.Content) != string(out.Content) || len(in.Buffers) != 1 || in.Buffers[0][2] != 2 {
		t.Errorf("round trip: %+v", in)
	}
	if len(in.Identities) != 2 || string(in.Identities[1]) != "b" {
		t.Errorf("identities %q", in.Identities)
	}
	if _, err := Encode(&Message{Content: json.RawMessage(`[1]`)}, s); err == nil {
		t.Error("Encode accepted an array content")
	}
}

func TestHeaderFields(t *testing.T) {
	h := NewHeader("status", "s", "u")
	if h.Version != "5.3" {
		t.Errorf("version %q", h.Version)
	}
	if !regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$`).MatchString(h.Date) {
		t.Errorf("date %q lacks microseconds", h.Date)
	}
	if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(h.MsgID) {
		t.Errorf("msg_id %q is not a UUID4", h.MsgID)
	}
	if h2 := NewHeader("status", "s", "u"); h2.MsgID == h.MsgID {
		t.Error("msg_id repeated")
	}
}

func TestEmptyKeyNoSigning(t *testing.T) {
	s, _ := NewSigner("hmac-sha256", "")
	frames, _ := Encode(&Message{Header: NewHeader("x", "s", "u")}, s)
	if len(frames[1]) != 0 {
		t.Errorf("signature %q with empty key", frames[1])
	}
	frames[1] = []byte("anything")
	if _, err := Decode(frames, s); err != nil {
		t.Errorf("empty key rejected: %v", err)
	}
	if _, err := NewSigner("hmac-md5", "k"); err == nil {
		t.Error("hmac-md5 accepted")
	}
}

func TestDigestHistoryEvicts(t *testing.T) {
	s, _ := NewSigner("hmac-sha256", "k")
	s.history = 2
	msgs := [][][]byte{}
	for _, id := range []string{"1", "2", "3"} {
		msgs = append(msgs, sign("k", `{"msg_type":"a","msg_id":"`+id+`"}`, `{}`, `{}`, `{}`))
	}
	for _, m := range msgs {
		if _, err := Decode(m, s); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Decode(msgs[0], s); err != nil {
		t.Errorf("evicted digest still rejected: %v", err)
	}
	if _, err := Decode(msgs[2], s); !errors.Is(err, ErrDuplicateSignature) {
		t.Errorf("recent replay: %v", err)
	}
}

func TestConnectionFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "kernel-1.json")
	os.WriteFile(p, []byte(`{"transport":"ipc","ip":"/tmp/k","shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"signature_scheme":"hmac-sha256","key":"abc","kernel_name":"go"}`), 0o600)
	ci, err := ReadConnectionFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if got := ci.Endpoint(Control); got != "ipc:///tmp/k-4" {
		t.Errorf("ipc endpoint %q", got)
	}
	ci.Transport = "tcp"
	ci.IP = "127.0.0.1"
	if got := ci.Endpoint(Heartbeat); got != "tcp://127.0.0.1:5" {
		t.Errorf("tcp endpoint %q", got)
	}
	ci.IP = "*"
	if got := ci.Endpoint(IOPub); got != "tcp://0.0.0.0:2" {
		t.Errorf("wildcard endpoint %q", got)
	}
	ci.IP = "::1"
	if got := ci.Endpoint(Shell); got != "tcp://[::1]:1" {
		t.Errorf("ipv6 endpoint %q", got)
	}
	for _, bad := range []string{`{`, `{"ip":"x","transport":"udp"}`, `{"transport":"tcp"}`, `{"ip":"x","signature_scheme":"hmac-sha1"}`, `{"ip":"x","shell_port":70000}`} {
		if _, err := ParseConnectionInfo([]byte(bad)); err == nil {
			t.Errorf("accepted %s", bad)
		}
	}
	if _, err := ReadConnectionFile(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing file accepted")
	}
}
