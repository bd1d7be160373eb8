#!/bin/sh
# Benchmarks of stdlib/signal side by side with OpenCV / SciPy / scikit-image
# on the same sizes, in the same run (the machine is shared: compare ratios,
# not absolute times). Usage: bench/signal.sh [benchtime] [python reps]
# Ratio = Go time / peer time (below 1 means Go is faster).
set -eu
cd "$(dirname "$0")/.."
benchtime=${1:-20x}
reps=${2:-10}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go test ./stdlib/signal -run '^$' -bench 'NCC/|Correlate2D/img512_k[0-9]+$|Correlate1D/n1e6_k1000$' \
	-benchtime "$benchtime" | tee "$tmp/go.txt"
# The peers get the fast OpenBLAS kernels: unset the variables for this command only.
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/signal_peers.py "$reps" | tee "$tmp/py.txt"

echo
printf '%-34s %-30s %10s %10s %8s %10s\n' benchmark peer go_ms peer_ms ratio peer_err
awk '
	FNR == NR {
		if ($1 ~ /^Benchmark/) {
			name = $1; sub(/-[0-9]+$/, "", name)
			for (i = 2; i < NF; i++) if ($(i+1) == "ns/op") go[name] = $i / 1e6
		}
		next
	}
	{
		g = go[$1]
		if (g == "") next
		printf "%-34s %-30s %10.3f %10.3f %8.2f %10s\n", $1, $2, g, $3, g / $3, (NF > 3 ? $4 : "-")
	}
' "$tmp/go.txt" "$tmp/py.txt"
