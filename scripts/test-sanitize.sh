#!/usr/bin/env bash
# The whole test suite again, built with AddressSanitizer (and its leak
# checker) and UBSan, in build-asan/ (or $BUILD_DIR). Any report fails the
# test that triggered it. Run after scripts/setup.sh; CI runs it through .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# -O1 -g1: half the compile time of -O2 -g (measured on server/web_app.cc:
# 8.8 s against 18.8 s of CPU), which is most of this stage, while -g1 keeps
# the line tables that put file:line in the reports.
BUILD_DIR="${BUILD_DIR:-build-asan}" bash scripts/build.sh -DDOCKET_TESTS=ON -DDOCKET_SANITIZE=ON \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG"
# detect_stack_use_after_return finds more and costs more; .ci/run leaves
# it out to stay within CI's time budget.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$root/fuzz/lsan.supp:print_suppressions=0"
cd "${BUILD_DIR:-build-asan}"
ctest --output-on-failure -j "$(nproc)" --timeout 1800 "$@"
