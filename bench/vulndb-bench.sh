#!/usr/bin/env bash
# Vulnerability database benchmark (issue 20): generates a seeded synthetic OSV corpus of
# MEGABYTES of JSON (default 1024) as per-ecosystem all.zip files, times its import in a fresh JVM
# (wall time and peak memory), then times lookups of an image's 1,500 packages, RUNS times each.
# Usage: bench/vulndb-bench.sh [RUNS] [MEGABYTES]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-1}"
mb="${2:-1024}"
corpus="target/osv-corpus-$mb"
db="target/osv-bench-db"
./mvnw -q -B -DskipTests package test-compile >&2
cp="target/classes:target/test-classes:$(ls target/lib/*.jar | tr '\n' ':')"
if [ ! -d "$corpus" ]; then
  java -cp "$cp" dev.kubeward.bench.OsvCorpusGenerator "$corpus" "$mb"
fi
echo "corpus: $(du -sh "$corpus" | cut -f1) zipped; $(nproc) cores"
for i in $(seq "$runs"); do
  rm -rf "$db"
  /usr/bin/time -f "import run $i: %e s wall, %M KB peak RSS" java -cp "$cp" dev.kubeward.bench.VulnDbBench --import "$corpus" "$db"
  /usr/bin/time -f "re-import of the same data through the launcher (merge into the held index) run $i: %e s wall, %M KB peak RSS" ./kubeward vulndb import "$corpus" --db "$db" -q
done
du -sh "$db"
for i in $(seq "$runs"); do
  java -cp "$cp" dev.kubeward.bench.VulnDbBench "$db" 1500
done
