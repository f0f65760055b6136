#!/usr/bin/env bash
# Installs dependencies, builds with warnings as errors, runs every test (unit and integration)
# through CTest, then a short libFuzzer run of every parser and of the query language
# (BRIEFSEARCH_FUZZ_SECONDS each, 10 by default; BRIEFSEARCH_FUZZ_SECONDS=0 skips it), then the
# `concurrency` tests under ThreadSanitizer in build-tsan/ (deploy/tsan.sh, with deploy/tsan.supp
# for the false positives of the uninstrumented Lucene++, gRPC and Abseil; BRIEFSEARCH_TSAN=0 skips
# it: see docs/RELIABILITY.md). Exit status is non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/install-deps.sh
bash deploy/build.sh -DBRIEFSEARCH_WERROR=ON -DBRIEFSEARCH_BUILD_TESTS=ON
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j 2 --timeout 300 | tee "$log"
fuzz_seconds="${BRIEFSEARCH_FUZZ_SECONDS:-10}"
if [ "$fuzz_seconds" != "0" ]; then
  FUZZ_BUILD_JOBS=2 bash indexer/parse/fuzz/run_fuzz.sh "$fuzz_seconds" "$PWD/build-fuzz"
fi
if [ "${BRIEFSEARCH_TSAN:-1}" != "0" ]; then
  bash deploy/tsan.sh
fi
# One closing line for the whole run (ctest's own summary scrolled away under the fuzz output).
total=$(sed -n 's/.*tests failed out of \([0-9]*\).*/\1/p' "$log" | tail -1)
failed=$(sed -n 's/.*, \([0-9]*\) tests failed out of.*/\1/p' "$log" | tail -1)
echo "tests: $((total - failed)) passed, ${failed} failed"
