#!/usr/bin/env bash
# Freshness of one indexer configuration: a fresh briefsearchd on loopback with an empty data dir,
# a briefsearch-indexer (INDEXER, default build/bin's) on an empty drop folder with the extra
# flags given, then bs-fresh: --count drops at 1 per second, then a burst of --count at once.
# The bs-fresh JSON goes to stdout; the work dir (logs) is kept in $TMPDIR and named on stderr.
#   bench/load/measure_fresh.sh [--count N] [-- indexer flags...]
#   INDEXER=/path/to/old/briefsearch-indexer bench/load/measure_fresh.sh   # a before figure
set -euo pipefail
bin=${BIN:-build/bin}
indexer=${INDEXER:-$bin/briefsearch-indexer}
count=30
if [ "${1:-}" = "--count" ]; then count=$2; shift 2; fi
if [ "${1:-}" = "--" ]; then shift; fi
work=$(mktemp -d "${TMPDIR:-/tmp}/measure-fresh.XXXXXX")
echo "measure_fresh: work dir $work" >&2
pids=()
trap 'for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait' EXIT
mkdir -p "$work/drop"
"$bin/briefsearchd" --listen 127.0.0.1:0 --data-dir "$work/data" --port-file "$work/port" \
  >"$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 600); do [ -s "$work/port" ] && break; sleep 0.1; done
server=$(cat "$work/port")
"$indexer" --drop-dir "$work/drop" --state-dir "$work/state" --server "$server" "$@" \
  >"$work/indexer.log" 2>&1 &
pids+=($!)
# Drops made before the watch exists are found by the start-up scan, which (rightly) cannot know
# their writer is done and waits --settle-ms: start measuring once the indexer watches.
for _ in $(seq 600); do grep -q "watching" "$work/indexer.log" 2>/dev/null && break; sleep 0.1; done
"$bin/bs-fresh" --server "$server" --drop "$work/drop" --count "$count" --rate 1 --burst
