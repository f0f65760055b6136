#!/usr/bin/env bash
# One command for the whole comparison at a tier: generate the corpus, measure briefsearch
# in-process, through gRPC (feed, closed and open loop, mixed load), end to end through the drop
# folder, freshness and start-up, then the peer engines on the same corpus and queries, and write
# the report (tables + latency plot).
#
#   bench/run_bench.sh TIER [OUT_DIR]
#
# TIER: tiny (300 articles, seconds per run 1: the CI smoke test), 10k, 100k, 1m, or a number.
# Environment: SECONDS_PER_RUN (default 10, tiny 1), THREADS (closed-loop levels, default
# 1,2,4,8,16), PEERS (default "xapian sqlite lucene8-nori lucene8-cjk"; empty skips them),
# CORPUS_ROOT (where corpora are generated and kept between runs, default /tmp/briefsearch-bench),
# BUILD_DIR (default build), FRESH_COUNT (drops per freshness run, default 30), SEED (default 1),
# TRACK_TOTAL_HITS (SearchRequest.track_total_hits of briefsearch's timed searches, default 1000:
# what Lucene 8's IndexSearcher.search counts exactly before it starts skipping, as the Java peer
# runs; 0 counts every match. The hit counts compared between engines are always exact).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
tier="${1:?usage: bench/run_bench.sh tiny|10k|100k|1m|N [OUT_DIR]}"
case "$tier" in
  tiny) articles=300 ;;
  10k) articles=10000 ;;
  100k) articles=100000 ;;
  1m) articles=1000000 ;;
  *[!0-9]*) echo "run_bench: unknown tier $tier" >&2; exit 2 ;;
  *) articles="$tier" ;;
esac
out="${2:-bench-results/$tier-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
bin="${BUILD_DIR:-build}/bin"
bin="$(cd "$bin" && pwd)"
seed="${SEED:-1}"
secs="${SECONDS_PER_RUN:-10}"
fresh_count="${FRESH_COUNT:-30}"
if [ "$tier" = tiny ]; then secs="${SECONDS_PER_RUN:-1}"; fresh_count="${FRESH_COUNT:-5}"; fi
threads="${THREADS:-1,2,4,8,16}"
track="${TRACK_TOTAL_HITS:-1000}"
case "$track" in ''|*[!0-9]*) echo "run_bench: TRACK_TOTAL_HITS must be a number" >&2; exit 2 ;; esac
peers="${PEERS-xapian sqlite lucene8-nori lucene8-cjk}"
corpus_root="${CORPUS_ROOT:-/tmp/briefsearch-bench}"
corpus="$corpus_root/corpus-$articles-$seed"
work="$(mktemp -d "${TMPDIR:-/tmp}/bs-bench.XXXXXX")"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
log() { echo "run_bench: $(date -u +%H:%M:%S) $*" >&2; }

# --- corpus (kept between runs: generation is deterministic for a seed) ---
if [ ! -f "$corpus/manifest.json" ]; then
  log "generating $articles articles (seed $seed) into $corpus"
  rm -rf "$corpus"
  /usr/bin/time -v "$bin/briefsearch-gen" --articles "$articles" --seed "$seed" --out "$corpus" \
    2> "$work/gen.time"
fi
queries="$corpus/queries.jsonl"
cores=$(nproc)
cat > "$out/run.json" <<JSON
{"tier":"$tier","articles":$articles,"seed":$seed,"seconds_per_run":$secs,"threads":"$threads",
 "track_total_hits":$track,
 "date":"$(date -u +%FT%TZ)","host":"$(uname -srm)","cores":$cores,
 "cpu":"$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)",
 "memory_gb":$(awk '/MemTotal/{printf "%.0f", $2/1048576}' /proc/meminfo),
 "load_average_at_start":"$(cut -d' ' -f1-3 /proc/loadavg)",
 "commit":"$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"}
JSON

# --- in-process: the same analysis and engine with no gRPC and no parsing ---
log "in-process"
"$bin/briefsearch-inproc" --corpus "$corpus" --data-dir "$work/inproc" --threads "$threads" \
  --seconds "$secs" --tier "$tier" --track-total-hits "$track" > "$out/inproc.json"
