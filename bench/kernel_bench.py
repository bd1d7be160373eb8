#!/usr/bin/python3
"""Kernel latency benchmark: gokernel against ipykernel, through jupyter_client.

Measures, for each kernel, with a real BlockingKernelClient:
  * execute round trip of `1 + 1`: from sending execute_request until both the
    execute_reply and the request's idle status have arrived (median of --runs);
  * start to ready: from KernelManager.start_kernel until the first
    kernel_info_reply together with an IOPub message, which is what
    jupyter_client's wait_for_ready waits for (median of --starts); the client
    sockets reconnect every 2 ms so the measure is not rounded to ZeroMQ's
    default 100 ms reconnect interval;
  * with --floor, the same round trip through gokernel's protocol code with a
    trivial interpreter (bench/kernelfloor), and for every kernel a
    kernel_info round trip: what the client and the sockets cost alone.

Round trips of all kernels are interleaved in blocks of 20, so that they
share the machine's load. The kernelspecs go into a temporary JUPYTER_DATA_DIR. Run it through
bench/kernel_bench.sh, which builds gokernel and kernelfloor first: go into a temporary JUPYTER_DATA_DIR. Run it through
bench/kernel_bench.sh, which builds gokernel first:

    bash bench/kernel_bench.sh            # or: --runs 200 --starts 10
"""

import argparse
import json
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


def kernel_info_trip(kc):
    t0 = time.perf_counter()
    kc.kernel_info(reply=True, timeout=30)
    return time.perf_counter() - t0


def measure_starts(name, starts, ctx):
    starts_s = []
    for _ in range(starts):
        km, kc, took = start(name, ctx)
        starts_s.append(took)
        stop(km, kc)
    return starts_s


def measure_trips(names, runs, ctx, block=20):
    """Round trips of every kernel, interleaved in blocks of `block` so that
    all kernels see the same machine load; then kernel_info round trips."""
    kernels = {}
    try:
        for name in names:
            km, kc, _ = start(name, ctx)
            kernels[name] = (km, kc)
            drain(kc)
            for _ in range(10):  # warm up
                round_trip(kc, "1 + 1")
        trips = {name: [] for name in names}
        infos = {name: [] for name in names}
        while any(len(t) < runs for t in trips.values()):
            for name in names:
                n = min(block, runs - len(trips[name]))
                kc = kernels[name][1]
                trips[name] += [round_trip(kc, "1 + 1") for _ in range(n)]
                infos[name] += [kernel_info_trip(kc) for _ in range(max(1, n // 4))]
                drain(kc)  # their busy/idle must not reach the next round trip
    finally:
        for km, kc in kernels.values():
            stop(km, kc)
    return trips, infos


def fmt_ms(xs):
    xs = sorted(xs)
    lo, hi = xs[len(xs) // 10], xs[(len(xs) * 9) // 10 - (1 if len(xs) >= 10 else 0)]
    return "%8.2f ms (p10 %.2f, p90 %.2f)" % (statistics.median(xs) * 1e3, lo * 1e3, hi * 1e3)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", required=True, help="the gokernel binary to install and measure")
    ap.add_argument("--floor", help="optional kernelfloor binary (bench/kernelfloor): gokernel's protocol with a trivial interpreter")
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
        names = ["gokernel", "python3"]
        if args.floor:
            spec = os.path.join(os.environ["JUPYTER_DATA_DIR"], "kernels", "gokernel-floor")
            os.makedirs(spec, exist_ok=True)
            with open(os.path.join(spec, "kernel.json"), "w") as f:
                json.dump({"argv": [args.floor, "{connection_file}"], "display_name": "gokernel floor",
                           "language": "go", "interrupt_mode": "signal"}, f)
            names.insert(1, "gokernel-floor")
        ctx = zmq.asyncio.Context()
        ctx.setsockopt(zmq.RECONNECT_IVL, 2)
        print("measuring round trips (interleaved) ...", file=sys.stderr, flush=True)
        trips, infos = measure_trips(names, args.runs, ctx)
        starts = {}
        for name in ("gokernel", "python3"):
            print("measuring starts of %s ..." % name, file=sys.stderr, flush=True)
            starts[name] = measure_starts(name, args.starts, ctx)
        print()
        cols = [("gokernel", "gokernel"), ("python3", "ipykernel (python3)")]
        if args.floor:
            cols.insert(1, ("gokernel-floor", "trivial interpreter (floor)"))
        print("%-22s " % "" + " ".join("%-36s" % c[1] for c in cols) + " ratio (goal)")
        rows = (("execute `1 + 1`", "execute", trips), ("kernel_info", None, infos), ("start to ready", "start", starts))
        for label, key, data in rows:
            line = "%-22s " % label
            for name, _ in cols:
                line += "%-36s " % (fmt_ms(data[name]) if name in data else "")
            if key:
                ratio = statistics.median(data["gokernel"]) / statistics.median(data["python3"])
                verdict = "ok" if ratio <= GOALS[key] else "MISSED"
                line += "%.2fx (<= %.1fx %s)" % (ratio, GOALS[key], verdict)
            print(line.rstrip())
        print("\n%d round trips per kernel, interleaved in blocks of 20; %d starts per kernel; medians."
              % (args.runs, args.starts))
        try:
            print("load average: %.1f %.1f %.1f" % os.getloadavg())
        except OSError:
            pass
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
