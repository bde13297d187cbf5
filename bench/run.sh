#!/usr/bin/env bash
# docket's benchmark, one command (as root on Debian 12, from the repository):
#
#   bash bench/run.sh            # the full run: rewrites bench/RESULTS.md
#   bash bench/run.sh --quick    # small sizes, to try the harness (a minute or two)
#
# Installs docket's packages and the baselines' (scripts/setup-bench.sh),
# builds a Release docket and bench/index_bench into build-release/ (or
# $BENCH_BUILD_DIR), generates the corpus with samples/generate.py into a
# temp folder (or $BENCH_WORK), measures, and rewrites bench/RESULTS.md and
# bench/results.json. BENCH_SKIP_SETUP=1 skips the package installs.
set -euo pipefail
started=$(date +%s)
cd "$(dirname "$0")/.."
if [ "${BENCH_SKIP_SETUP:-0}" != 1 ]; then
  bash scripts/setup.sh
  bash scripts/setup-bench.sh
fi
build="${BENCH_BUILD_DIR:-build-release}"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDOCKET_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target docket index_bench
work="${BENCH_WORK:-}"
if [ -z "$work" ]; then
  work=$(mktemp -d /tmp/docket-bench.XXXXXX)
  trap 'rm -rf "$work"' EXIT
fi
/usr/bin/python3 bench/bench.py --docket "$build/cli/docket" --index-bench "$build/bench/index_bench" \
  --work "$work" --started "$started" "$@"