# The same index merged to one segment, as briefsearchd leaves it after a minute without writes
# (--merge-when-idle-s, --idle-merge-segments) and as the peers below are built: the like-for-like
# row for comparing engines.
log "in-process, merged to one segment"
"$bin/briefsearch-inproc" --corpus "$corpus" --data-dir "$work/inproc" --reuse --force-merge 1 \
  --threads "$threads" --seconds "$secs" --tier "$tier" --track-total-hits "$track" |
  python3 -c 'import json,sys; d=json.load(sys.stdin); d["engine"]+="-merged"; print(json.dumps(d))' \
  > "$out/inproc_merged.json"
rm -rf "$work/inproc"

idle_merge_s=0  # seconds without writes before briefsearchd merges; 0: never (see start_server)
# Starts briefsearchd on a data dir; sets server_pid and server_addr.
start_server() {
  local data="$1"; shift
  rm -f "$work/port"
  # No idle merge unless a phase asks (idle_merge_s): the other phases measure the index as
  # ingestion left it, as briefsearch-inproc's first run does.
  "$bin/briefsearchd" --listen 127.0.0.1:0 --port-file "$work/port" --data-dir "$data" \
    --merge-when-idle-s "$idle_merge_s" "$@" \
    2>> "$work/server.log" &
  server_pid=$!
  pids+=("$server_pid")
  for _ in $(seq 1 300); do [ -s "$work/port" ] && break; sleep 0.05; done
  if [ ! -s "$work/port" ]; then
    log "briefsearchd did not start: $(tail -3 "$work/server.log")"
    exit 1
  fi
  server_addr="$(cat "$work/port")"
}
stop_server() { kill -TERM "$server_pid"; wait "$server_pid" || true; }

# --- through gRPC: feed (no parsing), then queries closed and open loop, then searches while the
# whole corpus is upserted again (mixed load) ---
log "gRPC feed"
# No result cache: the query set repeats every few seconds, so cached runs would measure the
# cache, not the engine (it is measured on its own below).
start_server "$work/grpc" --result-cache-mb 0
"$bin/bs-feed" --server "$server_addr" --corpus "$corpus" --concurrency 8 \
  --server-pid "$server_pid" --data-dir "$work/grpc" > "$out/feed.json"
log "gRPC queries"
"$bin/bs-load" --server "$server_addr" --corpus "$corpus" --concurrency "$threads" \
  --seconds "$secs" --open-fractions 0.5,0.8 --tier "$tier" --server-pid "$server_pid" \
  --track-total-hits "$track" \
  --data-dir "$work/grpc" --mixed-ingest "$corpus" > "$out/grpc.json"
stop_server
# The same server index once an idle server has merged it (--merge-when-idle-s; the default is
# one segment after 60 s without writes): the state an archive is searched in between nightly
# drops, and the like-for-like row beside the merged in-process run and the peers. Up to 100k
# articles (a 1M index is too big for one segment).
if [ "$articles" -le 100000 ]; then
  log "gRPC queries, index merged by the idle server"
  idle_merge_s=1
  start_server "$work/grpc" --result-cache-mb 0 --idle-merge-segments 1
  idle_merge_s=0
  segments=0
  for _ in $(seq 1 600); do
    segments=$("$bin/briefsearch" --server "$server_addr" stats --json |
      sed -n 's/.*"segments": *\([0-9]*\).*/\1/p' | head -1)
    [ "${segments:-0}" = 1 ] && break
    sleep 0.5
  done
  if [ "${segments:-0}" = 1 ]; then
    "$bin/bs-load" --server "$server_addr" --corpus "$corpus" --concurrency "$threads" \
      --seconds "$secs" --open-fractions "" --tier "$tier" --server-pid "$server_pid" \
      --track-total-hits "$track" --data-dir "$work/grpc" |
      python3 -c 'import json,sys; d=json.load(sys.stdin); d["engine"]+="-merged"; print(json.dumps(d))' \
      > "$out/grpc_merged.json"
  else
    log "the idle merge did not finish (segments: ${segments:-?}); no merged gRPC run"
  fi
  stop_server
