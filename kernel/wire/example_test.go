package wire_test

import (
	"encoding/json"
	"fmt"

	"github.com/gokernel/gokernel/kernel/wire"
)

func Example() {
	s, _ := wire.NewSigner("hmac-sha256", "secret-key")
	req := &wire.Message{
		Identities: [][]byte{[]byte("client")},
		Header:     wire.NewHeader("kernel_info_request", "client-session", "me"),
	}
	frames, _ := wire.Encode(req, s)
	fmt.Println(len(frames), string(frames[1]), len(frames[2]))

	got, err := wire.Decode(frames, s)
	fmt.Println(got.Header.MsgType, string(got.Identities[0]), err)

	frames[5] = json.RawMessage(`{"forged":true}`)
	_, err = wire.Decode(frames, s)
	fmt.Println(err)
	// Output:
	// 7 <IDS|MSG> 64
	// kernel_info_request client <nil>
	// wire: invalid signature
}
