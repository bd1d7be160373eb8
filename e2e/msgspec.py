"""Shape checks of Jupyter messages (protocol 5.x), for gokernel's end-to-end tests.

validate_message checks what jupyter_kernel_test's validator checks, written
for this project: the header keys and their types, a version x.y, an ISO 8601
date, the parent of a reply, and the content keys of each message type.
"""

import datetime
import re
import unittest

MIME_RE = re.compile(r"^[\w\-\+\.]+/[\w\-\+\.]+$")
VERSION_RE = re.compile(r"^\d+\.\d+$")
DATE_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?$")
HEADER_KEYS = ("msg_id", "username", "session", "date", "msg_type", "version")


class MessageError(AssertionError):
    """A message that breaks the protocol's shape."""


def _need(cond, msg, what):
    if not cond:
        raise MessageError("%s: %s\nmessage: %r" % (msg.get("msg_type", "?"), what, msg))


def _str(msg, content, key):
    _need(isinstance(content.get(key), str), msg, "content[%r] must be a string" % key)


def _int(msg, content, key):
    v = content.get(key)
    _need(isinstance(v, int) and not isinstance(v, bool), msg, "content[%r] must be an integer" % key)


def _bool(msg, content, key):
    _need(isinstance(content.get(key), bool), msg, "content[%r] must be a boolean" % key)


def _dict(msg, content, key):
    _need(isinstance(content.get(key), dict), msg, "content[%r] must be an object" % key)


def _str_list(msg, content, key):
    v = content.get(key)
    _need(isinstance(v, list) and all(isinstance(s, str) for s in v), msg,
          "content[%r] must be a list of strings" % key)


def _mime_bundle(msg, content, key="data"):
    _dict(msg, content, key)
    for mime in content[key]:
        _need(MIME_RE.match(mime), msg, "bad MIME type %r in %s" % (mime, key))


def _reply_status(msg, c):
    _need(c.get("status") in ("ok", "error", "aborted"), msg, "status must be ok, error or aborted")
    if c["status"] == "error":
        _str(msg, c, "ename")
        _str(msg, c, "evalue")
        _str_list(msg, c, "traceback")


def _execute_reply(msg, c):
    _reply_status(msg, c)
    _int(msg, c, "execution_count")
    if c["status"] == "ok":
        _dict(msg, c, "user_expressions")
        _need(isinstance(c.get("payload", []), list), msg, "payload must be a list")


def _kernel_info_reply(msg, c):
    _reply_status(msg, c)
    for k in ("protocol_version", "implementation", "implementation_version", "banner"):
        _str(msg, c, k)
    _need(VERSION_RE.match(c["protocol_version"]), msg, "protocol_version must be x.y")
    _dict(msg, c, "language_info")
    li = c["language_info"]
    for k in ("name", "version", "mimetype", "file_extension"):
        _str(msg, li, k)
    _need(li["file_extension"].startswith("."), msg, "file_extension must start with '.'")
    links = c.get("help_links", [])
    _need(isinstance(links, list) and all(isinstance(l, dict) and isinstance(l.get("text"), str)
                                          and isinstance(l.get("url"), str) for l in links),
          msg, "help_links must be [{text, url}]")


def _complete_reply(msg, c):
    _reply_status(msg, c)
    _str_list(msg, c, "matches")
    _int(msg, c, "cursor_start")
    _int(msg, c, "cursor_end")
    _dict(msg, c, "metadata")


def _inspect_reply(msg, c):
    _reply_status(msg, c)
    _bool(msg, c, "found")
    _mime_bundle(msg, c)
    _dict(msg, c, "metadata")


def _is_complete_reply(msg, c):
    _need(c.get("status") in ("complete", "incomplete", "invalid", "unknown"), msg,
          "is_complete status must be complete, incomplete, invalid or unknown")
    if c["status"] == "incomplete":
        _str(msg, c, "indent")


def _history_reply(msg, c):
    _reply_status(msg, c)
    h = c.get("history")
    _need(isinstance(h, list), msg, "history must be a list")
    for e in h:
        _need(isinstance(e, list) and len(e) == 3 and isinstance(e[0], int) and isinstance(e[1], int),
              msg, "history entries must be [session, line, input]")


def _comm_info_reply(msg, c):
    _reply_status(msg, c)
    _dict(msg, c, "comms")
    for cid, info in c["comms"].items():
        _need(isinstance(info, dict) and isinstance(info.get("target_name"), str), msg,
              "comms[%r] must hold target_name" % cid)


def _status(msg, c):
    _need(c.get("execution_state") in ("busy", "idle", "starting"), msg, "bad execution_state")


def _stream(msg, c):
    _need(c.get("name") in ("stdout", "stderr"), msg, "stream name must be stdout or stderr")
    _str(msg, c, "text")


