#!/usr/bin/env bash
# Chart and overlay benchmark (issue 22: "a chart render plus scan of a 50-template chart under 2 s").
# Generates under target/ a Helm chart of 50 templates (helpers, a range loop, conditionals, toYaml,
# values) and a Kustomize overlay over a base of 50 resources (namePrefix, namespace, a strategic
# merge patch and a JSON 6902 patch on each), then times end to end through the launcher, RUNS times,
# alternating so that all see the same machine:
#   1. the chart: render by the embedded Helm plus every check (JSON report to /dev/null);
#   2. the overlay: kubectl kustomize (or kustomize) plus every check;
#   3. the yardstick: one small file (JVM start-up and the checks' registry);
#   4. the chart again without kubeward's cache of the extracted Helm library (XDG_CACHE_HOME
#      pointing where nothing can be written), so that helm-java extracts its 94 MB library into a
#      temporary directory as it does on its own: the cost the cache saves, side by side.
# Usage: bench/helm-bench.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
chart=target/bench-chart
overlay=target/bench-kustomize
./kubeward scan examples/hardened >/dev/null   # make sure the launcher's build and CDS archive exist

rm -rf "$chart" "$overlay"
mkdir -p "$chart/templates" "$overlay/base" "$overlay/prod"
cat > "$chart/Chart.yaml" <<'YAML'
apiVersion: v2
name: bench
version: 1.0.0
YAML
cat > "$chart/templates/_helpers.tpl" <<'YAML'
{{- define "bench.labels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}
YAML
{
  echo "image: registry.example.com/shop/web:1.4.2"
  echo "resources:"
  echo "  limits: {cpu: 500m, memory: 256Mi}"
  echo "  requests: {cpu: 100m, memory: 128Mi}"
  echo "apps:"
  for i in $(seq -w 1 50); do
    echo "  app$i: {replicas: $((10#$i % 3 + 1)), privileged: $([ $((10#$i % 5)) -eq 0 ] && echo true || echo false)}"
  done
} > "$chart/values.yaml"
for i in $(seq -w 1 50); do
  cat > "$chart/templates/app$i.yaml" <<YAML
{{- \$app := index .Values.apps "app$i" }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-app$i
  labels:
    {{- include "bench.labels" (dict "name" "app$i" "root" .) | nindent 4 }}
spec:
  replicas: {{ \$app.replicas }}
  selector:
    matchLabels:
      app.kubernetes.io/name: app$i
  template:
    metadata:
      labels:
        {{- include "bench.labels" (dict "name" "app$i" "root" .) | nindent 8 }}
    spec:
      containers:
      {{- range \$c := list "web" "sidecar" }}
      - name: {{ \$c }}
        image: {{ \$.Values.image }}
        resources:
          {{- toYaml \$.Values.resources | nindent 10 }}
        securityContext:
          {{- if \$app.privileged }}
          privileged: true
          {{- else }}
          runAsNonRoot: true
          allowPrivilegeEscalation: false
          {{- end }}
      {{- end }}
YAML
done

echo "resources:" > "$overlay/base/kustomization.yaml"
cat > "$overlay/prod/kustomization.yaml" <<'YAML'
namePrefix: prod-
namespace: prod
resources:
- ../base
patches:
YAML
for i in $(seq -w 1 50); do
  echo "- app$i.yaml" >> "$overlay/base/kustomization.yaml"
  cat > "$overlay/base/app$i.yaml" <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app$i
spec:
  replicas: 1
  selector:
    matchLabels: {app: app$i}
  template:
    metadata:
      labels: {app: app$i}
    spec:
      containers:
      - name: web
        image: registry.example.com/shop/web:1.4.2
        securityContext:
          runAsNonRoot: true
YAML
  cat > "$overlay/prod/app$i.yaml" <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app$i
spec:
  template:
    spec:
      containers:
      - name: web
        securityContext:
          privileged: $([ $((10#$i % 5)) -eq 0 ] && echo true || echo false)
YAML
  cat >> "$overlay/prod/kustomization.yaml" <<YAML
- path: app$i.yaml
- target: {kind: Deployment, name: app$i}
  patch: |-
    - op: replace
      path: /spec/replicas
      value: 3
YAML
done

echo "chart: $(ls "$chart/templates" | wc -l) files in templates/; overlay: $(ls "$overlay/base" | wc -l) base files; $(nproc) cores"
command -v kustomize >/dev/null && echo "kustomize: $(kustomize version)" || echo "kubectl: $(kubectl version --client 2>/dev/null | tr '\n' ' ')"
for i in $(seq "$runs"); do
  /usr/bin/time -f "run $i: chart      %e s wall, %M KB peak RSS" ./kubeward scan "$chart" -f json -o /dev/null --fail-on none 2>&1 >/dev/null | tail -n 1
  /usr/bin/time -f "run $i: overlay    %e s wall, %M KB peak RSS" ./kubeward scan "$overlay/prod" -f json -o /dev/null --fail-on none 2>&1 >/dev/null | tail -n 1
  /usr/bin/time -f "run $i: small file %e s wall, %M KB peak RSS" ./kubeward scan examples/hardened/web.yaml --fail-on none 2>&1 >/dev/null | tail -n 1
  XDG_CACHE_HOME=/dev/null/no-cache /usr/bin/time -f "run $i: chart, no library cache %e s wall, %M KB peak RSS" \
    ./kubeward scan "$chart" -f json -o /dev/null --fail-on none 2>&1 >/dev/null | tail -n 1
done
