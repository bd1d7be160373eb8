#!/bin/sh
# Benchmarks of stdlib/signal side by side with OpenCV / SciPy / scikit-image
# on the same sizes, in the same run. The machine is shared, so the Go
# benchmarks and the peers run alternately for several rounds and the table
# keeps the fastest time of each (the least disturbed one).
# Usage: bench/signal.sh [rounds] [go benchtime] [python reps]
# ratio = Go time / peer time (below 1: Go is faster).
set -eu
cd "$(dirname "$0")/.."
rounds=${1:-3}
benchtime=${2:-1s}
reps=${3:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go test -c -o "$tmp/signal.test" ./stdlib/signal
pattern='NCC/|Correlate2D/img512_k[0-9]+$|Correlate2DInto/img512_k[0-9]+$|Correlate1D/n1e6_k1000$'
# OpenCV's filter2D runs on one thread (cv2.setNumThreads makes no
# difference to it, and its CPU time equals its wall time), so the 3x3 case
# is also run with GOMAXPROCS=1; those rows are named <benchmark>_1cpu.
pattern1='Correlate2D(Into)?/img512_k3$'
i=1
while [ "$i" -le "$rounds" ]; do
	echo "round $i/$rounds" >&2
	(cd stdlib/signal && "$tmp/signal.test" -test.run '^$' -test.bench "$pattern" -test.benchtime "$benchtime") >>"$tmp/go.txt"
	(cd stdlib/signal && "$tmp/signal.test" -test.run '^$' -test.bench "$pattern1" -test.benchtime "$benchtime" -test.cpu 1) |
		sed 's/^\(Benchmark[^ 	]*\)/\1_1cpu/' >>"$tmp/go.txt"
	# The peers get the fast OpenBLAS kernels: unset the variables for this command only.
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/signal_peers.py "$reps" >>"$tmp/py.txt"
	i=$((i + 1))
done

printf '%-34s %-30s %9s %9s %7s %10s %12s\n' benchmark peer go_ms peer_ms ratio peer_err go_maxerr
awk '
	FNR == NR {
		if ($1 ~ /^Benchmark/) {
			name = $1; sub(/-[0-9]+$/, "", name)
			for (i = 2; i < NF; i++) {
				if ($(i+1) == "ns/op" && (!(name in go) || $i / 1e6 < go[name])) go[name] = $i / 1e6
				if ($(i+1) == "maxerr_e-12") err[name] = $i * 1e-12
			}
		}
		next
	}
	{
		key = $1 SUBSEP $2
		if (!(key in peer) || $3 < peer[key]) { peer[key] = $3; perr[key] = (NF > 3 ? $4 : "-") }
		if (!(key in seen)) { seen[key] = 1; order[++n] = key }
	}
	END {
		for (k = 1; k <= n; k++) {
			split(order[k], p, SUBSEP)
			g = go[p[1]]
			if (g == "") continue
			e = (p[1] in err) ? sprintf("%.2g", err[p[1]]) : "-"
			printf "%-34s %-30s %9.3f %9.3f %7.2f %10s %12s\n", p[1], p[2], g, peer[order[k]], g / peer[order[k]], perr[order[k]], e
			used[p[1]] = 1
		}
		# Go-only rows (Correlate2DInto, one-thread runs) against the
		# filter2D rows of the same image and kernel size.
		for (name in go) {
			if (name in used) continue
			base = name; sub(/_1cpu$/, "", base); sub(/Correlate2DInto/, "Correlate2D", base)
			for (k = 1; k <= n; k++) {
				split(order[k], p, SUBSEP)
				if (p[1] != base || p[2] !~ /filter2D/) continue
				printf "%-34s %-30s %9.3f %9.3f %7.2f %10s %12s\n", name, p[2], go[name], peer[order[k]], go[name] / peer[order[k]], "-", "-"
			}
		}
	}
' "$tmp/go.txt" "$tmp/py.txt"
