"""Drive a gokernel Serve with jupyter_client's own BlockingKernelClient.

Run by TestJupyterClient as: python3 jupyter_client_check.py CONNECTION_FILE.
jupyter_client's Session verifies every signature and rejects replayed
ones, so merely receiving the messages checks the wire format. Exits
non-zero with a traceback on the first failed check.
"""
import re
import sys
import time

from jupyter_client import BlockingKernelClient

T = 10
DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        raise AssertionError(what)


def validate(msg):
    h = msg["header"]
    for k in ("msg_id", "session", "username", "date", "msg_type", "version"):
        check(k in h, "header lacks %s: %r" % (k, h))
    check(h["version"] == "5.3", "version %r" % h["version"])
    d = h["date"]
    d = d if isinstance(d, str) else d.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    check(DATE.match(d) is not None, "date %r" % d)
    check(isinstance(msg["metadata"], dict), "metadata %r" % msg["metadata"])
    check(isinstance(msg["content"], dict), "content %r" % msg["content"])


def reply(kc, msg_id, get):
    while True:
        m = get(timeout=T)
        validate(m)
        if m["parent_header"].get("msg_id") == msg_id:
            return m


def iopub_until_idle(kc, msg_id):
    out = []
    while True:
        m = kc.get_iopub_msg(timeout=T)
        validate(m)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        out.append(m)
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            return out


def types(msgs):
    return [m["msg_type"] + (":" + m["content"]["execution_state"] if m["msg_type"] == "status" else "") for m in msgs]


def main(path):
    kc = BlockingKernelClient()
    kc.load_connection_file(path)
    kc.start_channels()
    kc.wait_for_ready(timeout=T)

    mid = kc.kernel_info()
    r = reply(kc, mid, kc.get_shell_msg)
    check(r["content"]["status"] == "ok" and r["content"]["protocol_version"] == "5.3", r["content"])
    check(r["content"]["language_info"]["name"] == "go", r["content"])

    mid = kc.execute("print:hello\nresult:42")
    r = reply(kc, mid, kc.get_shell_msg)
    check(r["content"]["status"] == "ok", r["content"])
    n = r["content"]["execution_count"]
    msgs = iopub_until_idle(kc, mid)
    check(types(msgs) == ["status:busy", "execute_input", "stream", "execute_result", "status:idle"], types(msgs))
    check(msgs[2]["content"] == {"name": "stdout", "text": "hello"}, msgs[2]["content"])
    check(msgs[3]["content"]["data"]["text/plain"] == "42", msgs[3]["content"])

    mid = kc.execute("fail:ValueError", stop_on_error=False)
    r = reply(kc, mid, kc.get_shell_msg)
    c = r["content"]
    check(c["status"] == "error" and c["ename"] == "ValueError" and isinstance(c["traceback"], list), c)
    check(c["execution_count"] == n + 1, c)
    check(types(iopub_until_idle(kc, mid)) == ["status:busy", "execute_input", "error", "status:idle"], "error iopub")

    mid = kc.execute("", silent=True)
    r = reply(kc, mid, kc.get_shell_msg)
    check(r["content"]["execution_count"] == n + 1, r["content"])
    check(types(iopub_until_idle(kc, mid)) == ["status:busy", "status:idle"], "silent iopub")

    # stop_on_error: the queued execute is aborted, kernel_info is not.
    first = kc.execute("sleep\nfail:Boom")
    second = kc.execute("result:never")
    info = kc.kernel_info()
    check(reply(kc, first, kc.get_shell_msg)["content"]["status"] == "error", "first")
    check(reply(kc, second, kc.get_shell_msg)["content"]["status"] == "aborted", "second not aborted")
    check(reply(kc, info, kc.get_shell_msg)["content"]["status"] == "ok", "kernel_info aborted")
    time.sleep(0.2)

    mid = kc.complete("fmt.Pr", 6)
    c = reply(kc, mid, kc.get_shell_msg)["content"]
    check(c["matches"] == [] and c["cursor_end"] == 6, c)
    mid = kc.inspect("x", 1)
    c = reply(kc, mid, kc.get_shell_msg)["content"]
    check(c["status"] == "ok" and c["found"] is False, c)
    mid = kc.is_complete("x")
    check(reply(kc, mid, kc.get_shell_msg)["content"]["status"] == "complete", "is_complete")
    mid = kc.comm_info()
    check(reply(kc, mid, kc.get_shell_msg)["content"]["comms"] == {}, "comm_info")
    mid = kc.history(hist_access_type="tail", n=1, output=True)
    h = reply(kc, mid, kc.get_shell_msg)["content"]["history"]
    check(h == [[0, n + 2, ["sleep\nfail:Boom", None]]], h)
    mid = kc.history(hist_access_type="search", pattern="print*")
    h = reply(kc, mid, kc.get_shell_msg)["content"]["history"]
    check([x[2] for x in h] == ["print:hello\nresult:42"], h)

    # stdin, answered through jupyter_client's stdin channel.
    mid = kc.execute("input:Name? ", allow_stdin=True)
    req = kc.get_stdin_msg(timeout=T)
    validate(req)
    check(req["msg_type"] == "input_request" and req["content"]["prompt"] == "Name? ", req)
    check(req["parent_header"]["msg_id"] == mid, req["parent_header"])
    kc.input("Ada")
    msgs = iopub_until_idle(kc, mid)
    check([m["content"].get("text") for m in msgs if m["msg_type"] == "stream"] == ["got Ada"], types(msgs))
    reply(kc, mid, kc.get_shell_msg)

    # interrupt_request on control cancels a running cell.
    mid = kc.execute("block", stop_on_error=False)
    time.sleep(0.2)
    msg = kc.session.msg("interrupt_request", {})
    kc.control_channel.send(msg)
    check(reply(kc, msg["header"]["msg_id"], kc.get_control_msg)["content"]["status"] == "ok", "interrupt_reply")
    check(reply(kc, mid, kc.get_shell_msg)["content"]["ename"] == "Interrupted", "cell not interrupted")

    mid = kc.shutdown(restart=True)
    c = reply(kc, mid, kc.get_control_msg)["content"]
    check(c == {"status": "ok", "restart": True}, c)
    check(types(iopub_until_idle(kc, mid)) == ["status:busy", "status:idle"], "shutdown iopub")
    kc.stop_channels()
    print("OK", checks, "checks")


if __name__ == "__main__":
    main(sys.argv[1])
