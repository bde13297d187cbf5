#!/usr/bin/env bash
# Builds the fuzz targets with clang 14 and libFuzzer in build-fuzz/ (or
# $BUILD_DIR) and runs each briefly from its seeds, plus the kept crash
# inputs (ctest -L fuzz). FUZZ_SECONDS sets each fuzzer's time (20).
# -O1 -g1 as in test-sanitize.sh: a quicker build, reports with file:line.
# Run after scripts/setup.sh; CI runs it through .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${BUILD_DIR:-build-fuzz}"
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
  -DDOCKET_FUZZ=ON -DDOCKET_TESTS=OFF -DDOCKET_FUZZ_SECONDS="${FUZZ_SECONDS:-20}"
# Only the fuzzers: the rest of the tree is built and tested by the other stages.
cmake --build "$build" --target docket_fuzzers -j "$(nproc)"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$PWD/fuzz/lsan.supp:print_suppressions=0"
cd "$build"
ctest -L fuzz --output-on-failure -j "$(nproc)"
