#!/usr/bin/python3
"""End-to-end protocol tests of gokernel through jupyter_client.

Run by e2e/jupyter_test.go with Debian's /usr/bin/python3 and a temporary
JUPYTER_DATA_DIR holding the "gokernel" kernelspec. Every message received is
checked by validate_message (header, parent, content shape per type), in the
spirit of jupyter_kernel_test's validator but written for this project
(msgspec.py); kernelcase.py holds the client helpers.

    JUPYTER_DATA_DIR=... /usr/bin/python3 e2e/test_protocol.py -v
"""

import base64
import queue
import time
import unittest
import uuid

import zmq
from jupyter_client.manager import start_new_kernel

from kernelcase import KERNEL_NAME, STARTUP_TIMEOUT, TIMEOUT, KernelTestCase, Result, completed
from msgspec import ValidatorSelfTest, validate_message  # noqa: F401 (ValidatorSelfTest runs here too)

# Go snippets used below, in one place so a change of the session's rules
# touches one spot.
IMPORTS = 'import (\n\t"fmt"\n\t"os"\n\t"time"\n\t"bytes"\n\t"image"\n\t"image/png"\n\t"github.com/gokernel/gokernel/stdlib/display"\n)\n'


# --------------------------------------------------------------------------
# The shared-kernel tests


