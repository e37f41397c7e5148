#!/bin/bash
# Usage: bench/serve-jvm.sh (after bench/serve-bench.sh); docs/performance.md, "The webhook's JVM options".
# serve under the image's JVM options vs. server options: CPU per review (wrk closed loop) and p99 at a fixed rate (h2load)
cd "$(dirname "$0")/.."
[ -f target/serve-bench/review.json ] || { echo "run bench/serve-bench.sh once first (it writes target/serve-bench/)" >&2; exit 2; }
[ -f target/kubeward.jar ] || { echo "build first: ./mvnw -DskipTests package" >&2; exit 2; }
w=target/serve-bench
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
for round in 1 2; do
for cfg in "image:-XX:+UseParallelGC -XX:InitialRAMPercentage=3.125 -XX:MaxNewSize=256m -XX:MaxTenuringThreshold=0 -XX:TieredStopAtLevel=1" \
           "parallel-c2:-XX:+UseParallelGC -XX:InitialRAMPercentage=3.125 -XX:MaxNewSize=256m" \
           "serial-c2:-Xmx128m -XX:+UseSerialGC" ; do
  name=${cfg%%:*}; o=${cfg#*:}
  java $o -jar target/kubeward.jar serve --tls-cert $w/tls.crt --tls-key $w/tls.key --port 18444 --metrics-port -1 --address 127.0.0.1 --warmup 0 $w/policies 2> target/serve-jvm.log &
  pid=$!
  for _ in $(seq 150); do grep -q "listening on" target/serve-jvm.log && break; sleep 0.2; done
  until [ "$(curl -sk -o /dev/null -w '%{http_code}' https://127.0.0.1:18444/readyz)" = 200 ]; do sleep 0.2; done
  REVIEW=$w/review.json wrk -t2 -c16 -d40s -s bench/serve-wrk.lua https://127.0.0.1:18444/validate >/dev/null
  b=$(cpu_ticks $pid)
  out=$(REVIEW=$w/review.json wrk -t2 -c16 -d15s -s bench/serve-wrk.lua https://127.0.0.1:18444/validate)
  a=$(cpu_ticks $pid)
  n=$(echo "$out" | awk '/requests in/ {print $1}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  rm -f target/serve-jvm-h2.log
  h2load -c8 -t2 --rps=125 -D 15 -d $w/review.json -H 'content-type: application/json' --log-file=target/serve-jvm-h2.log https://127.0.0.1:18444/validate >/dev/null
  p=$(awk '{print $3}' target/serve-jvm-h2.log | sort -n | awk '{a[NR]=$1} END {printf "p50 %.2f p99 %.2f ms (%d)", a[int(NR*0.5)]/1000, a[int(NR*0.99)]/1000, NR}')
  echo "$name round $round: $rps req/s, $(awk -v t=$((a-b)) -v n=$n 'BEGIN {printf "%.0f us CPU/review", t/100*1e6/n}'), 1000/s: $p, $(grep VmHWM /proc/$pid/status | tr -s ' \t' ' '), load $(cut -d' ' -f1 /proc/loadavg)"
  kill $pid; wait $pid 2>/dev/null
done; done
