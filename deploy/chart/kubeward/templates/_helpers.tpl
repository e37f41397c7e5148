{{/* The namespace everything namespaced goes into. */}}
{{- define "kubeward.namespace" -}}
{{- .Values.namespace.name -}}
{{- end -}}

{{/* The image, pinned by digest. */}}
{{- define "kubeward.image" -}}
{{- if not .Values.image.digest -}}
{{- fail "image.digest is required: kubeward's chart runs images pinned by digest" -}}
{{- end -}}
{{- printf "%s:%s@%s" .Values.image.repository .Values.image.tag .Values.image.digest -}}
{{- end -}}

{{/* Labels on every object. */}}
{{- define "kubeward.labels" -}}
app.kubernetes.io/name: kubeward
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: kubeward
{{- end -}}

{{/* The container security context both components run with. */}}
{{- define "kubeward.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
privileged: false
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* The pod security context both components run with. */}}
{{- define "kubeward.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
fsGroup: {{ .Values.securityContext.runAsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* The Pod Security Standards version the namespace pins: values, else the cluster's minor. */}}
{{- define "kubeward.podSecurityVersion" -}}
{{- if .Values.namespace.podSecurityVersion -}}
{{- .Values.namespace.podSecurityVersion -}}
{{- else -}}
{{- printf "v%s.%s" .Capabilities.KubeVersion.Major (.Capabilities.KubeVersion.Minor | trimSuffix "+") -}}
{{- end -}}
{{- end -}}

{{/* The API server addresses the components may connect to: apiServer.cidrs, else the fallback. */}}
{{- define "kubeward.apiServerCidrs" -}}
{{- toJson (.Values.apiServer.cidrs | default .Values.apiServer.fallbackCidrs) -}}
{{- end -}}

{{/* The egress rule to the API server. */}}
{{- define "kubeward.apiServerEgress" -}}
- to:
  {{- range (include "kubeward.apiServerCidrs" . | fromJsonArray) }}
    - ipBlock:
        cidr: {{ . }}
  {{- end }}
  ports:
  {{- range .Values.apiServer.ports }}
    - protocol: TCP
      port: {{ . }}
  {{- end }}
{{- end -}}
