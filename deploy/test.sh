#!/usr/bin/env bash
# Installs dependencies, builds with warnings as errors, runs every test (unit and integration)
# through CTest, then a short libFuzzer run of every parser (BRIEFSEARCH_FUZZ_SECONDS each, 10 by
# default; BRIEFSEARCH_FUZZ_SECONDS=0 skips it). Exit status is non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/install-deps.sh
bash deploy/build.sh -DBRIEFSEARCH_WERROR=ON -DBRIEFSEARCH_BUILD_TESTS=ON
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j 2 --timeout 300
fuzz_seconds="${BRIEFSEARCH_FUZZ_SECONDS:-10}"
if [ "$fuzz_seconds" != "0" ]; then
  FUZZ_BUILD_JOBS=2 bash indexer/parse/fuzz/run_fuzz.sh "$fuzz_seconds" "$PWD/build-fuzz"
fi