fi
# The same queries with the result cache on (the default): after the first pass every query is
# answered from the cache, the best case of an archive searched again and again between ingests.
log "gRPC queries, result cache on"
start_server "$work/grpc"
"$bin/bs-load" --server "$server_addr" --corpus "$corpus" --concurrency 1,8 \
  --seconds "$secs" --open-fractions "" --tier "$tier" --server-pid "$server_pid" \
  --track-total-hits "$track" --data-dir "$work/grpc" |
  python3 -c 'import json,sys; d=json.load(sys.stdin); d["engine"]+="-cached"; print(json.dumps(d))' \
  > "$out/grpc_cached.json"
stop_server


# --- end to end: drop-folder files -> parsed -> acknowledged and searchable ---
if [ -d "$corpus/drop" ]; then
  log "end to end through the drop folder"
  start_server "$work/e2e"
  t0=$(date +%s.%N)
  "$bin/briefsearch-indexer" --drop-dir "$corpus/drop" --server "$server_addr" \
    --state-dir "$work/e2e-state" --once 2> "$work/indexer.log"
  t1=$(date +%s.%N)
  n=$("$bin/briefsearch" --server "$server_addr" stats --json | sed -n 's/.*"articles": *\([0-9]*\).*/\1/p' | head -1)
  mb=$(du -sm --apparent-size "$corpus/drop" | cut -f1)
  python3 - "$t0" "$t1" "${n:-0}" "$mb" "$articles" > "$out/end_to_end.json" <<'PY'
import json, sys
t0, t1, n, mb, expected = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
s = t1 - t0
print(json.dumps({"seconds": round(s, 2), "articles_searchable": n, "articles_expected": expected,
                  "articles_per_second": round(n / s, 1), "mb_per_second": round(mb / s, 2)}))
PY
  # Freshness: a running indexer on an empty drop folder, files renamed in one by one.
  log "freshness"
  mkdir -p "$work/fresh-drop"
  "$bin/briefsearch-indexer" --drop-dir "$work/fresh-drop" --server "$server_addr" \
    --state-dir "$work/fresh-state" 2>> "$work/indexer.log" &
  indexer_pid=$!
  pids+=("$indexer_pid")
  "$bin/bs-fresh" --server "$server_addr" --drop "$work/fresh-drop" --count "$fresh_count" \
    --rate 1 --burst > "$out/freshness.json"
  kill -TERM "$indexer_pid"; wait "$indexer_pid" || true
  stop_server
  rm -rf "$work/e2e"
fi

# --- start-up: open the gRPC-fed index cold and warm, answer the first query ---
log "start-up"
"$bin/bs-startup" --data-dir "$work/grpc" --server-bin "$bin/briefsearchd" > "$out/startup.json"
rm -rf "$work/grpc"

# --- peers on the same corpus and queries ---
for p in $peers; do
  log "peer $p"
  case "$p" in
    xapian) cmd=("$bin/peer-xapian") ;;
    sqlite) cmd=("$bin/peer-sqlite-fts5" --tokenizer unicode61) ;;
    lucene8-nori) cmd=(bash bench/peers/java/lucene_peer.sh --analyzer nori) ;;
    lucene8-cjk) cmd=(bash bench/peers/java/lucene_peer.sh --analyzer cjk) ;;
    *) echo "run_bench: unknown peer $p" >&2; continue ;;
  esac
  if ! "${cmd[@]}" --corpus "$corpus" --index-dir "$work/peer-$p" --threads "$threads" \
      --seconds "$secs" --tier "$tier" > "$out/peer-$p.json" 2> "$work/peer-$p.log"; then
    log "peer $p failed: $(tail -3 "$work/peer-$p.log")"
    rm -f "$out/peer-$p.json"
  fi
  rm -rf "$work/peer-$p"
done

python3 bench/report/make_report.py "$out" --queries "$queries"
log "report: $out/report.md"
