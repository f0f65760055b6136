#!/usr/bin/env bash
# The main job: install dependencies, build, start briefsearchd on 127.0.0.1:7700 with its data in
# ./data, and briefsearch-indexer watching examples/briefs (or $DROP_DIR). Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/install-deps.sh
bash deploy/build.sh

LISTEN="${LISTEN:-127.0.0.1:7700}"
DATA_DIR="${DATA_DIR:-data}"
DROP_DIR="${DROP_DIR:-examples/briefs}"
mkdir -p "$DATA_DIR"

build/bin/briefsearchd --listen "$LISTEN" --data-dir "$DATA_DIR" &
server=$!
trap 'kill -TERM $indexer $server 2>/dev/null; wait $indexer $server 2>/dev/null' INT TERM EXIT
# The indexer waits for the server (it retries with backoff), so start order does not matter.
build/bin/briefsearch-indexer --drop-dir "$DROP_DIR" --server "$LISTEN" \
  --state-dir "$DATA_DIR/indexer-state" &
indexer=$!

for _ in $(seq 1 100); do
  if build/bin/briefsearch --server "$LISTEN" stats >/dev/null 2>&1; then break; fi
  sleep 0.1
done
sleep 1
cat <<MSG

briefsearch is running: server on $LISTEN, data in $DATA_DIR, watching $DROP_DIR.
Try, in another terminal:
  build/bin/briefsearch search 반도체 정책
  build/bin/briefsearch search --publisher KIC --json 인공지능
  build/bin/briefsearch stats
Drop more issues (PDF, HWP, HWPX, DOCX, HTML, TXT, MD) into $DROP_DIR: searchable within seconds.
Press Ctrl-C to stop.
MSG
wait $server
