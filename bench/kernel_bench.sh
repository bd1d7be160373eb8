#!/bin/bash
# Builds gokernel (and bench/kernelfloor, its protocol with a trivial
# interpreter) and compares its latency with ipykernel's through
# jupyter_client (Debian's /usr/bin/python3). Not part of CI: slow and noisy.
#   bash bench/kernel_bench.sh [--runs 200] [--starts 10]
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/gokernel" .
go build -o "$tmp/kernelfloor" ./bench/kernelfloor
/usr/bin/python3 bench/kernel_bench.py --binary "$tmp/gokernel" --floor "$tmp/kernelfloor" "$@"
