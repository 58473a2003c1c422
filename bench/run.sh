#!/usr/bin/env bash
# Builds pmatrix in release mode, sets up the numpy peer's virtual environment and runs the
# comparison (bench/README.md). Extra arguments go to compare.py, e.g. `--runs 9`.
#
#   bench/run.sh                                   # sweep-100, smaa-20 and the rank workloads
#   WORKLOADS=smaa-20 bench/run.sh --runs 9
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
venv="${PMATRIX_BENCH_VENV:-$repo/target/bench-venv}"
workloads="${WORKLOADS:-rank-1k,rank-1k:wsm,rank-100k,rank-100k:wsm,sweep-100,smaa-20}"

cargo build --release --locked --manifest-path "$repo/Cargo.toml"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet numpy pandas
fi
exec python3 "$here/compare.py" \
    --pmatrix "$repo/target/release/pmatrix" \
    --peer-python "$venv/bin/python" \
    --workloads "$workloads" "$@"
