#!/usr/bin/python3
"""Kernel latency benchmark: gokernel against ipykernel, through jupyter_client.

Measures, for each kernel, with a real BlockingKernelClient:
  * execute round trip of `1 + 1`: from sending execute_request until both the
    execute_reply and the request's idle status have arrived (median of --runs);
  * start to ready: from KernelManager.start_kernel until the first
    kernel_info_reply together with an IOPub message, which is what
    jupyter_client's wait_for_ready waits for (median of --starts); the client
    sockets reconnect every 2 ms so the measure is not rounded to ZeroMQ's
    default 100 ms reconnect interval.

Both kernelspecs go into a temporary JUPYTER_DATA_DIR. Run it through
bench/kernel_bench.sh, which builds gokernel first:

    bash bench/kernel_bench.sh            # or: --runs 200 --starts 10
"""

import argparse
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import zmq
import zmq.asyncio
from jupyter_client.manager import KernelManager

GOALS = {"execute": 0.3, "start": 0.2}


def wait_ready(kc, deadline):
    """Returns once a kernel_info_reply and an IOPub message have arrived."""
    got_iopub = False
    while True:
        kc.kernel_info()
        try:
            while True:
                reply = kc.get_shell_msg(timeout=0.05)
                if reply["msg_type"] == "kernel_info_reply":
                    break
        except queue.Empty:
            if time.monotonic() > deadline:
                raise RuntimeError("kernel not ready in time")
            continue
        try:
            kc.get_iopub_msg(timeout=0.5)
            got_iopub = True
        except queue.Empty:
            pass
        if got_iopub:
            return
        if time.monotonic() > deadline:
            raise RuntimeError("no IOPub message from the kernel")


def drain(kc):
    for get in (kc.get_shell_msg, kc.get_iopub_msg):
        while True:
            try:
                get(timeout=0.01)
            except queue.Empty:
                break


def start(name, ctx):
    km = KernelManager(kernel_name=name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client(context=ctx)
    kc.start_channels()
    wait_ready(kc, time.monotonic() + 60)
    took = time.perf_counter() - t0
    return km, kc, took


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def round_trip(kc, code):
    t0 = time.perf_counter()
    msg_id = kc.execute(code)
    while True:
        m = kc.get_shell_msg(timeout=30)
        if m["parent_header"].get("msg_id") == msg_id:
            if m["content"]["status"] != "ok":
                raise RuntimeError("execute failed: %r" % m["content"])
            break
    while True:
        m = kc.get_iopub_msg(timeout=30)
        if (m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status"
                and m["content"]["execution_state"] == "idle"):
            break
    return time.perf_counter() - t0


def measure(name, runs, starts, ctx):
    starts_s = []
    for _ in range(starts):
        km, kc, took = start(name, ctx)
        starts_s.append(took)
        stop(km, kc)
    km, kc, _ = start(name, ctx)
    try:
        drain(kc)
        for _ in range(10):  # warm up
            round_trip(kc, "1 + 1")
        trips = [round_trip(kc, "1 + 1") for _ in range(runs)]
    finally:
        stop(km, kc)
    return trips, starts_s


def fmt_ms(xs):
    xs = sorted(xs)
    lo, hi = xs[len(xs) // 10], xs[(len(xs) * 9) // 10 - (1 if len(xs) >= 10 else 0)]
    return "%8.2f ms (p10 %.2f, p90 %.2f)" % (statistics.median(xs) * 1e3, lo * 1e3, hi * 1e3)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", required=True, help="the gokernel binary to install and measure")
    ap.add_argument("--runs", type=int, default=200, help="execute round trips per kernel")
    ap.add_argument("--starts", type=int, default=10, help="kernel starts per kernel")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="gokernel-bench-")
    try:
        os.environ["JUPYTER_DATA_DIR"] = os.path.join(tmp, "data")
        os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(tmp, "runtime")
        os.environ["JUPYTER_CONFIG_DIR"] = os.path.join(tmp, "config")
        os.environ["IPYTHONDIR"] = os.path.join(tmp, "ipython")
        os.environ.pop("JUPYTER_PATH", None)
        os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"  # quiets ipykernel's debugger warning
        subprocess.run([args.binary, "install"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run([sys.executable, "-m", "ipykernel", "install", "--user", "--name", "python3"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ctx = zmq.asyncio.Context()
        ctx.setsockopt(zmq.RECONNECT_IVL, 2)
        res = {}
        for name in ("gokernel", "python3"):
            print("measuring %s ..." % name, file=sys.stderr, flush=True)
            res[name] = measure(name, args.runs, args.starts, ctx)
        print()
        print("%-22s %-36s %-36s %s" % ("", "gokernel", "ipykernel (python3)", "ratio (goal)"))
        for i, (label, key) in enumerate((("execute `1 + 1`", "execute"), ("start to ready", "start"))):
            g, p = res["gokernel"][i], res["python3"][i]
            ratio = statistics.median(g) / statistics.median(p)
            verdict = "ok" if ratio <= GOALS[key] else "MISSED"
            print("%-22s %-36s %-36s %.2fx (<= %.1fx %s)" % (label, fmt_ms(g), fmt_ms(p), ratio, GOALS[key], verdict))
        print("\n%d round trips, %d starts per kernel; medians." % (args.runs, args.starts))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
