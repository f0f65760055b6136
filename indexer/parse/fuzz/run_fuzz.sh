#!/usr/bin/env bash
# Builds the parser fuzzers and the query fuzzer (server/query/fuzz; clang, libFuzzer,
# AddressSanitizer + UBSan) in their own build tree, writes the seed corpora from the unit tests'
# sample issues and the query parser's golden table, and runs each fuzzer for SECONDS.
#
#   indexer/parse/fuzz/run_fuzz.sh [SECONDS per fuzzer, default 60] [BUILD_DIR, default build-fuzz]
#
# Exits non-zero when a fuzzer finds a crash, leak, timeout or out-of-memory; the input that
# caused it is left in BUILD_DIR/fuzz-findings/. Corpora grow in BUILD_DIR/fuzz-corpus/.
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "$0")/../../.." && pwd)"
build="${2:-$root/build-fuzz}"
jobs="${FUZZ_BUILD_JOBS:-1}"

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DBRIEFSEARCH_FUZZ=ON -DBRIEFSEARCH_SANITIZE="address,undefined" >/dev/null
cmake --build "$build" -j "$jobs" --target parse_fuzzers query_fuzzers

seeds="$build/fuzz-corpus/seeds"
# fontconfig keeps its cache until exit, which LeakSanitizer would report.
ASAN_OPTIONS=detect_leaks=0 "$build/bin/parse_fuzz_seeds" "$seeds"
mkdir -p "$build/fuzz-findings"
# Query seeds: every query of the parser's golden table, one file each.
query_seeds="$build/fuzz-corpus/query-seeds"
mkdir -p "$query_seeds"
grep -v '^#' "$root/tests/testdata/query/parser.tsv" | cut -f1 | grep -v '^$' |
  while IFS= read -r q; do printf '%s' "$q" >"$query_seeds/$(printf '%s' "$q" | md5sum | cut -c1-16)"; done

export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1"
export LSAN_OPTIONS="suppressions=$root/indexer/parse/fuzz/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
status=0
for target in fuzz_pdf fuzz_pdf_layout fuzz_html fuzz_text fuzz_parse_file fuzz_hwp \
              fuzz_zip_document fuzz_query; do
  corpus="$build/fuzz-corpus/$target"
  mkdir -p "$corpus"
  echo "run_fuzz: $target for ${seconds}s"
  # Targets that reach libgsf unwind slowly on malloc: libglib has no frame pointers, and only
  # the full stack matches the libgsf leak suppressed in lsan.supp.
  unwind=""
  case "$target" in fuzz_hwp | fuzz_parse_file) unwind=":fast_unwind_on_malloc=0" ;; esac
  target_seeds="$seeds"
  [ "$target" = fuzz_query ] && target_seeds="$query_seeds"
  if ! ASAN_OPTIONS="$ASAN_OPTIONS$unwind" "$build/bin/$target" -max_total_time="$seconds" \
       -timeout=20 -rss_limit_mb=2048 -max_len=1048576 -print_final_stats=1 \
       -artifact_prefix="$build/fuzz-findings/$target-" \
       "$corpus" "$target_seeds" 2>"$build/fuzz-findings/$target.log"; then
    echo "run_fuzz: $target FAILED, see $build/fuzz-findings/$target.log" >&2
    status=1
  fi
  grep -E "^stat::number_of_executed_units|^#[0-9]+ *DONE" "$build/fuzz-findings/$target.log" || true
done
exit "$status"
