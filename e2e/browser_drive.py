"""Drive a classic Jupyter Notebook page in headless chromium over the
Chrome DevTools Protocol, for TestBrowserNotebook (browser_test.go).

Chromium is already running (started by the Go test, which also kills it);
this script attaches to its page, waits until the notebook's own JavaScript
client has connected to the kernel, runs every cell with the page's
Jupyter.notebook.execute_all_cells(), waits until every cell has finished,
re-runs the cells given with --rerun one by one (Jupyter.notebook
.get_cell(i).execute()), and writes one JSON object to --out: the kernel's
name and language as the page sees them, the rendered DOM of each code cell
after the run of all cells and after the re-runs, and the page's console
errors. The Go test makes every assertion; this script only fails when the
page never gets ready or a cell never finishes.

Usage: browser_drive.py --devtools-port N --url URL --out FILE [--timeout S] [--rerun I ...]
"""

import argparse
import json
import sys
import time
import urllib.request

import websocket  # Debian python3-websocket (websocket-client)


class Page:
    """A DevTools connection to one page target."""

    def __init__(self, ws_url, timeout):
        # suppress_origin: chromium refuses DevTools websockets whose Origin
        # header it was not told to allow.
        self.ws = websocket.create_connection(ws_url, timeout=timeout, suppress_origin=True)
        self.next_id = 0
        self.console = []

    def close(self):
        self.ws.close()

    def _record(self, msg):
        method = msg.get("method", "")
        p = msg.get("params", {})
        if method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "warning", "assert"):
            args = [a.get("value", a.get("description", "")) for a in p.get("args", [])]
            self.console.append("console.%s: %s" % (p["type"], " ".join(str(a) for a in args)))
        elif method == "Runtime.exceptionThrown":
            d = p.get("exceptionDetails", {})
            exc = d.get("exception", {}).get("description") or d.get("text", "")
            self.console.append("exception: %s" % exc)
        elif method == "Log.entryAdded":
            e = p.get("entry", {})
            if e.get("level") in ("error", "warning"):
                self.console.append("log.%s: %s %s" % (e["level"], e.get("text", ""), e.get("url", "")))

    def call(self, method, **params):
        self.next_id += 1
        want = self.next_id
        self.ws.send(json.dumps({"id": want, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == want:
                if "error" in msg:
                    raise RuntimeError("%s: %s" % (method, msg["error"]))
                return msg.get("result", {})
            self._record(msg)

    def eval(self, expr):
        """Evaluate a JavaScript expression in the page; return its JSON value."""
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            d = r["exceptionDetails"]
            raise RuntimeError("page JavaScript failed: %s" % (d.get("exception", {}).get("description") or d.get("text")))
        return r.get("result", {}).get("value")

    def wait(self, expr, what, deadline):
        """Poll expr until it is truthy; fail with what when deadline passes."""
        while True:
            try:
                v = self.eval(expr)
            except RuntimeError as e:
                v, last = None, str(e)
            else:
                last = repr(v)
            if v:
                return v
            if time.monotonic() > deadline:
                raise TimeoutError("timed out waiting for %s (last value: %s)" % (what, last))
            time.sleep(0.2)


def page_target(port, deadline):
    """The websocket URL of chromium's first page target."""
    url = "http://127.0.0.1:%d/json/list" % port
    last = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                for t in json.load(r):
                    if t.get("type") == "page" and t.get("webSocketDebuggerUrl"):
                        return t["webSocketDebuggerUrl"]
        except OSError as e:
            last = e
        time.sleep(0.2)
    raise TimeoutError("no page target at %s: %s" % (url, last))


# The kernel is connected, has answered kernel_info, and is idle.
READY = """(() => {
  const nb = window.Jupyter && Jupyter.notebook;
  const k = nb && nb.kernel;
  return !!(k && k.is_connected() && k.info_reply && k.info_reply.language_info
            && nb.kernel_busy === false);
})()"""

# Count the cells whose execution finished (their idle status arrived after
# all their output), from now on.
INSTALL_COUNTER = """(() => {
  window.__e2eFinished = 0;
  Jupyter.notebook.events.on('finished_execute.CodeCell', () => { window.__e2eFinished++; });
  return true;
})()"""

# n cells have finished since the counter was reset, none is marked
# running, and the kernel is idle.
FINISHED = """(() => {
  const nb = Jupyter.notebook;
  const running = nb.get_cells().filter(c => c.cell_type === 'code' && c.element.hasClass('running'));
  return window.__e2eFinished >= %d && running.length === 0 && nb.kernel_busy === false;
})()"""

# The rendered DOM of every code cell: its prompt and, per output, the
# output's classes, visible text, images (source truncated, and the size
# the browser decoded) and number of inline SVG elements.
SNAPSHOT = """(() => Jupyter.notebook.get_cells()
  .map((c, index) => ({c, index}))
  .filter(x => x.c.cell_type === 'code')
  .map(({c, index}) => ({
    index: index,
    prompt: c.element.find('.input_prompt').first().text().trim(),
    running: c.element.hasClass('running'),
    outputs: c.output_area.element.find('.output_area').toArray().map(o => {
      const sub = o.querySelector('.output_subarea');
      return {
        classes: sub ? sub.className : '',
        text: sub ? sub.innerText : '',
        images: Array.from(o.querySelectorAll('img')).map(i => ({
          src: (i.getAttribute('src') || '').slice(0, 40), width: i.naturalWidth, height: i.naturalHeight})),
        svgs: o.querySelectorAll('svg').length,
      };
    }),
  })))()"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--devtools-port", type=int, required=True)
    ap.add_argument("--url", required=True, help="the notebook page, token included")
    ap.add_argument("--out", required=True, help="file to write the JSON report to")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--rerun", type=int, action="append", default=[],
                    help="index of a cell to execute alone after the run of all cells")
    args = ap.parse_args()
    deadline = time.monotonic() + args.timeout

    page = Page(page_target(args.devtools_port, deadline), args.timeout)
    result = {"console": page.console}
    try:
        page.call("Runtime.enable")
        page.call("Log.enable")
        # Chromium may have opened the page before the server listened, or
        # not at all: navigate now, with the domains enabled.
        page.call("Page.navigate", url=args.url)
        page.wait(READY, "the notebook page to connect to an idle kernel", deadline)
        result["kernel"] = page.eval("""(() => ({
          name: Jupyter.notebook.kernel.name,
          language: Jupyter.notebook.kernel.info_reply.language_info.name,
          implementation: Jupyter.notebook.kernel.info_reply.implementation,
        }))()""")
        ncode = page.eval("Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code').length")

        page.eval(INSTALL_COUNTER)
        page.eval("Jupyter.notebook.execute_all_cells(), true")
        page.wait(FINISHED % ncode, "all %d code cells to finish" % ncode, deadline)
        result["all"] = page.eval(SNAPSHOT)

        for i in args.rerun:
            page.eval("window.__e2eFinished = 0, true")
            page.eval("Jupyter.notebook.get_cell(%d).execute(), true" % i)
            page.wait(FINISHED % 1, "cell %d to finish when run alone" % i, deadline)
        result["rerun"] = page.eval(SNAPSHOT)
    except Exception as e:  # report what we have, with the page's console
        result["error"] = "%s: %s" % (type(e).__name__, e)
        try:
            result["at_error"] = page.eval(SNAPSHOT)
        except Exception as e2:
            result["at_error"] = "no snapshot: %s" % e2
    finally:
        page.close()
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)
    return 1 if "error" in result else 0


if __name__ == "__main__":
    sys.exit(main())
