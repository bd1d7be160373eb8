#!/usr/bin/python3
"""Time the peers of stdlib/signal's benchmarks on the same sizes.

Prints one line per case: `<go benchmark name> <peer> <median ms> [maxerr]`.
Inputs: uniform [0,1) images (NCC: 1024x1024 with a template cut at
(300, 400); Correlate2D: 512x512 image, kxk kernel, 'valid'), and a 1-D
standard normal signal of 1e6 samples with a 1000-tap kernel ('full').
The Go side draws its own numbers from the same kinds of distributions;
timings do not depend on the values.

Run it through bench/signal.sh (which unsets OPENBLAS_CORETYPE and
OPENBLAS_L2_SIZE for this command) with Debian's /usr/bin/python3.
"""
import sys
import time

import numpy as np
import cv2
import scipy.signal as ss
from skimage.feature import match_template


def median_ms(fn, reps):
    fn()  # warm up
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        ts.append((time.perf_counter() - t0) * 1e3)
    return float(np.median(ts))


def exact_gamma(img, tpl, u, v):
    h, w = tpl.shape
    p = img[u:u + h, v:v + w] - img[u:u + h, v:v + w].mean()
    t = tpl - tpl.mean()
    return (p * t).sum() / np.sqrt((p * p).sum() * (t * t).sum())


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    rng = np.random.default_rng(5)
    img = rng.uniform(0, 1, (1024, 1024))
    img32 = img.astype(np.float32)
    for t in (32, 128):
        tpl = img[300:300 + t, 400:400 + t].copy()
        name = "BenchmarkNCC/img1024_tpl%d" % t
        res = cv2.matchTemplate(img32, tpl.astype(np.float32), cv2.TM_CCOEFF_NORMED)
        pts = [(300, 400)] + [tuple(x) for x in np.random.default_rng(7).integers(0, res.shape[0], (400, 2))]
        err = max(abs(float(res[u, v]) - exact_gamma(img, tpl, u, v)) for u, v in pts)
        ms = median_ms(lambda: cv2.matchTemplate(img32, tpl.astype(np.float32), cv2.TM_CCOEFF_NORMED), reps)
        print(name, "opencv-TM_CCOEFF_NORMED-f32", "%.3f" % ms, "%.3g" % err)
        sk = match_template(img, tpl)
        err = max(abs(float(sk[u, v]) - exact_gamma(img, tpl, u, v)) for u, v in pts)
        ms = median_ms(lambda: match_template(img, tpl), max(3, reps // 3))
        print(name, "skimage-match_template-f64", "%.3f" % ms, "%.3g" % err)

    a = rng.uniform(0, 1, (512, 512))
    a32 = a.astype(np.float32)
    for k in (3, 5, 15, 64):
        ker = rng.uniform(0, 1, (k, k))
        name = "BenchmarkCorrelate2D/img512_k%d" % k
        # filter2D correlates with 'same' borders; the valid part is the crop.
        ms = median_ms(lambda: cv2.filter2D(a32, -1, ker.astype(np.float32), borderType=cv2.BORDER_CONSTANT), reps)
        print(name, "opencv-filter2D-f32", "%.3f" % ms)
        ms = median_ms(lambda: cv2.filter2D(a, -1, ker, borderType=cv2.BORDER_CONSTANT), reps)
        print(name, "opencv-filter2D-f64", "%.3f" % ms)
        ms = median_ms(lambda: ss.correlate(a, ker, mode="valid", method="fft"), reps)
        print(name, "scipy-correlate-fft", "%.3f" % ms)
        if k <= 15:
            ms = median_ms(lambda: ss.correlate2d(a, ker, mode="valid"), max(3, reps // 3))
            print(name, "scipy-correlate2d-direct", "%.3f" % ms)

    x = rng.standard_normal(1_000_000)
    h = rng.standard_normal(1000)
    name = "BenchmarkCorrelate1D/n1e6_k1000"
    ms = median_ms(lambda: ss.oaconvolve(x, h[::-1], mode="full"), reps)
    print(name, "scipy-oaconvolve", "%.3f" % ms)
    ms = median_ms(lambda: ss.fftconvolve(x, h[::-1], mode="full"), reps)
    print(name, "scipy-fftconvolve", "%.3f" % ms)


if __name__ == "__main__":
    main()
