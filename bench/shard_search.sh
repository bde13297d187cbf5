#!/usr/bin/env bash
# Fan-out search latency: one archive against the same records in three
# shards (one local, two behind xapian-tcpsrv on loopback). Medians of 40
# runs of the docket binary, process start included. Usage:
#   D=build/cli/docket bench/shard_search.sh
set -euo pipefail
D=${D:-$(dirname "$0")/../build/cli/docket}
W=$(mktemp -d); trap 'kill $P1 $P2 2>/dev/null; rm -rf $W' EXIT
mapfile -t docs < <(ls $(dirname "$0")/../samples/corpus/*/*born_digital*.pdf)
i=0; for d in "${docs[@]}"; do $D ingest --quiet --archive $W/s$((i%3)) "$d" >/dev/null; i=$((i+1)); done
mkdir -p $W/one; for s in s0 s1 s2; do cp -rn $W/$s/records $W/$s/pages $W/$s/originals $W/one/ 2>/dev/null || true; done
cp -r $W/s0/records/. $W/one/records/; cp -r $W/s1/records/. $W/one/records/; cp -r $W/s2/records/. $W/one/records/
cp -r $W/s1/pages/. $W/one/pages/; cp -r $W/s2/pages/. $W/one/pages/; cp -r $W/s1/originals/. $W/one/originals/; cp -r $W/s2/originals/. $W/one/originals/
cp $W/s0/docket.json $W/one/; $D reindex --archive $W/one >/dev/null
xapian-tcpsrv --interface 127.0.0.1 --port 17411 $W/s1/index >/dev/null 2>&1 & P1=$!
xapian-tcpsrv --interface 127.0.0.1 --port 17412 $W/s2/index >/dev/null 2>&1 & P2=$!
sleep 1
med() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run() { for k in $(seq 40); do s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e-s)/1000 )); done | med; }
echo "docs: ${#docs[@]}"
echo "one archive, 'invoice --facets': $(run $D search --archive $W/one --facets invoice) us"
echo "3 shards (1 local, 2 tcp), same: $(run $D search --shard a=$W/s0 --shard b=tcp://127.0.0.1:17411 --shard c=tcp://127.0.0.1:17412 --facets invoice) us"
echo "one archive, 'type:invoice': $(run $D search --archive $W/one type:invoice) us"
echo "3 shards, 'type:invoice': $(run $D search --shard a=$W/s0 --shard b=tcp://127.0.0.1:17411 --shard c=tcp://127.0.0.1:17412 type:invoice) us"
