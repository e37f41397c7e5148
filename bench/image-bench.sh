#!/usr/bin/env bash
# Large-image scan benchmark (issue 20: "a 500 MB image with 1,500 packages scanned in under 5 s
# cold"): generates a seeded OCI image layout of MEGABYTES of gzip layers (default 500) holding
# 1,500 packages (LargeImageGenerator), the same image as an oci-archive, imports the test OSV
# records into a small database, then runs `kubeward images scan` RUNS times on each, each in a
# fresh JVM (the page cache is dropped first when the host allows it, else the files are warm),
# with wall time and peak RSS.
# With BEFORE=JAR (another build's target/kubeward.jar copied beside it), each run also scans with
# that build, alternating, same JVM options: builds side by side on the same noisy machine.
# SKIP_BUILD=1 uses the build in target/ as it is.
# Usage: bench/image-bench.sh [RUNS] [MEGABYTES]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
mb="${2:-500}"
img="target/bench-image-$mb"
db="target/bench-image-db"
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -q -B -DskipTests package test-compile >&2
cp="target/classes:target/test-classes:$(ls target/lib/*.jar | tr '\n' ':')"
if [ ! -f "$img/index.json" ]; then
  rm -rf "$img"
  java -cp "$cp" dev.kubeward.bench.LargeImageGenerator "$img" "$mb"
fi
if [ ! -f "$img.tar" ]; then
  tar -C "$img" -cf "$img.tar" oci-layout index.json blobs
fi
rm -rf "$db"
./kubeward vulndb import src/test/resources/images/osv --db "$db" -q
echo "image: $(du -sh "$img" | cut -f1); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
opts=(-XX:+UseParallelGC -XX:InitialRAMPercentage=3.125 -XX:MaxNewSize=256m -XX:MaxTenuringThreshold=0 -XX:TieredStopAtLevel=1)
builds=("this=target/kubeward.jar")
[ -z "${BEFORE:-}" ] || builds+=("before=$BEFORE")
for ref in "oci:$img" "oci-archive:$img.tar"; do
  for i in $(seq "$runs"); do
    for b in "${builds[@]}"; do
      sync; (echo 3 > /proc/sys/vm/drop_caches) 2>/dev/null && cold="page cache dropped" || cold="page cache warm"
      /usr/bin/time -f "${b%%=*} $ref run $i ($cold): %e s wall, %M KB peak RSS" \
        java "${opts[@]}" -jar "${b#*=}" images scan "$ref" --db "$db" > target/bench-image.out || [ $? -eq 1 ]
      grep -m1 "packages" target/bench-image.out
    done
  done
done
