{{- define "shop.fullname" -}}
{{ .Release.Name }}-{{ .Chart.Name }}
{{- end }}

{{- define "shop.labels" -}}
app: {{ .Chart.Name }}
release: {{ .Release.Name }}
{{- end }}
