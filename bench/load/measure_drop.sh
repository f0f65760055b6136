#!/usr/bin/env bash
# Ingestion end to end through the drop folder, alone: the phase of bench/run_bench.sh that runs
# `briefsearch-indexer --once` over a generated corpus's drop/ into a fresh briefsearchd (no idle
# merge) and divides the articles then searchable by the wall time. Prints one JSON line.
#   bench/load/measure_drop.sh CORPUS_DIR [-- indexer flags...]
#   INDEXER=/path/to/old/briefsearch-indexer bench/load/measure_drop.sh CORPUS_DIR   # a before figure
# CORPUS_DIR as made by `briefsearch-gen --articles N --seed S --out CORPUS_DIR`.
set -euo pipefail
bin=${BIN:-build/bin}
indexer=${INDEXER:-$bin/briefsearch-indexer}
corpus="${1:?usage: bench/load/measure_drop.sh CORPUS_DIR [-- indexer flags...]}"
shift
if [ "${1:-}" = "--" ]; then shift; fi
work=$(mktemp -d "${TMPDIR:-/tmp}/measure-drop.XXXXXX")
echo "measure_drop: work dir $work" >&2
pids=()
trap 'for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait; rm -rf "$work/data"' EXIT
"$bin/briefsearchd" --listen 127.0.0.1:0 --data-dir "$work/data" --port-file "$work/port" \
  --merge-when-idle-s 0 >"$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 600); do [ -s "$work/port" ] && break; sleep 0.1; done
server=$(cat "$work/port")
load0=$(cut -d' ' -f1 /proc/loadavg)
t0=$(date +%s.%N)
"$indexer" --drop-dir "$corpus/drop" --server "$server" --state-dir "$work/state" --once "$@" \
  2>"$work/indexer.log"
t1=$(date +%s.%N)
load1=$(cut -d' ' -f1 /proc/loadavg)
n=$("$bin/briefsearch" --server "$server" stats --json | sed -n 's/.*"articles": *\([0-9]*\).*/\1/p' | head -1)
files=$(find "$corpus/drop" -type f | wc -l)
python3 - "$t0" "$t1" "${n:-0}" "$files" "$load0" "$load1" <<'PY'
import json, sys
t0, t1, n, files = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
s = t1 - t0
print(json.dumps({"seconds": round(s, 2), "files": files, "articles_searchable": n,
                  "articles_per_second": round(n / s, 1), "files_per_second": round(files / s, 1),
                  "load_before": sys.argv[5], "load_after": sys.argv[6]}))
PY
tail -1 "$work/indexer.log" >&2
