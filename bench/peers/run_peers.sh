#!/usr/bin/env bash
# Runs briefsearch-inproc and every peer, one after another, on one corpus with the same queries,
# writing one result line per engine (bench/FORMAT.md) into OUT, the load average around each run
# into OUT/loadavg.txt, and the figures and hit agreement tables into OUT/report.md.
#
#   bench/peers/run_peers.sh --corpus DIR --out DIR [--threads 1,8] [--seconds 10] [--tier 10k]
#                            [--engines "inproc xapian sqlite-unicode61 lucene-nori lucene-cjk"]
#
# Engines: inproc, xapian, sqlite-unicode61, sqlite-trigram, lucene-nori, lucene-cjk. Indexes go
# to OUT/index/ENGINE and are removed after each run (BUILD_DIR: the build tree, default build).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${BUILD_DIR:-$root/build}"
corpus="" out="" threads="1,8" seconds="10" tier=""
engines="inproc xapian sqlite-unicode61 lucene-nori lucene-cjk"
while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) corpus="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --tier) tier="$2"; shift 2 ;;
    --engines) engines="$2"; shift 2 ;;
    *) echo "run_peers.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$corpus" ] && [ -n "$out" ] || { echo "usage: run_peers.sh --corpus DIR --out DIR" >&2; exit 2; }
mkdir -p "$out/index"
common=(--corpus "$corpus" --threads "$threads" --seconds "$seconds" --tier "$tier")
lucene=(env LUCENE_PEER_CLASSES="$build/bench/peers/java" bash "$root/bench/peers/java/lucene_peer.sh")
: >"$out/loadavg.txt"
results=()
for engine in $engines; do
  index="$out/index/$engine"
  case "$engine" in
    inproc) cmd=("$build/bin/briefsearch-inproc" "${common[@]}" --data-dir "$index") ;;
    xapian) cmd=("$build/bin/peer-xapian" "${common[@]}" --index-dir "$index") ;;
    sqlite-*) cmd=("$build/bin/peer-sqlite-fts5" "${common[@]}" --index-dir "$index"
                   --tokenizer "${engine#sqlite-}") ;;
    lucene-*) cmd=("${lucene[@]}" "${common[@]}" --index-dir "$index" --analyzer "${engine#lucene-}") ;;
    *) echo "run_peers.sh: unknown engine $engine" >&2; exit 2 ;;
  esac
  echo "$engine start $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/loadavg.txt"
  echo "run_peers.sh: $engine" >&2
  "${cmd[@]}" >"$out/$engine.json" 2>"$out/$engine.err"
  echo "$engine end $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/loadavg.txt"
  rm -rf "$index"
  results+=("$out/$engine.json")
done
reference="$out/inproc.json"
[ -f "$reference" ] || reference="${results[0]}"
"$build/bin/compare-hits" --queries "$corpus/queries.jsonl" --reference "$reference" \
  "${results[@]}" >"$out/report.md"
cat "$out/report.md"