class ProtocolTests(KernelTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        r = cls.kc.execute_interactive(IMPORTS, timeout=TIMEOUT, output_hook=lambda m: None)
        if r["content"]["status"] != "ok":
            raise RuntimeError("imports failed: %r" % r["content"])

    def test_kernel_info_shell(self):
        r = self.request(self.kc.kernel_info(), "kernel_info_reply")
        c = r.content
        self.assertEqual(c["status"], "ok")
        self.assertEqual(c["protocol_version"], "5.3")
        self.assertEqual(c["language_info"]["name"], "go")
        self.assertEqual(c["language_info"]["file_extension"], ".go")
        self.assertEqual(c["language_info"]["mimetype"], "text/x-go")
        self.assertTrue(c["implementation"])

    def test_kernel_info_control(self):
        msg = self.kc.session.msg("kernel_info_request")
        self.kc.control_channel.send(msg)
        reply = self.control_reply(msg["header"]["msg_id"], "kernel_info_reply")
        self.assertEqual(reply["content"]["language_info"]["name"], "go")
        self.iopub_for(msg["header"]["msg_id"])

    def test_execute_streams(self):
        r = self.ok('fmt.Println("hello, world")\nfmt.Fprintln(os.Stderr, "to stderr")')
        self.assertEqual(r.stdout(), "hello, world\n")
        self.assertEqual(r.stderr(), "to stderr\n")
        self.assertEqual(r.outputs("execute_result"), [])

    def test_stream_batching(self):
        # 5000 prints arrive complete, in order, and coalesced into few
        # stream messages (classic Notebook rate-limits IOPub).
        r = self.ok("for i := 0; i < 5000; i++ {\n\tfmt.Println(i)\n}")
        self.assertEqual(r.stdout(), "".join("%d\n" % i for i in range(5000)))
        n = len(r.outputs("stream"))
        self.assertLess(n, 50, "%d stream messages for one fast loop" % n)

    def test_execute_result(self):
        r = self.ok("20 + 22")
        res = r.outputs("execute_result")
        self.assertEqual(len(res), 1)
        self.assertEqual(res[0]["content"]["data"]["text/plain"], "42")
        self.assertEqual(res[0]["content"]["execution_count"], r.content["execution_count"])

    def test_state_across_cells(self):
        self.ok("stateCounter := 1")
        self.ok("stateCounter++")
        self.ok("func twice(x int) int { return 2 * x }")
        r = self.ok("twice(stateCounter)")
        self.assertEqual(r.result_text(), "4")

    def test_display_png(self):
        code = ("img := image.NewGray(image.Rect(0, 0, 7, 5))\n"
                "var pngBuf bytes.Buffer\n"
                "png.Encode(&pngBuf, img)\n"
                "display.PNG(pngBuf.Bytes())")
        r = self.ok(code)
        disp = r.outputs("display_data")
        self.assertEqual(len(disp), 1, r.outputs())
        raw = base64.b64decode(disp[0]["content"]["data"]["image/png"])
        self.assertEqual(raw[:8], b"\x89PNG\r\n\x1a\n")
        width, height = int.from_bytes(raw[16:20], "big"), int.from_bytes(raw[20:24], "big")
        self.assertEqual((width, height), (7, 5))
        self.assertIn("text/plain", disp[0]["content"]["data"])

    def test_update_display(self):
        r = self.ok('progress := display.New()\nprogress.Text("step 0")\nprogress.Text("step 1")')
        kinds = [m["msg_type"] for m in r.outputs()]
        self.assertEqual(kinds, ["display_data", "update_display_data"])
        first, upd = r.outputs()
        did = first["content"]["transient"]["display_id"]
        self.assertTrue(did)
        self.assertEqual(upd["content"]["transient"]["display_id"], did)
        self.assertEqual(upd["content"]["data"]["text/plain"], "step 1")
        r2 = self.ok('progress.Text("step 2")')
        upd2 = r2.outputs()
        self.assertEqual([m["msg_type"] for m in upd2], ["update_display_data"])
        self.assertEqual(upd2[0]["content"]["transient"]["display_id"], did)

    def test_clear_output(self):
        r = self.ok('fmt.Println("a")\ndisplay.Clear()\nfmt.Println("b")\ndisplay.ClearWait()')
        kinds = [(m["msg_type"], m["content"].get("wait")) for m in r.outputs()]
        self.assertEqual(kinds, [("stream", None), ("clear_output", False), ("stream", None),
                                 ("clear_output", True)])

    def test_error_compile_names_line(self):
        code = "okLine := 1\n_ = okLine\nbroken := undefinedName + 1"
        r = self.execute(code)
        self.assertEqual(r.content["status"], "error")
        outs = r.outputs()
        self.assertEqual([m["msg_type"] for m in outs], ["error"], "an error cell shows exactly one error")
        tb = "\n".join(outs[0]["content"]["traceback"])
        self.assertIn("undefinedName", tb + outs[0]["content"]["evalue"])
        self.assertRegex(tb, r"(line 3\b|:3:\d+|\b3:\d+)", "traceback must name the cell line")
        self.assertEqual(r.content["ename"], outs[0]["content"]["ename"])

    def test_error_panic_names_line(self):
        code = "var emptySlice []int\nidx := 3\n_ = emptySlice[idx]"
        r = self.execute(code)
        self.assertEqual(r.content["status"], "error")
        outs = r.outputs("error")
        self.assertEqual(len(outs), 1)
        tb = "\n".join(outs[0]["content"]["traceback"])
        self.assertRegex(tb, r"(line 3\b|:3:\d+|\b3:\d+)", "traceback must name the cell line")
        self.ok("fmt.Println(idx)")  # the session survives the panic

    def test_execution_counter(self):
        a = self.ok("counterProbe := 1")
        n = a.content["execution_count"]
        b = self.ok("counterProbe++")
        self.assertEqual(b.content["execution_count"], n + 1)
        inp = [m for m in b.iopub if m["msg_type"] == "execute_input"][0]
        self.assertEqual(inp["content"]["execution_count"], n + 1)
        c = self.ok("counterProbe++", store_history=False)
        self.assertEqual(c.content["execution_count"], n + 1, "store_history=false must not count")
        d = self.ok("", silent=True)
        self.assertEqual(d.content["execution_count"], n + 1)
        e = self.ok("counterProbe")
        self.assertEqual(e.content["execution_count"], n + 2)
        self.assertEqual(e.result_text(), "3")

    def test_silent(self):
        r = self.ok('silentValue := 7\nfmt.Println("quiet")\nsilentValue', silent=True)
        self.assertEqual([m["msg_type"] for m in r.iopub], ["status", "status"],
                         "a silent request publishes only busy and idle")
        self.assertEqual(self.ok("silentValue").result_text(), "7")

    def test_user_expressions(self):
        r = self.ok("userBase := 5", user_expressions={"double": "userBase * 2", "bad": "noSuchVar + 1"})
        ue = r.content["user_expressions"]
        self.assertEqual(set(ue), {"double", "bad"})
        self.assertEqual(ue["double"]["status"], "ok")
        self.assertEqual(ue["double"]["data"]["text/plain"], "10")
        self.assertIn("metadata", ue["double"])
        self.assertEqual(ue["bad"]["status"], "error")
        self.assertTrue(ue["bad"]["ename"])
        self.assertIsInstance(ue["bad"]["traceback"], list)

    def test_stop_on_error_aborts_queue(self):
        # The failing cell sleeps first so that the requests behind it are
        # surely queued in the kernel when it fails (as ipykernel's test does).
        first = self.kc.execute('time.Sleep(500 * time.Millisecond)\npanic("stop here")')
        queued = [self.kc.execute('fmt.Println("must not run %d")' % i) for i in range(2)]
        info = self.kc.kernel_info()
        r = self.shell_reply(first, "execute_reply")
        self.assertEqual(r["content"]["status"], "error")
        self.iopub_for(first)
        for q in queued:
            rep = self.shell_reply(q, "execute_reply")
            self.assertIn(rep["content"]["status"], ("aborted", "error"))
            msgs = self.iopub_for(q)
            self.assertEqual([m["msg_type"] for m in msgs], ["status", "status"], "aborted cell has output")
        rep = self.shell_reply(info, "kernel_info_reply")
        self.assertEqual(rep["content"]["status"], "ok", "non-execute requests are never aborted")
        self.iopub_for(info)
        self.ok('fmt.Println("runs again")')

    def test_next_cell_right_after_error_runs(self):
        # nbclient with allow_errors sends the next cell as soon as the failed
        # one is idle; it must run, not be aborted.
        for i in range(5):
            r = self.execute('panic("fails %d")' % i)
            self.assertEqual(r.content["status"], "error")
            r = self.execute('fmt.Println("after error %d")' % i)
            self.assertEqual(r.content["status"], "ok", "cell sent right after a failed cell's idle: %r" % r.content)

    def test_stop_on_error_false_keeps_queue(self):
        first = self.kc.execute('panic("no stop")', stop_on_error=False)
        second = self.kc.execute('fmt.Println("still runs")')
        self.assertEqual(self.shell_reply(first, "execute_reply")["content"]["status"], "error")
        self.iopub_for(first)
        rep = self.shell_reply(second, "execute_reply")
        self.assertEqual(rep["content"]["status"], "ok")
        r = Result(rep, self.iopub_for(second))
        self.assertEqual(r.stdout(), "still runs\n")

    def test_complete(self):
        code = "fmt.Prin"
        r = self.request(self.kc.complete(code, len(code)), "complete_reply")
        c = r.content
        self.assertEqual(c["status"], "ok")
        self.assertIn("fmt.Println", completed(code, c), c)
        self.assertEqual(c["cursor_end"], len(code))
        # cursor positions count code points, not bytes.
        code = 's := "héllo"\nfmt.Prin'
        c = self.request(self.kc.complete(code, len(code)), "complete_reply").content
        self.assertEqual(c["cursor_end"], len(code))
        self.assertIn('s := "héllo"\nfmt.Println', completed(code, c), c)

    def test_complete_session_names(self):
        self.ok("completionTarget := 3")
        code = "complet"
        c = self.request(self.kc.complete(code, len(code)), "complete_reply").content
        self.assertIn("completionTarget", completed(code, c), c)

    def test_inspect(self):
        code = "fmt.Println"
        c = self.request(self.kc.inspect(code, len(code)), "inspect_reply").content
        self.assertEqual(c["status"], "ok")
        self.assertTrue(c["found"])
        self.assertIn("text/plain", c["data"])
        self.assertIn("Println", c["data"]["text/plain"])
        c = self.request(self.kc.inspect("zzNoSuchName", 5), "inspect_reply").content
        self.assertFalse(c["found"])

    def test_is_complete(self):
        cases = {"x := 1": "complete", "func f() {": "incomplete", "x := )": "invalid"}
        for code, want in cases.items():
            c = self.request(self.kc.is_complete(code), "is_complete_reply").content
            self.assertEqual(c["status"], want, code)
            if want == "incomplete":
                self.assertIsInstance(c["indent"], str)

    def test_history(self):
        self.ok("historyMarkerA := 1")
        self.ok("historyMarkerB := 2")
        c = self.request(self.kc.history(hist_access_type="tail", n=2), "history_reply").content
        self.assertEqual([e[2] for e in c["history"]], ["historyMarkerA := 1", "historyMarkerB := 2"])
        line_b = c["history"][1][1]
        c = self.request(self.kc.history(hist_access_type="range", session=0, start=line_b - 1, stop=line_b + 1),
                         "history_reply").content
        self.assertEqual([e[2] for e in c["history"]], ["historyMarkerA := 1", "historyMarkerB := 2"])
        c = self.request(self.kc.history(hist_access_type="search", pattern="historyMarkerB*"),
                         "history_reply").content
        self.assertTrue(c["history"])
        self.assertTrue(all(e[2].startswith("historyMarkerB") for e in c["history"]), c["history"])

    def test_comm_info(self):
        c = self.request(self.kc.comm_info(), "comm_info_reply").content
        self.assertEqual(c["status"], "ok")
        self.assertEqual(c["comms"], {})

    def test_comm_open_unknown_target(self):
        comm_id = uuid.uuid4().hex
        msg = self.kc.session.msg("comm_open", {"comm_id": comm_id, "target_name": "no.such.target", "data": {}})
        self.kc.shell_channel.send(msg)
        msgs = self.iopub_for(msg["header"]["msg_id"])
        closes = [m for m in msgs if m["msg_type"] == "comm_close"]
        self.assertEqual(len(closes), 1, [m["msg_type"] for m in msgs])
        self.assertEqual(closes[0]["content"]["comm_id"], comm_id)

    def interrupt_cell(self, code):
        """Runs code, interrupts it once it runs, and returns its reply and how long stopping took."""
        msg_id = self.kc.execute(code)
        while True:
            m = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "execute_input":
                break
        time.sleep(0.3)
        t0 = time.monotonic()
        self.km.interrupt_kernel()
        rep = self.shell_reply(msg_id, "execute_reply", timeout=10)
        took = time.monotonic() - t0
        rest = self.iopub_for_after_start(msg_id)
        self.assertEqual([m["msg_type"] for m in rest if m["msg_type"] == "error"], ["error"])
        return rep, took

    def test_interrupt_endless_loop(self):
        self.ok("survivor := 41")
        rep, took = self.interrupt_cell("spins := 0\nfor {\n\tspins++\n}")
        self.assertEqual(rep["content"]["status"], "error")
        self.assertLess(took, 5, "interrupt took too long")
        r = self.ok("survivor + 1")
        self.assertEqual(r.result_text(), "42")

    def test_interrupt_sleep(self):
        rep, took = self.interrupt_cell("time.Sleep(60 * time.Second)\nsleptThrough := true")
        self.assertEqual(rep["content"]["status"], "error")
        self.assertLess(took, 5, "an interrupted time.Sleep kept the cell running")
        self.ok('fmt.Println("alive")')

    def iopub_for_after_start(self, msg_id):
        out = []
        while True:
            m = self.kc.get_iopub_msg(timeout=TIMEOUT)
            validate_message(m)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            out.append(m)
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                self.finished.add(msg_id)
                return out

    def test_interrupt_request_on_control(self):
        msg = self.kc.session.msg("interrupt_request", {})
        self.kc.control_channel.send(msg)
        reply = self.control_reply(msg["header"]["msg_id"], "interrupt_reply")
        self.assertEqual(reply["content"]["status"], "ok")
        self.iopub_for(msg["header"]["msg_id"])
        self.ok("1")

    def test_heartbeat_while_busy(self):
        # A REQ socket of our own on the hb port: pings come back while a
        # cell keeps the interpreter busy, long before the cell ends (the
        # 1.5 s allowance is for this loaded test machine; jupyter_client's
        # own heartbeat allows 1 s).
        hb = zmq.Context.instance().socket(zmq.REQ)
        hb.setsockopt(zmq.LINGER, 0)
        hb.connect(self.kc._make_url("hb"))
        try:
            msg_id = self.kc.execute("busyUntil := time.Now().Add(4 * time.Second)\n"
                                     "for time.Now().Before(busyUntil) {\n}")
            t0 = time.monotonic()
            time.sleep(0.3)
            for i in range(3):
                ping = b"ping-%d" % i
                hb.send(ping)
                self.assertTrue(hb.poll(1500), "heartbeat %d not answered while a cell runs" % i)
                self.assertEqual(hb.recv(), ping)
                time.sleep(0.2)
            self.assertLess(time.monotonic() - t0, 4, "heartbeats were answered only after the cell")
            rep = self.shell_reply(msg_id, "execute_reply")
            self.assertEqual(rep["content"]["status"], "ok")
            self.iopub_for(msg_id)
        finally:
            hb.close()

    def test_forged_messages_ignored(self):
        sock = self.kc.shell_channel.socket
        session = self.kc.session
        forged = session.msg("execute_request", {"code": 'fmt.Println("forged")', "silent": False,
                                                 "store_history": True, "user_expressions": {},
                                                 "allow_stdin": False, "stop_on_error": True})
        frames = session.serialize(forged)
        i = frames.index(b"<IDS|MSG>")
        frames[i + 1] = b"0" * len(frames[i + 1])  # wrong signature
        sock.send_multipart(frames)
        unsigned = list(frames)
        unsigned[i + 1] = b""
        sock.send_multipart(unsigned)
        sock.send_multipart([b"<IDS|MSG>", b"garbage"])  # malformed
        sock.send_multipart([b"no delimiter at all"])
        # The kernel must answer the next honest request, and nothing else.
        r = self.request(self.kc.kernel_info(), "kernel_info_reply")
        self.assertEqual(r.content["status"], "ok")
        time.sleep(0.3)
        try:
            stray = self.kc.get_shell_msg(timeout=0.2)
        except queue.Empty:
            stray = None
        self.assertIsNone(stray, "the kernel answered a forged message")
        while True:
            try:
                m = self.kc.get_iopub_msg(timeout=0.2)
            except queue.Empty:
                break
            self.assertNotEqual(m["parent_header"].get("msg_id"), forged["header"]["msg_id"],
                                "the kernel executed a forged message")

    def test_second_client(self):
        # Two front ends on one kernel (a notebook and a console): both see
        # the session's state, each gets its own replies, and IOPub output
        # reaches every subscriber.
        self.ok("sharedValue := 40")
        other = self.km.client()
        # km.client() clones the first client's Session, session id included,
        # and jupyter_client uses that id as the shell socket's ZeroMQ
        # identity and msg_id prefix: two clients with one identity cannot be
        # told apart by any kernel's ROUTER socket. Real second front ends (a
        # console next to a notebook) have sessions of their own.
        other.session.session = str(uuid.uuid4())
        other.start_channels()
        try:
            other.wait_for_ready(timeout=TIMEOUT)
            reply = other.execute_interactive('fmt.Println("from the other client", sharedValue+2)',
                                              timeout=TIMEOUT, output_hook=lambda m: None)
            validate_message(reply, "execute_reply")
            self.assertEqual(reply["content"]["status"], "ok")
            self.assertEqual(reply["parent_header"]["session"], other.session.session)
            seen = ""
            deadline = time.monotonic() + TIMEOUT
            while "from the other client 42" not in seen and time.monotonic() < deadline:
                try:
                    m = self.kc.get_iopub_msg(timeout=1)
                except queue.Empty:
                    continue
                validate_message(m)
                if m["msg_type"] == "stream":
                    seen += m["content"]["text"]
            self.assertIn("from the other client 42", seen, "the first client missed the other's output")
        finally:
            other.stop_channels()
        self.ok("sharedValue")

    def test_stdin(self):
        code = 'var answer string\nfmt.Scanln(&answer)\nfmt.Println("got", answer)'
        msg_id = self.kc.execute(code, allow_stdin=True)
        try:
            req = self.kc.get_stdin_msg(timeout=TIMEOUT)
        except queue.Empty:
            self.fail("no input_request for fmt.Scanln with allow_stdin")
        validate_message(req, "input_request", msg_id)
        self.assertFalse(req["content"]["password"])
        self.kc.input("gopher")
        rep = self.shell_reply(msg_id, "execute_reply")
        self.assertEqual(rep["content"]["status"], "ok", rep["content"])
        r = Result(rep, self.iopub_for(msg_id, execute_code=code))
        self.assertIn("got gopher", r.stdout())

    def test_stdin_not_allowed(self):
        r = self.execute('var ans2 string\n_, scanErr := fmt.Scanln(&ans2)\nfmt.Println(scanErr != nil)',
                         allow_stdin=False)
        try:
            stray = self.kc.get_stdin_msg(timeout=0.2)
        except queue.Empty:
            stray = None
        self.assertIsNone(stray, "input_request sent although allow_stdin was false")
        if r.content["status"] == "ok":
            self.assertEqual(r.stdout(), "true\n")


# --------------------------------------------------------------------------
# Lifecycle: each test has its own kernel


class LifecycleTests(unittest.TestCase):

    def start(self):
        km, kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=STARTUP_TIMEOUT)
        self.addCleanup(self.stop, km, kc)
        return km, kc

    @staticmethod
    def stop(km, kc):
        kc.stop_channels()
        if km.has_kernel:
            km.shutdown_kernel(now=True)

    def run_cell(self, kc, code):
        reply = kc.execute_interactive(code, timeout=TIMEOUT, output_hook=lambda m: None)
        validate_message(reply, "execute_reply")
        return reply["content"]

    def test_restart(self):
        km, kc = self.start()
        self.assertEqual(self.run_cell(kc, "beforeRestart := 1")["status"], "ok")
        pid_before = km.provisioner.process.pid
        kc.kernel_info()
        session_before = kc.get_shell_msg(timeout=TIMEOUT)["header"]["session"]
        km.restart_kernel(now=False)
        self.assertEqual(km._shutdown_status.name, "ShutdownRequest",
                         "the kernel needed a signal to stop on restart")
        kc.wait_for_ready(timeout=STARTUP_TIMEOUT)
        self.assertNotEqual(km.provisioner.process.pid, pid_before)
        kc.kernel_info()
        reply = kc.get_shell_msg(timeout=TIMEOUT)
        validate_message(reply, "kernel_info_reply")
        self.assertNotEqual(reply["header"]["session"], session_before, "a restarted kernel needs a new session id")
        c = self.run_cell(kc, "beforeRestart")
        self.assertEqual(c["status"], "error", "state survived a restart")
        self.assertEqual(self.run_cell(kc, "afterRestart := 2")["status"], "ok")

    def test_shutdown_request(self):
        km, kc = self.start()
        proc = km.provisioner.process
        msg_id = kc.shutdown()
        reply = kc.get_control_msg(timeout=TIMEOUT)
        validate_message(reply, "shutdown_reply", msg_id)
        self.assertFalse(reply["content"]["restart"])
        self.assertEqual(proc.wait(timeout=10), 0, "kernel exit status")

    def test_shutdown_kernel_clean(self):
        km, kc = self.start()
        proc = km.provisioner.process
        t0 = time.monotonic()
        km.shutdown_kernel(now=False)
        self.assertEqual(km._shutdown_status.name, "ShutdownRequest",
                         "the kernel did not exit on shutdown_request (SIGTERM/SIGKILL used)")
        self.assertEqual(proc.returncode, 0)
        self.assertLess(time.monotonic() - t0, 3)


if __name__ == "__main__":
    unittest.main()
