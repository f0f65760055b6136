#!/usr/bin/env bash
# Runs the through-gRPC measurements of docs/BENCHMARKS.md on one corpus and writes one JSON file
# per tool into OUT: a fresh briefsearchd on loopback, bs-feed into it, bs-load against it,
# briefsearch-inproc on the same corpus for the ratios, a mixed search+ingest run, bs-fresh through a real indexer, and
# bs-startup on the index left behind.
#
#   bench/load/measure_grpc.sh CORPUS_DIR OUT_DIR [SECONDS] [INGEST_THREADS]
#
# MIXED_CORPUS (default CORPUS_DIR) is what the mixed run upserts while searching: a few hundred
# articles are enough, and re-upserting a whole large tier takes as long as the first feed.
# FRESH_COUNT (default 30) is the number of drops in each freshness run.
set -euo pipefail
corpus=$(realpath "$1")
mkdir -p "$2"
out=$(realpath "$2")
seconds=${3:-10}
ingest_threads=${4:-4}
bin=$(dirname "$(realpath "$0")")/../../build/bin
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

start_server() {  # start_server DATA_DIR EXTRA_ARGS... ; sets server and server_pid
  rm -f "$1.port"
  "$bin/briefsearchd" --listen 127.0.0.1:0 --data-dir "$1" --port-file "$1.port" "${@:2}" \
    >"$1.log" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  for _ in $(seq 600); do [ -s "$1.port" ] && break; sleep 0.1; done
  server=$(cat "$1.port")
}

stop_server() {
  kill -TERM "$server_pid"
  wait "$server_pid" || true
}

"$bin/briefsearch-inproc" --corpus "$corpus" --data-dir "$work/inproc" --threads 1,8 \
  --seconds "$seconds" >"$out/inproc.json"

start_server "$work/data" --ingest-threads "$ingest_threads"
"$bin/bs-feed" --server "$server" --corpus "$corpus" --concurrency 8 --server-pid "$server_pid" \
  --data-dir "$work/data" >"$out/feed.json"
"$bin/bs-load" --server "$server" --corpus "$corpus" --seconds "$seconds" \
  --server-pid "$server_pid" --data-dir "$work/data" >"$out/load.json"
# Searches while the same corpus is upserted again (every issue replaced): the mixed load.
"$bin/bs-load" --server "$server" --corpus "$corpus" --concurrency "" --open-fractions "" \
  --mixed-ingest "${MIXED_CORPUS:-$corpus}" --server-pid "$server_pid" >"$out/mixed.json"
mkdir -p "$work/drop"
"$bin/briefsearch-indexer" --drop-dir "$work/drop" --state-dir "$work/state" --server "$server" \
  >"$work/indexer.log" 2>&1 &
indexer_pid=$!
pids+=("$indexer_pid")
"$bin/bs-fresh" --server "$server" --drop "$work/drop" --count "${FRESH_COUNT:-30}" --rate 1 --burst \
  >"$out/fresh.json"
kill -TERM "$indexer_pid"
stop_server
"$bin/bs-startup" --data-dir "$work/data" --server-bin "$bin/briefsearchd" >"$out/startup.json"
echo "results in $out"
