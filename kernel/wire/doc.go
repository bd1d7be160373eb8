// Package wire is the Jupyter messaging wire format, free of any socket:
// connection files, message headers, HMAC-SHA256 signing and the
// <IDS|MSG> multipart framing.
//
// # Invariants
//
//   - Decode never panics. A message without a delimiter, with fewer than
//     four JSON frames after the signature, with a bad, missing (when a key is
//     set) or replayed signature, or whose header, parent_header, metadata or
//     content is not a JSON object, is returned as an error and must be
//     dropped by the caller.
//   - Signatures are compared with hmac.Equal over the frames exactly as
//     received; buffers are never signed. An empty key means no signing: the
//     signature frame is empty and is not checked.
//   - Encode always writes header, parent_header, metadata and content as
//     JSON objects (never null) and signs those bytes exactly as sent.
//   - NewHeader gives every message a fresh msg_id, the protocol version
//     (ProtocolVersion) and a date in RFC 3339 UTC with six fractional digits.
//   - A parent header is kept as the raw bytes received, so keys unknown to
//     this package (such as subshell_id) survive in replies.
package wire
