// Package e2e holds the end-to-end tests of gokernel against real Jupyter
// clients; it has no code of its own besides the tests.
//
// The tests build the gokernel binary, install its kernelspec into a
// temporary JUPYTER_DATA_DIR (never the user's), and drive it with Debian's
// /usr/bin/python3 (jupyter_client 7.4.9, nbclient, nbconvert):
// test_protocol.py exercises every message the kernel answers, and the
// smoke notebook notebooks/e2e-smoke.ipynb runs through `jupyter nbconvert
// --execute` and through `gokernel run` with no Jupyter at all.
// TestBrowserNotebook serves a notebook with Debian's classic Jupyter
// Notebook and runs it in headless chromium, driven over the DevTools
// protocol by browser_drive.py: the page's own JavaScript client talks to
// gokernel through the server, and the test reads the rendered outputs.
//
// Invariants:
//   - Without jupyter_client (or chromium and the notebook server for the
//     browser test) the tests skip, unless the environment sets CI, in which
//     case they fail: CI must never pass by skipping.
//   - All Jupyter state (data, runtime, config dirs) lives in t.TempDir().
//   - The same assertions check the nbconvert and the headless outputs.
package e2e
