#!/usr/bin/env bash
# HTML report benchmark (issue 21): the 20,000-object corpus of scan-bench.sh rendered with
# --format html, then opened RUNS times in headless Chromium (driven through chromedriver,
# dev.kubeward.bench.HtmlOpenTime), side by side with the report of examples/insecure.
# Needs Debian's chromium and chromium-driver. Usage: bench/html-bench.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
corpus=target/bench-corpus
./mvnw -q -B -DskipTests -Dkubeward.dist.skip=true package test-compile >&2
cp="target/classes:target/test-classes:$(ls target/lib/*.jar | tr '\n' ':')"
if [ ! -d "$corpus" ]; then
  java -cp "$cp" dev.kubeward.bench.CorpusGenerator "$corpus" 2000 10
fi
echo "corpus: $(find "$corpus" -name '*.yaml' | wc -l) files; $(nproc) cores; $(chromium --version 2>/dev/null)"
/usr/bin/time -f "render: %e s wall, %M KB peak RSS" java -jar target/kubeward.jar scan "$corpus" -f html \
  -o target/bench-report.html --fail-on none 2>&1 | tail -n 1
java -jar target/kubeward.jar scan examples/insecure -f html -o target/bench-examples.html --fail-on none 2>/dev/null
java -cp "$cp" dev.kubeward.bench.HtmlOpenTime "$runs" target/bench-examples.html target/bench-report.html
