package wire

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
)

// ConnectionInfo is the content of a Jupyter connection file: where the
// kernel binds its five sockets and how it signs messages.
type ConnectionInfo struct {
	Transport       string `json:"transport"`
	IP              string `json:"ip"`
	ShellPort       int    `json:"shell_port"`
	IOPubPort       int    `json:"iopub_port"`
	StdinPort       int    `json:"stdin_port"`
	ControlPort     int    `json:"control_port"`
	HBPort          int    `json:"hb_port"`
	SignatureScheme string `json:"signature_scheme"`
	Key             string `json:"key"`
	KernelName      string `json:"kernel_name,omitempty"`
}

// ReadConnectionFile reads and checks the connection file at path.
func ReadConnectionFile(path string) (ConnectionInfo, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return ConnectionInfo{}, fmt.Errorf("wire: reading connection file: %w", err)
	}
	return ParseConnectionInfo(b)
}

// ParseConnectionInfo decodes a connection file's JSON and checks it:
// transport "tcp" (the default) or "ipc", an IP or ipc path prefix, ports
// in range and a signature scheme this package can verify.
func ParseConnectionInfo(b []byte) (ConnectionInfo, error) {
	var ci ConnectionInfo
	if err := json.Unmarshal(b, &ci); err != nil {
		return ConnectionInfo{}, fmt.Errorf("wire: decoding connection file: %w", err)
	}
	if ci.Transport == "" {
		ci.Transport = "tcp"
	}
	if ci.Transport != "tcp" && ci.Transport != "ipc" {
		return ConnectionInfo{}, fmt.Errorf("wire: unsupported transport %q", ci.Transport)
	}
	if ci.IP == "" {
		return ConnectionInfo{}, errors.New("wire: connection file has no ip")
	}
	for _, p := range []int{ci.ShellPort, ci.IOPubPort, ci.StdinPort, ci.ControlPort, ci.HBPort} {
		if p < 0 || p > 65535 {
			return ConnectionInfo{}, fmt.Errorf("wire: port %d out of range", p)
		}
	}
	if ci.SignatureScheme == "" {
		ci.SignatureScheme = "hmac-sha256"
	}
	if _, err := NewSigner(ci.SignatureScheme, ci.Key); err != nil {
		return ConnectionInfo{}, err
	}
	return ci, nil
}

// Port returns the port of channel ch.
func (ci ConnectionInfo) Port(ch Channel) int {
	switch ch {
	case Shell:
		return ci.ShellPort
	case Control:
		return ci.ControlPort
	case Stdin:
		return ci.StdinPort
	case IOPub:
		return ci.IOPubPort
	case Heartbeat:
		return ci.HBPort
	}
	return 0
}

// Endpoint returns the ZeroMQ endpoint of channel ch: "tcp://ip:port" or,
// for the ipc transport, "ipc://ip-port" as jupyter_client names it.
func (ci ConnectionInfo) Endpoint(ch Channel) string {
	if ci.Transport == "ipc" {
		return fmt.Sprintf("ipc://%s-%d", ci.IP, ci.Port(ch))
	}
	ip := ci.IP
	if ip == "*" {
		ip = "0.0.0.0"
	}
	if strings.Contains(ip, ":") && !strings.HasPrefix(ip, "[") {
		ip = "[" + ip + "]"
	}
	return fmt.Sprintf("tcp://%s:%d", ip, ci.Port(ch))
}
