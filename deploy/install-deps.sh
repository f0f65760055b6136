#!/usr/bin/env bash
# Installs every build and test dependency of briefsearch from Debian packages.
# Idempotent: re-running it on a machine that has everything does nothing but check.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config ninja-build
  liblucene++-dev libboost-dev libboost-program-options-dev libboost-system-dev
  libboost-filesystem-dev libboost-iostreams-dev
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler libabsl-dev
  libicu-dev libopencc-dev opencc unicode-data
  libpoppler-cpp-dev libgsf-1-dev libzip-dev libpugixml-dev libxml2-dev
  libcairo2-dev libfontconfig-dev fonts-nanum
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  zlib1g-dev nlohmann-json3-dev libssl-dev libstemmer-dev
  clang libclang-rt-14-dev ccache
  libtsan2  # gcc's ThreadSanitizer runtime, for deploy/tsan.sh
  openssl libisal-dev
  libxapian-dev libsqlite3-dev openjdk-17-jdk-headless liblucene8-java gnuplot-nox python3
  recollcmd
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
