#!/usr/bin/env bash
# Side by side (issue 19): kubeward audit-log over LOG with two builds, alternating, ROUNDS times,
# on a noisy host the only fair comparison. BEFORE and AFTER are kubeward.jar files (with their
# lib/ beside them: ./mvnw -Dkubeward.dist.skip=true -DskipTests package, then copy target/kubeward.jar
# and target/lib). Each runs with the JVM options its launcher gave audit-log: before with
# MaxTenuringThreshold=0, after without; "c1" is BEFORE as the container image ran it (C1 only).
# Then AuditCpuBench: reading and detecting on one thread, CPU time per event (warm), both builds.
# Usage: bench/audit-compare.sh LOG ROUNDS BEFORE.jar AFTER.jar
set -euo pipefail
cd "$(dirname "$0")/.."
log="$1"; rounds="$2"; before="$3"; after="$4"
base="-XX:+UseParallelGC -XX:InitialRAMPercentage=3.125 -XX:MaxNewSize=256m"
run() {
  /usr/bin/time -f "$1 round $r: %e s wall, %U s user, %S s sys, %M KB peak RSS; load $(cut -d' ' -f1 /proc/loadavg)" \
    java $2 -jar "$3" audit-log "$log" -q --fail-on none >/dev/null
}
for r in $(seq "$rounds"); do
  run before "$base -XX:MaxTenuringThreshold=0" "$before"
  run after "$base" "$after"
  run c1 "$base -XX:MaxTenuringThreshold=0 -XX:TieredStopAtLevel=1" "$before"
done
classes=target/bench-cpu
mkdir -p "$classes"
javac -cp "$before" -d "$classes" src/test/java/dev/kubeward/bench/AuditCpuBench.java
for jar in "$before" "$after"; do
  echo "AuditCpuBench $jar"
  java $base -cp "$classes:$jar" dev.kubeward.bench.AuditCpuBench "$log" 4
done
