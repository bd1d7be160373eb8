#!/usr/bin/python3
"""Make fixtures.json: reference values for the Go tests of stdlib/signal.

Run with Debian's Python (python3-numpy, python3-scipy, python3-skimage):
    /usr/bin/python3 make_fixtures.py > fixtures.json
Inputs are drawn from a fixed seed and stored beside the outputs, so the Go
test does not depend on NumPy's generator.
"""
import json
import sys

import numpy as np
import scipy
from scipy import signal
import skimage
from skimage.feature import match_template

rng = np.random.default_rng(20261127)


def arr(a):
    return np.asarray(a, dtype=float).tolist()


cases1 = []
for n, m in [(7, 3), (7, 4), (3, 7), (4, 7), (4, 6), (5, 5), (4, 4), (1, 5), (6, 1), (10, 2), (2, 10), (33, 8)]:
    x = rng.standard_normal(n)
    h = rng.standard_normal(m)
    c = {"x": arr(x), "h": arr(h)}
    for mode in ("full", "same", "valid"):
        c["convolve_" + mode] = arr(np.convolve(x, h, mode))
        c["correlate_" + mode] = arr(np.correlate(x, h, mode))
    cases1.append(c)

cases2 = []
for (r, cc, kr, kc) in [(7, 8, 3, 3), (7, 8, 2, 4), (7, 8, 4, 5), (3, 4, 5, 6), (3, 4, 6, 7),
                        (6, 6, 4, 4), (9, 5, 1, 1), (5, 9, 2, 7), (4, 5, 4, 5), (6, 3, 2, 5)]:
    a = rng.standard_normal((r, cc))
    k = rng.standard_normal((kr, kc))
    c = {"img": arr(a), "k": arr(k)}
    for mode in ("full", "same", "valid"):
        for name, fn in (("convolve", signal.convolve2d), ("correlate", signal.correlate2d)):
            try:
                c[name + "_" + mode] = arr(fn(a, k, mode))
            except ValueError:
                c[name + "_" + mode] = None
    cases2.append(c)


def ncc_exact(img, tpl):
    """Zero-mean NCC, 'valid', two-pass per window in float64; 0 where a
    window has zero variance."""
    h, w = tpl.shape
    t = tpl - tpl.mean()
    tn = np.sqrt((t * t).sum())
    out = np.zeros((img.shape[0] - h + 1, img.shape[1] - w + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            p = img[i:i + h, j:j + w]
            p = p - p.mean()
            d = np.sqrt((p * p).sum()) * tn
            out[i, j] = (p * t).sum() / d if d > 0 else 0.0
    return out


ncc = []
for (r, cc, h, w, const) in [(20, 24, 5, 4, False), (16, 16, 7, 7, False), (12, 15, 3, 6, True)]:
    img = rng.uniform(0, 1, (r, cc))
    if const:
        img[0:6, 0:9] = 0.25  # zero-variance windows
    i0, j0 = 3, 2
    tpl = img[i0:i0 + h, j0:j0 + w].copy() if not const else rng.uniform(0, 1, (h, w))
    ncc.append({"img": arr(img), "tpl": arr(tpl), "exact": arr(ncc_exact(img, tpl)),
                "skimage": arr(match_template(img, tpl))})

json.dump({"numpy": np.__version__, "scipy": scipy.__version__, "skimage": skimage.__version__,
           "conv1d": cases1, "conv2d": cases2, "ncc": ncc}, sys.stdout, separators=(",", ":"))