def _execute_input(msg, c):
    _str(msg, c, "code")
    _int(msg, c, "execution_count")


def _display_data(msg, c):
    _mime_bundle(msg, c)
    _dict(msg, c, "metadata")
    if "transient" in c:
        _dict(msg, c, "transient")


def _update_display_data(msg, c):
    _display_data(msg, c)
    _dict(msg, c, "transient")
    _str(msg, c["transient"], "display_id")


def _execute_result(msg, c):
    _int(msg, c, "execution_count")
    _mime_bundle(msg, c)
    _need("text/plain" in c["data"], msg, "execute_result must hold text/plain")
    _dict(msg, c, "metadata")


def _error(msg, c):
    _str(msg, c, "ename")
    _str(msg, c, "evalue")
    _str_list(msg, c, "traceback")


def _clear_output(msg, c):
    _bool(msg, c, "wait")


def _comm_close(msg, c):
    _str(msg, c, "comm_id")
    if "data" in c:
        _dict(msg, c, "data")


def _input_request(msg, c):
    _str(msg, c, "prompt")
    _bool(msg, c, "password")


def _shutdown_reply(msg, c):
    _reply_status(msg, c)
    _bool(msg, c, "restart")


CONTENT_CHECKS = {
    "execute_reply": _execute_reply,
    "kernel_info_reply": _kernel_info_reply,
    "complete_reply": _complete_reply,
    "inspect_reply": _inspect_reply,
    "is_complete_reply": _is_complete_reply,
    "history_reply": _history_reply,
    "comm_info_reply": _comm_info_reply,
    "interrupt_reply": _reply_status,
    "shutdown_reply": _shutdown_reply,
    "status": _status,
    "stream": _stream,
    "execute_input": _execute_input,
    "display_data": _display_data,
    "update_display_data": _update_display_data,
    "execute_result": _execute_result,
    "error": _error,
    "clear_output": _clear_output,
    "comm_close": _comm_close,
    "input_request": _input_request,
}


def validate_message(msg, msg_type=None, parent_id=None):
    """Checks one deserialized message; raises MessageError."""
    for part in ("header", "parent_header", "metadata", "content"):
        _need(isinstance(msg.get(part), dict), msg, "%s must be an object" % part)
    h = msg["header"]
    for k in HEADER_KEYS:
        _need(k in h, msg, "header lacks %r" % k)
    for k in ("msg_id", "username", "session", "msg_type", "version"):
        _need(isinstance(h[k], str), msg, "header[%r] must be a string" % k)
    _need(h["msg_id"] != "", msg, "empty msg_id")
    _need(VERSION_RE.match(h["version"]), msg, "header version must be x.y")
    date = h["date"]  # jupyter_client parses ISO 8601 dates into datetimes
    _need(isinstance(date, datetime.datetime) or (isinstance(date, str) and DATE_RE.match(date)),
          msg, "header date must be ISO 8601")
    _need(msg["msg_type"] == h["msg_type"], msg, "msg_type differs from header.msg_type")
    if msg_type is not None:
        _need(h["msg_type"] == msg_type, msg, "expected msg_type %r" % msg_type)
    if parent_id is not None:
        _need(msg["parent_header"].get("msg_id") == parent_id, msg,
              "parent_header.msg_id must be %r" % parent_id)
    check = CONTENT_CHECKS.get(h["msg_type"])
    _need(check is not None, msg, "unexpected message type")
    check(msg, msg["content"])
    return msg


class ValidatorSelfTest(unittest.TestCase):
    """The validator must be able to fail."""

    def good(self):
        return {
            "header": {"msg_id": "a", "username": "u", "session": "s", "date": "2026-01-02T03:04:05.123456Z",
                       "msg_type": "stream", "version": "5.3"},
            "msg_type": "stream", "parent_header": {"msg_id": "p"}, "metadata": {},
            "content": {"name": "stdout", "text": "x"},
        }

    def test_accepts_good(self):
        validate_message(self.good(), "stream", "p")

    def test_rejects_bad(self):
        bad = []
        m = self.good(); del m["header"]["version"]; bad.append(m)
        m = self.good(); m["header"]["version"] = "5"; bad.append(m)
        m = self.good(); m["header"]["date"] = "yesterday"; bad.append(m)
        m = self.good(); m["content"]["name"] = "stdlog"; bad.append(m)
        m = self.good(); m["metadata"] = None; bad.append(m)
        m = self.good(); m["parent_header"] = {"msg_id": "other"}; bad.append(m)
        m = self.good(); m["msg_type"] = m["header"]["msg_type"] = "execute_result"
        m["content"] = {"execution_count": 1, "data": {"image/png": "x"}, "metadata": {}}; bad.append(m)
        for m in bad:
            with self.assertRaises(MessageError):
                validate_message(m, parent_id="p")
