#!/usr/bin/env bash
# Freshness of Recoll's real-time indexer (recollindex -m: Xapian plus inotify), the peer for
# briefsearch-indexer: drops N files into a watched temp folder at a fixed interval, each written
# to a hidden name and renamed in (as briefsearch's drop folder expects), each with a word no other
# file has, and polls recollq until each is found. Prints one JSON object:
#   {"engine":"recoll","drops":N,"found":N,"interval_s":1,"monixinterval_s":…,
#    "freshness_s":{"p50":…,"p95":…,"p99":…,"max":…}}
#
#   freshness.sh [--drops 20] [--interval 1] [--monixinterval S] [--timeout 120]
#
# --monixinterval sets Recoll's queue-processing period (its default is 30 s: events are held that
# long to aggregate them); without it Recoll runs as installed.
set -euo pipefail
drops=20 interval=1 monix="" timeout=120
while [ $# -gt 0 ]; do
  case "$1" in
    --drops) drops="$2"; shift 2 ;;
    --interval) interval="$2"; shift 2 ;;
    --monixinterval) monix="$2"; shift 2 ;;
    --timeout) timeout="$2"; shift 2 ;;
    *) echo "freshness.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
command -v recollindex >/dev/null || { echo "freshness.sh: recollindex not installed (recollcmd)" >&2; exit 1; }

work="$(mktemp -d)"
monitor_pid=""
dropper_pid=""
cleanup() {
  [ -n "$dropper_pid" ] && kill "$dropper_pid" 2>/dev/null || true
  if [ -n "$monitor_pid" ]; then
    kill "$monitor_pid" 2>/dev/null || true
    wait "$monitor_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
conf="$work/conf" docs="$work/docs"
mkdir -p "$conf" "$docs"
{
  echo "topdirs = $docs"
  echo "noaspell = 1"
  echo "loglevel = 2"
  [ -n "$monix" ] && echo "monixinterval = $monix"
} >"$conf/recoll.conf"

now() { date +%s.%N; }
word_of() { printf 'fresh%sword' "$(printf %04d "$1" | tr 0-9 a-j)"; }  # letters only: one term
drop() {  # drop N: write hidden, rename in
  printf '신규 호 %s 반도체 동향\n' "$(word_of "$1")" >"$docs/.drop-$1.tmp"
  mv "$docs/.drop-$1.tmp" "$docs/drop-$1.txt"
}
found_files() {  # the drop numbers recollq finds for the OR of the words given
  recollq -c "$conf" -b "$*" 2>/dev/null | sed -n 's#.*/drop-\([0-9]*\)\.txt$#\1#p'
}

# Build the first index with one file, start the monitor without its own first pass (-n; that pass
# stopped with an empty "error while indexing" on this machine), and wait until it indexes a new file:
# only then is it watching.
drop 0
recollindex -c "$conf" >/dev/null 2>&1
recollindex -c "$conf" -m -D -x -n -w 0 >"$work/monitor.log" 2>&1 &
monitor_pid=$!
sleep 1
drop 99999
deadline=$(( $(date +%s) + timeout ))
until found_files "$(word_of 99999)" | grep -q .; do
  [ "$(date +%s)" -lt "$deadline" ] || { echo "freshness.sh: monitor never indexed" >&2; exit 1; }
  sleep 0.2
done

# The dropper writes "N drop_time" lines; the poller records the first time each is found.
(
  for i in $(seq 1 "$drops"); do
    drop "$i"
    echo "$i $(now)" >>"$work/dropped"
    sleep "$interval"
  done
) &
dropper_pid=$!
touch "$work/dropped" "$work/found"
deadline=$(( $(date +%s) + drops * ${interval%.*} + timeout ))
while [ "$(wc -l <"$work/found")" -lt "$drops" ] && [ "$(date +%s)" -lt "$deadline" ]; do
  pending=()
  while read -r i _; do
    grep -q "^$i " "$work/found" || pending+=("$(word_of "$i")")
  done <"$work/dropped"
  if [ "${#pending[@]}" -gt 0 ]; then
    query="${pending[0]}"
    for w in "${pending[@]:1}"; do query="$query OR $w"; done
    t="$(now)"
    for i in $(found_files "$query"); do
      grep -q "^$i " "$work/found" || echo "$i $t" >>"$work/found"
    done
  fi
  sleep 0.1
done

join <(sort "$work/dropped") <(sort "$work/found") | awk '{print $3 - $2}' | sort -n >"$work/delays"
awk -v drops="$drops" -v interval="$interval" -v monix="${monix:-null}" '
  { d[NR - 1] = $1 }
  function at(p) { i = int(p * NR); if (i > NR - 1) i = NR - 1; return d[i] }
  END {
    printf "{\"engine\":\"recoll\",\"drops\":%d,\"found\":%d,\"interval_s\":%s,\"monixinterval_s\":%s,",
           drops, NR, interval, monix
    if (NR == 0) { print "\"freshness_s\":{}}"; exit }
    printf "\"freshness_s\":{\"p50\":%.3f,\"p95\":%.3f,\"p99\":%.3f,\"max\":%.3f}}\n",
           at(0.5), at(0.95), at(0.99), d[NR - 1]
  }' "$work/delays"
