#!/usr/bin/env bash
# Webhook benchmark (issue 18): kubeward serve with every default check, Pod Security baseline and
# 20 CEL policies (the 8 of policies/ and 12 renamed copies), answering a real Deployment review
# (examples/hardened/web.yaml) over loopback TLS with keep-alive.
#   1. throughput: wrk (Debian package wrk) with bench/serve-wrk.lua, closed loop, CONNECTIONS
#      connections on 2 threads for SECONDS: requests/s and wrk's latency distribution;
#   2. latency at a fixed rate: ServeRateHarness, open loop at RATE/s (each request has its intended
#      send time; latency counted from it, so stalls are not hidden), HTTP/1.1 keep-alive;
#   3. memory: the server's peak resident set (VmHWM) after both.
# Client and server share the machine's cores: the figures are what the server does with what is
# left. Usage: bench/serve-bench.sh [SECONDS] [CONNECTIONS] [RATE]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"; connections="${2:-16}"; rate="${3:-1000}"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }
"${MVN:-./mvnw}" -q -B -o -DskipTests -Dkubeward.dist.skip=true package test-compile >&2
cp="target/classes:target/test-classes:$(ls target/lib/*.jar | tr '\n' ':')"
work=target/serve-bench
rm -rf "$work"; mkdir -p "$work/policies"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/tls.key" -out "$work/tls.crt" -days 2 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null
cp policies/*.yaml "$work/policies/"
for i in $(seq 1 12); do
  src=$(ls policies/*.yaml | sed -n "$(( (i - 1) % 8 + 1 ))p")
  sed "s/kubeward-\([a-z-]*\)/kubeward-\1-copy$i/g" "$src" > "$work/policies/copy$i-$(basename "$src")"
done
echo "policies: $(grep -l '^kind: ValidatingAdmissionPolicy$' "$work"/policies/*.yaml | wc -l) ValidatingAdmissionPolicies"
java -cp "$cp" dev.kubeward.bench.ServeRateHarness review examples/hardened/web.yaml Deployment web > "$work/review.json"
port=18443
java -Xmx128m -Xss512k -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -cp "$cp" dev.kubeward.cli.Main serve --tls-cert "$work/tls.crt" --tls-key "$work/tls.key" \
  --port "$port" --metrics-port -1 --address 127.0.0.1 "$work/policies" 2> "$work/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "listening on" "$work/serve.log" && break; sleep 0.2; done
cat "$work/serve.log"
answer=$(curl -sk -H 'Content-Type: application/json' --data-binary @"$work/review.json" "https://127.0.0.1:$port/validate")
echo "the review's answer: $(echo "$answer" | head -c 300)…"
echo "== wrk: $connections connections, 2 threads, ${seconds}s (after a 10 s warm-up)"
REVIEW="$work/review.json" wrk -t2 -c"$connections" -d10s -s bench/serve-wrk.lua "https://127.0.0.1:$port/validate" >/dev/null
REVIEW="$work/review.json" wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/serve-wrk.lua "https://127.0.0.1:$port/validate"
echo "== fixed rate: $rate/s for ${seconds}s over 8 connections (after a warm-up)"
java -cp "$cp" dev.kubeward.bench.ServeRateHarness rate "https://localhost:$port/validate" "$work/tls.crt" "$work/review.json" \
  "$rate" "$seconds" 8
echo "== server memory: $(grep -E 'VmHWM|VmRSS' /proc/$pid/status | tr -s ' \t' ' ' | tr '\n' ' ')"
