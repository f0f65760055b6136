#!/usr/bin/env bash
# Installs dependencies, builds with warnings as errors, and runs every test (unit and integration)
# through CTest. Exit status is non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/install-deps.sh
bash deploy/build.sh -DBRIEFSEARCH_WERROR=ON -DBRIEFSEARCH_BUILD_TESTS=ON
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j 2 --timeout 300
