package wire

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"sync"
)

// Signer computes and checks the HMAC signature of messages. A Signer with
// an empty key signs nothing and accepts every signature. Its methods are
// safe for concurrent use.
type Signer struct {
	key []byte

	mu      sync.Mutex
	seen    map[string]struct{}
	order   []string
	next    int
	history int
}

// DefaultDigestHistory is how many recent signatures a Signer remembers to
// reject replayed messages, as jupyter_client's Session does.
const DefaultDigestHistory = 1 << 16

// NewSigner returns a Signer for scheme (only "hmac-sha256" is supported)
// and key. An empty key disables signing.
func NewSigner(scheme, key string) (*Signer, error) {
	if scheme != "hmac-sha256" && scheme != "" {
		return nil, fmt.Errorf("wire: unsupported signature scheme %q", scheme)
	}
	return &Signer{key: []byte(key), seen: make(map[string]struct{}), history: DefaultDigestHistory}, nil
}

// Enabled reports whether the Signer has a key.
func (s *Signer) Enabled() bool { return len(s.key) > 0 }

func (s *Signer) mac(header, parent, metadata, content []byte) hash.Hash {
	m := hmac.New(sha256.New, s.key)
	m.Write(header)
	m.Write(parent)
	m.Write(metadata)
	m.Write(content)
	return m
}

// Sign returns the hex HMAC-SHA256 of the four serialized frames, or ""
// when signing is disabled.
func (s *Signer) Sign(header, parent, metadata, content []byte) string {
	if !s.Enabled() {
		return ""
	}
	return hex.EncodeToString(s.mac(header, parent, metadata, content).Sum(nil))
}

// Verify checks sig (hex) against the four frames with hmac.Equal and
// rejects a signature seen before. It returns nil when signing is disabled.
func (s *Signer) Verify(sig, header, parent, metadata, content []byte) error {
	if !s.Enabled() {
		return nil
	}
	if len(sig) == 0 {
		return ErrUnsigned
	}
	got := make([]byte, hex.DecodedLen(len(sig)))
	if _, err := hex.Decode(got, sig); err != nil {
		return ErrBadSignature
	}
	want := s.mac(header, parent, metadata, content).Sum(nil)
	if !hmac.Equal(got, want) {
		return ErrBadSignature
	}
	return s.remember(string(want))
}

// remember records a verified digest and fails on a replay.
func (s *Signer) remember(d string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.seen[d]; dup {
		return ErrDuplicateSignature
	}
	if len(s.order) < s.history {
		s.order = append(s.order, d)
	} else {
		delete(s.seen, s.order[s.next])
		s.order[s.next] = d
		s.next = (s.next + 1) % s.history
	}
	s.seen[d] = struct{}{}
	return nil
}
