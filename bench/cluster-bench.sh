#!/usr/bin/env bash
# Cluster-scan benchmark (issue 16: "a cluster of 50,000 objects read and scanned in under 30 s and
# under 1 GB of memory"): ClusterBench serves OBJECTS seeded objects over loopback HTTP as the API
# server serves lists (paged by limit/continue, Secrets as metadata only), then
#   1. ClusterBench read: the reading alone (ClusterReader), RUNS times in one JVM;
#   2. `kubeward scan --cluster` end to end through the launcher, RUNS times, each a fresh JVM:
#      wall time and peak RSS (/usr/bin/time), the JSON report to /dev/null.
# The server runs in its own JVM on the same cores, so the figures include serving the lists.
# Usage: bench/cluster-bench.sh [RUNS] [OBJECTS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
objects="${2:-50000}"
mvn="${MVN:-./mvnw}"
[ -n "${SKIP_BUILD:-}" ] || "$mvn" -q -B -o -DskipTests -Dkubeward.dist.skip=true package test-compile >&2
cp="target/classes:target/test-classes:$(ls target/lib/*.jar | tr '\n' ':')"
work=target/cluster-bench
rm -rf "$work"; mkdir -p "$work"
java -Xmx2g -cp "$cp" dev.kubeward.bench.ClusterBench serve "$work" "$objects" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 600); do [ -f "$work/kubeconfig" ] && break; sleep 0.1; done
[ -f "$work/kubeconfig" ] || { cat "$work/server.log" >&2; echo "the server did not start" >&2; exit 2; }
cat "$work/server.log"
./kubeward version >/dev/null   # the launcher's build and class-data archive exist before timing
echo "$(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
java -XX:+UseParallelGC -XX:InitialRAMPercentage=3.125 -XX:MaxNewSize=256m -XX:MaxTenuringThreshold=0 -XX:TieredStopAtLevel=1 \
  -cp "$cp" dev.kubeward.bench.ClusterBench read "$work/kubeconfig" "$runs"
for i in $(seq "$runs"); do
  code=0
  /usr/bin/time -f "scan --cluster run $i: %e s wall, %U s user, %M KB peak RSS (load $(cut -d' ' -f1 /proc/loadavg))" \
    ./kubeward scan --cluster --kubeconfig "$work/kubeconfig" --format json --output "$work/report.json" --fail-on none \
    2> "$work/scan.err" || code=$?
  grep -v "^$" "$work/scan.err" | tail -3
  [ "$code" -eq 0 ] || { echo "scan exited $code" >&2; exit "$code"; }
done
python3 -c "import json,sys; r=json.load(open('$work/report.json')); print('findings:', len(r.get('findings', [])))" 2>/dev/null || true
