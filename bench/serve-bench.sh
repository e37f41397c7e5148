#!/usr/bin/env bash
# Webhook benchmark (issue 18): kubeward serve with every default check, Pod Security baseline and
# 20 CEL policies (the 8 of policies/ and 12 renamed copies), answering a real Deployment review
# (examples/hardened/web.yaml) over loopback TLS with keep-alive.
#   1. throughput: wrk (Debian package wrk) with bench/serve-wrk.lua, closed loop, CONNECTIONS
#      connections on 2 threads for SECONDS: requests/s, wrk's latency distribution, and the
#      server's CPU time per review (user + system, from /proc: the figure least moved by what
#      else runs on the machine);
#   2. latency at a fixed rate: h2load (Debian nghttp2-client) paced at RATE/s over 8 HTTP/2
#      connections when installed, else ServeRateHarness, open loop at RATE/s (each request has its intended
#      send time; latency counted from it, so stalls are not hidden), HTTP/1.1 keep-alive;
#   3. memory: the server's peak resident set (VmHWM) after both.
# With BASELINE-REF (a commit, branch or tag), that build is measured too, in the same run,
# alternating with this tree's (baseline, current, baseline, current), so that both see the same
# machine. Client and server share the machine's cores: the figures are what the server does with
# what is left.
# Usage: [WARMUP=SECONDS] bench/serve-bench.sh [SECONDS] [CONNECTIONS] [RATE] [BASELINE-REF]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"; connections="${2:-16}"; rate="${3:-1000}"; baseline="${4:-}"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }
mvn="${MVN:-./mvnw}"
"$mvn" -q -B -o -DskipTests -Dkubeward.dist.skip=true package test-compile >&2
classpath() { echo "$1/target/classes:$1/target/test-classes:$(ls "$1"/target/lib/*.jar | tr '\n' ':')"; }
cp="$(classpath "$PWD")"
work=target/serve-bench
rm -rf "$work/policies"; mkdir -p "$work/policies"
if [ -n "$baseline" ]; then
  base="$PWD/$work/baseline"
  rm -rf "$base"; mkdir -p "$base"
  git archive "$baseline" | tar -x -C "$base"
  (cd "$base" && "$mvn" -q -B -o -DskipTests -Dkubeward.dist.skip=true package test-compile >&2)
