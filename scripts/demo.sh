#!/usr/bin/env bash
# The main job on the bundled samples: installs what docket needs, builds it,
# archives every sample into ./demo-archive (a folder, no server) and runs a
# few searches. Run from anywhere, as root (or with sudo available).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
docket=build/cli/docket
export DOCKET_ARCHIVE="${DOCKET_ARCHIVE:-$PWD/demo-archive}"
echo "== ingesting samples/corpus into $DOCKET_ARCHIVE"
"$docket" ingest --skip '*.json' --skip '*.md' --stats samples/corpus samples/bad
echo "== docket list"
"$docket" list
for q in marigold 'invoice' '"reference word"'; do
  echo "== docket search $q"
  "$docket" search --limit 3 "$q"
done
