#!/usr/bin/env bash
# Audit-log benchmark (issue 19): generates an audit log of EVENTS events (default 1,000,000, about
# 1 GB of JSON lines; see AuditCorpusGenerator for the mix) and times
#   1. kubeward audit-log on it end to end through the launcher (every detection, --quiet), RUNS times;
#   2. the same in a 256 MiB heap (memory does not grow with the file);
#   3. AuditLogBench: reading alone and reading + detecting, several runs in one JVM (warm);
#   4. the webhook sink: 10 EventLists of 400 events a second over HTTPS for 30 s (AuditSinkBench).
# Usage: bench/audit-bench.sh [RUNS] [EVENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
events="${2:-1000000}"
log=target/bench-audit-$events.log
./mvnw -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-audit.cp >&2
cp="target/classes:target/test-classes:$(cat target/bench-audit.cp)"
if [ ! -f "$log" ]; then
  java -cp "$cp" dev.kubeward.bench.AuditCorpusGenerator "$log" "$events"
fi
./kubeward version >/dev/null   # make sure the launcher's build exists
echo "log: $events events, $(du -h "$log" | cut -f1); $(nproc) cores"
for i in $(seq "$runs"); do
  /usr/bin/time -f "audit-log run $i: %e s wall, %M KB peak RSS" ./kubeward audit-log "$log" -q --fail-on none
done
KUBEWARD_JAVA_OPTS=-Xmx256m /usr/bin/time -f "audit-log -Xmx256m: %e s wall, %M KB peak RSS" ./kubeward audit-log "$log" -q --fail-on none
java -XX:+UseParallelGC -cp "$cp" dev.kubeward.bench.AuditLogBench "$log" 4
java -XX:+UseParallelGC -cp "$cp" dev.kubeward.server.AuditSinkBench "$log" 30 10 400