fi
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/tls.key" -out "$work/tls.crt" -days 2 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null
cp policies/*.yaml "$work/policies/"
for i in $(seq 1 12); do
  src=$(ls policies/*.yaml | sed -n "$(( (i - 1) % 8 + 1 ))p")
  sed "s/kubeward-\([a-z-]*\)/kubeward-\1-copy$i/g" "$src" > "$work/policies/copy$i-$(basename "$src")"
done
echo "policies: $(grep -l '^kind: ValidatingAdmissionPolicy$' "$work"/policies/*.yaml | wc -l) ValidatingAdmissionPolicies"
java -cp "$cp" dev.kubeward.bench.ServeRateHarness review examples/hardened/web.yaml Deployment web > "$work/review.json"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# run LABEL CLASSPATH: one server, wrk, the fixed rate, memory
run() {
  local label="$1" classpath="$2" port=18443 pid
  java -Xmx128m -Xss512k -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -cp "$classpath" dev.kubeward.cli.Main serve \
    --tls-cert "$work/tls.crt" --tls-key "$work/tls.key" --port "$port" --metrics-port -1 --address 127.0.0.1 \
    "$work/policies" 2> "$work/serve.log" &
  pid=$!
  for _ in $(seq 150); do grep -q "listening on" "$work/serve.log" && break; sleep 0.2; done
  echo "== $label: $(cat "$work/serve.log")"
  local answer
  answer=$(curl -sk -H 'Content-Type: application/json' --data-binary @"$work/review.json" "https://127.0.0.1:$port/validate")
  echo "the review's answer: $(echo "$answer" | head -c 200)…"
  # Readiness, then the first 10 s after it: what the API server gets from a pod that just turned
  # ready (serve warms up before ready since the warm-up commit; a build without it is ready at once).
  local t0=$SECONDS
  until [ "$(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port/readyz")" = 200 ]; do sleep 0.2; done
  echo "ready $((SECONDS - t0)) s after listening"
  echo "first 10 s after ready: $(REVIEW="$work/review.json" wrk -t2 -c"$connections" -d10s --latency -s bench/serve-wrk.lua \
    "https://127.0.0.1:$port/validate" | grep -E 'Requests/sec|99%' | tr -s ' ' | tr '\n' ' ')"
  # The JIT needs long on this engine (thousands of methods, ~60 s of C2 time on 2 shared cores):
  # measured before it is done, the figures are the compiler's, not the server's.
  REVIEW="$work/review.json" wrk -t2 -c"$connections" -d"${WARMUP:-60}s" -s bench/serve-wrk.lua "https://127.0.0.1:$port/validate" >/dev/null
  local before after out requests
  before=$(cpu_ticks "$pid")
  local wrk_cpu="$work/wrk-cpu"
  out=$(REVIEW="$work/review.json" /usr/bin/time -o "$wrk_cpu" -f '%U %S' wrk -t2 -c"$connections" -d"${seconds}s" --latency \
    -s bench/serve-wrk.lua "https://127.0.0.1:$port/validate")
  after=$(cpu_ticks "$pid")
  echo "$out" | grep -E 'Latency|50%|90%|99%|requests in|Requests/sec|Non-2xx|errors'
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "server CPU per review: $(awk -v t=$((after - before)) -v n="$requests" -v hz="$(getconf CLK_TCK)" \
    'BEGIN {printf "%.0f us", t / hz * 1e6 / n}') ($requests reviews, $(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", t / hz}') s CPU)"
  echo "wrk's own CPU: $(awk -v n="$requests" '{printf "%.1f s, %.0f us per review", $1 + $2, ($1 + $2) * 1e6 / n}' "$wrk_cpu")"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  if command -v h2load >/dev/null; then
    # h2load (Debian nghttp2-client): 8 HTTP/2 connections, each paced at RATE/8 requests a second;
    # each request's time from its send to its answer, from h2load's log (µs), sorted for percentiles.
    # The JDK HttpClient of ServeRateHarness could not send 1,000/s here (most requests timed out
    # in the client while wrk got 4,000+/s from the same server).
    rm -f "$work/h2load.log"
    h2load -c8 -t2 --rps=$((rate / 8)) -D "$seconds" -d "$work/review.json" -H 'content-type: application/json' \
      --log-file="$work/h2load.log" "https://127.0.0.1:$port/validate" | grep -E 'finished in|requests:|status codes:' | tr -s ' ' | tr '\n' ' '
    echo
    echo "fixed rate $rate/s (h2load, HTTP/2): $(awk '{print $3}' "$work/h2load.log" | sort -n | awk '{a[NR]=$1} END {
      printf "%d answered; p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms", NR, a[int(NR*0.5)]/1000,
        a[int(NR*0.9)]/1000, a[int(NR*0.99)]/1000, a[int(NR*0.999)]/1000, a[NR]/1000}')"
  else
    java -cp "$cp" dev.kubeward.bench.ServeRateHarness rate "https://localhost:$port/validate" "$work/tls.crt" "$work/review.json" \
      "$rate" "$seconds" 8
  fi
  echo "server memory: $(grep -E 'VmHWM|VmRSS' "/proc/$pid/status" | tr -s ' \t' ' ' | tr '\n' ' ')"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

echo "wrk: $connections connections, 2 threads, ${seconds}s after a ${WARMUP:-60} s warm-up; fixed rate: $rate/s for ${seconds}s over 8 connections"
if [ -n "$baseline" ]; then
  for round in 1 2; do
    run "baseline $baseline (round $round)" "$(classpath "$base")"
    run "current $(git rev-parse --short HEAD)$(git diff --quiet || echo +changes) (round $round)" "$cp"
  done
else
  run "current" "$cp"
fi
