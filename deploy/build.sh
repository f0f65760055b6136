#!/usr/bin/env bash
# Configures and builds briefsearch into build/ (Release with debug info). Extra arguments go to
# the CMake configure step, e.g. -DBRIEFSEARCH_SANITIZE=thread.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-build}"
generator=()
if command -v ninja >/dev/null 2>&1 && [ ! -f "$BUILD_DIR/Makefile" ]; then generator=(-G Ninja); fi
cmake -S . -B "$BUILD_DIR" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
cmake --build "$BUILD_DIR" -j "${JOBS:-2}"
