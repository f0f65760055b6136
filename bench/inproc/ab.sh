#!/bin/bash
# A/B of briefsearch-inproc builds or indexes on one machine whose speed drifts by tens of percent
# between minutes: the configurations run in turns, and each query's fastest time over all rounds
# is kept (--query-times already keeps the fastest of three runs), summed per query class.
#
#   bench/inproc/ab.sh CORPUS_DIR ROUNDS NAME=BINARY@INDEX_DIR ...
#   bench/inproc/ab.sh /tmp/briefsearch-bench/corpus-10000-1 4 \
#       old=/tmp/inproc-old@/tmp/ix10k new=build/bin/briefsearch-inproc@/tmp/ix10k
#
# Each INDEX_DIR must already hold an index of CORPUS_DIR (briefsearch-inproc --data-dir, then
# optionally --reuse --force-merge 1). Prints one line per NAME: total and per-class sums in ms.
set -euo pipefail
corpus=$1; rounds=$2; shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for r in $(seq 1 "$rounds"); do
  for spec in "$@"; do
    name=${spec%%=*}; rest=${spec#*=}; bin=${rest%@*}; index=${rest#*@}
    "$bin" --corpus "$corpus" --data-dir "$index" --reuse --threads 1 --seconds 0.1 \
      --split-threads 0 --query-times "$tmp/$name.$r.jsonl" > /dev/null 2>&1
  done
done
for spec in "$@"; do
  name=${spec%%=*}
  python3 - "$tmp" "$name" <<'PY'
import collections, glob, json, sys
tmp, name = sys.argv[1], sys.argv[2]
best, cls = collections.defaultdict(lambda: float("inf")), {}
for path in glob.glob(f"{tmp}/{name}.*.jsonl"):
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        best[r["id"]] = min(best[r["id"]], r["us"])
        cls[r["id"]] = r["class"]
by = collections.defaultdict(float)
for q, us in best.items():
    by[cls[q]] += us / 1000
print(name, "total %.1f ms" % (sum(best.values()) / 1000),
      " ".join("%s=%.1f" % kv for kv in sorted(by.items())))
PY
done
