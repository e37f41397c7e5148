#!/usr/bin/env bash
# Scan benchmark (issue 2): generates a corpus of 20,000 objects in 2,000 files and times
#   0. the yardstick (issue 14): plain SnakeYAML loadAll of every file on one thread;
#   1. parsing only (ManifestLoader, with positions), in a fresh JVM;
#   2. a full scan end to end through the launcher (every check, JSON report to /dev/null);
#   3. a scan of one small file (start-up dominated);
#   4. where the scan's time goes, phase by phase (ScanPhases).
# Prints wall time and peak resident memory of each, RUNS times. Usage: bench/scan-bench.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
corpus=target/bench-corpus
./mvnw -q -B -DskipTests package test-compile >&2
cp="target/classes:target/test-classes:$(ls target/lib/*.jar | tr '\n' ':')"
if [ ! -d "$corpus" ]; then
  java -cp "$cp" dev.kubeward.bench.CorpusGenerator "$corpus" 2000 10
fi
./kubeward scan examples/hardened >/dev/null   # make sure the launcher's build and CDS archive exist

measure() {   # label, command...
  local label="$1"; shift
  for i in $(seq "$runs"); do
    /usr/bin/time -f "$label run $i: %e s wall, %M KB peak RSS" "$@" >/dev/null 2>/tmp/kubeward-bench.err || true
    tail -n 1 /tmp/kubeward-bench.err
  done
}
echo "corpus: $(find "$corpus" -name '*.yaml' | wc -l) files, $(du -sh "$corpus" | cut -f1); $(nproc) cores"
# The baseline runs with the launcher's JVM settings, so the ratio compares work, not JVM tuning.
jvm=($(sed -n 's/^opts=(\(.*\))$/\1/p' kubeward))
measure "snakeyaml 1T" java "${jvm[@]}" -cp "$cp" dev.kubeward.bench.SnakeYamlBaseline "$corpus"
measure "parse-only" java "${jvm[@]}" -cp "$cp" dev.kubeward.bench.ParseOnly "$corpus"
measure "scan      " ./kubeward scan "$corpus" --format json --output /dev/null --fail-on none
measure "small file" ./kubeward scan examples/hardened/web.yaml --fail-on none
# The scan and the yardstick alternated, so that both see the same machine (issue 14: scan within 1.5x).
for i in $(seq "$runs"); do
  /usr/bin/time -f "side by side run $i: snakeyaml 1T %e s" java "${jvm[@]}" -cp "$cp" dev.kubeward.bench.SnakeYamlBaseline "$corpus" 2>&1 >/dev/null | tail -n 1
  /usr/bin/time -f "side by side run $i: scan        %e s, %M KB" ./kubeward scan "$corpus" --format json --output /dev/null --fail-on none 2>&1 >/dev/null | tail -n 1
done
for i in $(seq "$runs"); do
  echo "phases     run $i: $(java "${jvm[@]}" -cp "$cp" dev.kubeward.bench.ScanPhases "$corpus")"
done
