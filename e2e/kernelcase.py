"""A unittest base class that starts gokernel and checks every exchange with it."""

import os
import queue
import time
import unittest

from jupyter_client.manager import start_new_kernel

from msgspec import validate_message

KERNEL_NAME = os.environ.get("E2E_KERNEL_NAME", "gokernel")
TIMEOUT = float(os.environ.get("E2E_TIMEOUT", "30"))
STARTUP_TIMEOUT = float(os.environ.get("E2E_STARTUP_TIMEOUT", "60"))


class Result:
    """The reply and IOPub messages of one request."""

    def __init__(self, reply, iopub):
        self.reply = reply
        self.content = reply["content"]
        self.iopub = iopub

    def outputs(self, *types):
        skip = ("status", "execute_input")
        return [m for m in self.iopub if m["msg_type"] not in skip and (not types or m["msg_type"] in types)]

    def stdout(self):
        return "".join(m["content"]["text"] for m in self.outputs("stream") if m["content"]["name"] == "stdout")

    def stderr(self):
        return "".join(m["content"]["text"] for m in self.outputs("stream") if m["content"]["name"] == "stderr")

    def result_text(self):
        rs = self.outputs("execute_result")
        return rs[-1]["content"]["data"]["text/plain"] if rs else None


def completed(code, c):
    """The texts a front end makes by applying each match of a complete_reply."""
    return [code[:c["cursor_start"]] + m + code[c["cursor_end"]:] for m in c["matches"]]


class KernelTestCase(unittest.TestCase):
    """Starts one kernel for the class and checks each exchange."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=STARTUP_TIMEOUT)
        cls.answered = set()  # requests whose reply has arrived
        cls.finished = set()  # requests whose idle has arrived

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=False)

    def setUp(self):
        self.flush_iopub()

    def flush_iopub(self):
        while True:
            try:
                self.kc.get_iopub_msg(timeout=0.05)
            except queue.Empty:
                return

    def shell_reply(self, msg_id, msg_type, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self.fail("no %s for %s within %.0fs" % (msg_type, msg_id, timeout))
            try:
                reply = self.kc.get_shell_msg(timeout=left)
            except queue.Empty:
                continue
            validate_message(reply)
            parent = reply["parent_header"].get("msg_id")
            if parent != msg_id:
                # A reply to an earlier request whose test failed before reading it.
                self.assertNotIn(parent, self.answered, "a second reply to one request: %r" % reply)
                self.answered.add(parent)
                continue
            self.assertNotIn(msg_id, self.answered, "a second reply to one request")
            self.answered.add(msg_id)
            self.assertEqual(reply["msg_type"], msg_type)
            return reply

    def control_reply(self, msg_id, msg_type, timeout=TIMEOUT):
        reply = self.kc.get_control_msg(timeout=timeout)
        validate_message(reply, msg_type, msg_id)
        return reply

    def iopub_for(self, msg_id, timeout=TIMEOUT, execute_code=None):
        """Collects the IOPub messages of one request, busy to idle, checking the order."""
        msgs = []
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self.fail("no idle for %s within %.0fs; got %r" % (msg_id, timeout,
                          [m["msg_type"] for m in msgs]))
            try:
                msg = self.kc.get_iopub_msg(timeout=left)
            except queue.Empty:
                continue
            validate_message(msg)
            parent = msg["parent_header"].get("msg_id")
            if parent != msg_id:
                self.assertNotIn(parent, self.finished,
                                 "IOPub message after its request's idle: %r" % msg)
                continue
            if not msgs:
                self.assertEqual((msg["msg_type"], msg["content"].get("execution_state")), ("status", "busy"),
                                 "first IOPub message of a request must be status: busy")
            msgs.append(msg)
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                self.finished.add(msg_id)
                break
        inner = [m["msg_type"] for m in msgs[1:-1]]
        self.assertNotIn("status", inner, "busy/idle nested inside one request: %r" % inner)
        if execute_code is not None:
            self.assertEqual(inner[:1], ["execute_input"], "execute_input must follow busy")
            self.assertEqual(msgs[1]["content"]["code"], execute_code)
        return msgs

    def execute(self, code, timeout=TIMEOUT, **kw):
        msg_id = self.kc.execute(code, **kw)
        reply = self.shell_reply(msg_id, "execute_reply", timeout)
        quiet = kw.get("silent", False) or reply["content"]["status"] == "aborted"
        iopub = self.iopub_for(msg_id, timeout, execute_code=None if quiet else code)
        return Result(reply, iopub)

    def ok(self, code, **kw):
        r = self.execute(code, **kw)
        self.assertEqual(r.content["status"], "ok", "cell failed: %r\ncode:\n%s" % (r.content, code))
        return r

    def request(self, msg_id, reply_type):
        reply = self.shell_reply(msg_id, reply_type)
        return Result(reply, self.iopub_for(msg_id))
