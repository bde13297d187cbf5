#!/usr/bin/env bash
# Runs one libFuzzer target briefly for ctest -L fuzz:
#   run_fuzzer.sh FUZZER SECONDS RSS_MB MAX_LEN ARTIFACT_DIR SEED_DIR...
# The fuzzer grows a temporary copy of the seeds (the committed corpus is
# never written); a crash input is kept in ARTIFACT_DIR and printed in
# base64, so that it can be added to fuzz/regressions/NAME/ from a CI log.
set -euo pipefail
fuzzer=$1 seconds=$2 rss_mb=$3 max_len=$4 artifacts=$5
shift 5
work=$(mktemp -d "${TMPDIR:-/tmp}/docket-fuzz-XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$work/crash" "$artifacts"
status=0
"$fuzzer" -max_total_time="$seconds" -rss_limit_mb="$rss_mb" -timeout=10 -max_len="$max_len" \
  -print_final_stats=1 -artifact_prefix="$work/crash/" "$work/corpus" "$@" 2>"$work/log" || status=$?
# libFuzzer's progress lines are many: keep the head, the tail and any report.
head -n 20 "$work/log"
echo "..."
tail -n 60 "$work/log"
for f in "$work"/crash/*; do
  [ -e "$f" ] || continue
  cp "$f" "$artifacts/"
  echo "crash input kept as $artifacts/$(basename "$f"); base64:"
  base64 -w 0 "$f" | head -c 20000 || true  # a long input is cut: the file above is whole
  echo
  status=1
done
exit "$status"
