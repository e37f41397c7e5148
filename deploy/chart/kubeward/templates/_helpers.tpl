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

{{/* The exemption of a NetworkPolicy whose only egress is the API server. */}}
{{- define "kubeward.apiServerEgressExemption" -}}
kubeward.dev/ignore: netpol-egress-internet
kubeward.dev/ignore-reason: >-
  This rule is the egress to the API server, which is outside the pod network: a
  NetworkPolicy can only name it by ipBlock, which the check reports whatever the block. Set
  apiServer.cidrs to the API server's endpoint addresses to narrow it.
{{- end -}}

{{/* The exemption of a workload that resolves no name. */}}
{{- define "kubeward.noDnsExemption" -}}
kubeward.dev/ignore: netpol-dns-egress-blocked
kubeward.dev/ignore-reason: >-
  kubeward resolves no name: in a pod the client connects to KUBERNETES_SERVICE_HOST, an IP
  address, so its NetworkPolicy allows the API server and nothing else, DNS included.
{{- end -}}

{{/* How the API server trusts the webhook's certificate: cainjector's annotation, or caBundle. */}}
{{- define "kubeward.caAnnotations" -}}
{{- if eq .Values.webhook.certificate.mode "cert-manager" -}}
annotations:
  cert-manager.io/inject-ca-from: {{ include "kubeward.namespace" . }}/kubeward-webhook
{{- else if ne .Values.webhook.certificate.mode "secret" -}}
{{- fail (printf "webhook.certificate.mode is %q: it is cert-manager or secret" .Values.webhook.certificate.mode) -}}
{{- end -}}
{{- end -}}

{{- define "kubeward.caBundle" -}}
{{- if eq .Values.webhook.certificate.mode "secret" -}}
{{- if not .Values.webhook.certificate.caBundle -}}
{{- fail "webhook.certificate.caBundle is required with webhook.certificate.mode secret (deploy/gen-certs.sh prints it)" -}}
{{- end -}}
caBundle: {{ .Values.webhook.certificate.caBundle }}
{{- end -}}
{{- end -}}

{{/* Which requests the webhooks see: everything but kube-system, kubeward's namespace and excludeNamespaces. */}}
{{- define "kubeward.webhookSelection" -}}
namespaceSelector:
  matchExpressions:
    - key: kubernetes.io/metadata.name
      operator: NotIn
      values:
        - kube-system
        - {{ include "kubeward.namespace" . }}
        {{- range .Values.webhook.excludeNamespaces }}
        - {{ . }}
        {{- end }}
matchConditions:
  # The kubelet's mirror pods of static pods cannot be refused meaningfully (the kubelet runs them
  # anyway); leaving the nodes' requests out also keeps node heartbeats off the webhook.
  - name: not-from-nodes
    expression: '!("system:nodes" in request.userInfo.groups)'
  # kubeward's own service accounts: a webhook that blocks its own rollout cannot be repaired.
  - name: not-kubeward-itself
    expression: '!request.userInfo.username.startsWith("system:serviceaccount:{{ include "kubeward.namespace" . }}:")'
rules:
  - operations: [CREATE, UPDATE]
    apiGroups: [""]
    apiVersions: [v1]
    resources: [pods, replicationcontrollers, podtemplates, services, serviceaccounts, configmaps,
      namespaces, limitranges, resourcequotas]
  - operations: [CREATE, UPDATE]
    apiGroups: [apps]
    apiVersions: [v1]
    resources: [deployments, replicasets, statefulsets, daemonsets]
  - operations: [CREATE, UPDATE]
    apiGroups: [batch]
    apiVersions: [v1]
    resources: [jobs, cronjobs]
  - operations: [CREATE, UPDATE]
    apiGroups: [rbac.authorization.k8s.io]
    apiVersions: [v1]
    resources: [roles, rolebindings, clusterroles, clusterrolebindings]
  - operations: [CREATE, UPDATE]
    apiGroups: [networking.k8s.io]
    apiVersions: [v1]
    resources: [networkpolicies, ingresses]
{{- end -}}
