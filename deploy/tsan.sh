#!/usr/bin/env bash
# Builds briefsearch with ThreadSanitizer (-DBRIEFSEARCH_SANITIZE=thread, gcc's libtsan2) into
# build-tsan/ and runs the tests labelled `concurrency` (queries during writes, commits, merges and
# reader reopens; in-process and through a TSan-built server). Any race report fails the run:
# halt_on_error stops the process at the first one. ignore_noninstrumented_modules makes TSan skip
# the interceptors (malloc, memcpy, close, ...) that Debian's uninstrumented libraries call, and
# deploy/tsan.supp holds the remaining suppressions, each one a documented false positive of an
# uninstrumented library (Lucene++, gRPC, Abseil, boost), never our code. deploy/test.sh runs this
# by default (BRIEFSEARCH_TSAN=0 skips it).
#
#   deploy/tsan.sh            (BUILD_DIR=build-tsan, JOBS=2 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${BUILD_DIR:-build-tsan}"
generator=()
if command -v ninja >/dev/null 2>&1 && [ ! -f "$build/Makefile" ]; then generator=(-G Ninja); fi
started=$(date +%s)
cmake -S . -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DBRIEFSEARCH_SANITIZE=thread -DBRIEFSEARCH_BUILD_TESTS=ON -DBRIEFSEARCH_WERROR=ON >/dev/null
# Only what the concurrency tests need: their binaries and the server they start (not the
# indexer's parsers, which are most of a full build).
cmake --build "$build" -j "${JOBS:-2}" --target index_concurrency_test concurrency_test
built=$(date +%s)
export TSAN_OPTIONS="halt_on_error=1:ignore_noninstrumented_modules=1:second_deadlock_stack=1:history_size=4:suppressions=$PWD/deploy/tsan.supp"
ctest --test-dir "$build" -L concurrency --output-on-failure --timeout 600
echo "tsan: build $((built - started)) s, tests $(($(date +%s) - built)) s"
