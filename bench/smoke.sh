#!/usr/bin/env bash
# The benchmark's CI smoke test: the whole comparison (bench/run_bench.sh) at the tiny tier, with
# one-second runs, then a check that it ran and that the engines agree (in-process and gRPC hit
# counts equal for every query, no errors, every peer answered every query). No timing is checked.
#
#   bench/smoke.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/bs-smoke.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
peers=(xapian sqlite)
if [ -f "$build/bench/peers/java/LucenePeer.class" ]; then peers+=(lucene8-nori); fi
BUILD_DIR="$build" CORPUS_ROOT="$tmp/corpus" THREADS=1,2 SECONDS_PER_RUN=1 FRESH_COUNT=3 \
  PEERS="${peers[*]}" bash bench/run_bench.sh tiny "$tmp/out"
args=()
for p in "${peers[@]}"; do args+=(--peer "$p"); done
python3 bench/report/check_agreement.py "$tmp/out" "$tmp"/corpus/corpus-*/queries.jsonl "${args[@]}"
for f in report.md end_to_end.json freshness.json startup.json grpc_merged.json inproc_merged.json; do
  [ -s "$tmp/out/$f" ] || { echo "smoke: $f missing"; exit 1; }
done
echo "smoke: ok"
