#!/usr/bin/python3
"""PCA on MNIST with NumPy and scikit-learn: the peers of BenchmarkFit.

Usage: /usr/bin/python3 bench/pca_peers.py MNIST_DIR [repeats]

MNIST_DIR holds the GoMNIST module's idx files. The script fits the same
model as stdlib/pca (centre by the training mean, covariance / n, 30
components), prints the best time of each method over the repeats (the
full SVD runs once) and the
test reconstruction error per image (summed over 784 pixels), which must
read 13.866 for every exact method (randomized SVD is approximate).
"""
import gzip
import sys
import time

import numpy as np


def read_idx(path, magic):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    m = int.from_bytes(raw[:4], "big")
    if m != magic:
        raise ValueError(f"{path}: magic {m:#x}, want {magic:#x}")
    nd = m & 0xFF
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(nd)]
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * nd)
    return data.reshape(dims)


def load(d):
    train = read_idx(f"{d}/train-images-idx3-ubyte.gz", 0x803).reshape(-1, 784) / 255.0
    test = read_idx(f"{d}/t10k-images-idx3-ubyte.gz", 0x803).reshape(-1, 784) / 255.0
    return train, test


def numpy_eigh(x, k):
    mu = x.mean(axis=0)
    xc = x - mu
    c = xc.T @ xc / x.shape[0]
    w, v = np.linalg.eigh(c)
    return mu, v[:, ::-1][:, :k]


def sklearn_pca(x, k, solver):
    from sklearn.decomposition import PCA
    p = PCA(n_components=k, svd_solver=solver, random_state=0).fit(x)
    return p.mean_, p.components_.T


def error(mu, w, x):
    xc = x - mu
    r = xc - (xc @ w) @ w.T
    return float((r * r).sum(axis=1).mean())


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    train, test = load(sys.argv[1])
    k = 30
    # (name, fit, repeats): the full SVD takes tens of seconds, run it once.
    methods = [
        ("numpy cov+eigh", lambda: numpy_eigh(train, k), repeats),
        ("sklearn PCA randomized", lambda: sklearn_pca(train, k, "randomized"), repeats),
        ("sklearn PCA full", lambda: sklearn_pca(train, k, "full"), 1),
    ]
    for name, fit, reps in methods:
        best = float("inf")
        for _ in range(reps):
            t0 = time.perf_counter()
            mu, w = fit()
            best = min(best, time.perf_counter() - t0)
        print(f"{name:24s} {best:8.3f} s   test error k={k}: {error(mu, w, test):.4f}")


if __name__ == "__main__":
    main()
