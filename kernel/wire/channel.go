package wire

// Channel names one of the Jupyter sockets a message travels on.
type Channel int

// The Jupyter channels. Shell, Control and Stdin are ROUTER sockets on the
// kernel side; IOPub is a PUB socket; Heartbeat only echoes raw bytes.
const (
	Shell Channel = iota
	Control
	Stdin
	IOPub
	Heartbeat
)

var channelNames = [...]string{"shell", "control", "stdin", "iopub", "hb"}

// String returns the channel's name as the connection file spells it
// without the "_port" suffix ("shell", "iopub", ...).
func (c Channel) String() string {
	if c < 0 || int(c) >= len(channelNames) {
		return "unknown"
	}
	return channelNames[c]
}
