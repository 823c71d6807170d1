{{/* Chart name, overridable with nameOverride. */}}
{{- define "fedgate-gateway.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Resource name prefix: <release>-<chart>, or the release name when it already contains the chart name. */}}
{{- define "fedgate-gateway.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Labels that select the gateway pods; never change between upgrades. */}}
{{- define "fedgate-gateway.selectorLabels" -}}
app.kubernetes.io/name: {{ include "fedgate-gateway.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Standard labels on every object of the chart. */}}
{{- define "fedgate-gateway.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "fedgate-gateway.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: gateway
app.kubernetes.io/part-of: fedgate
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "fedgate-gateway.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* The Secret holding the join token and the hub's CA, if any. */}}
{{- define "fedgate-gateway.joinSecret" -}}
{{- if .Values.joinToken.existingSecret -}}
{{- .Values.joinToken.existingSecret -}}
{{- else if .Values.joinToken.token -}}
{{- printf "%s-join" (include "fedgate-gateway.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/* Fails the render with a message naming the value when the values cannot work together. */}}
{{- define "fedgate-gateway.validate" -}}
{{- if not (has .Values.kind (list "Deployment" "DaemonSet")) -}}
{{- fail (printf "kind: %q must be Deployment or DaemonSet" .Values.kind) -}}
{{- end -}}
{{- if not (has .Values.antiAffinity (list "hard" "soft" "none")) -}}
{{- fail (printf "antiAffinity: %q must be one of hard, soft, none" .Values.antiAffinity) -}}
{{- end -}}
{{- if not (has .Values.tunnel.service.type (list "LoadBalancer" "NodePort")) -}}
{{- fail (printf "tunnel.service.type: %q must be LoadBalancer or NodePort (peer clusters must reach the tunnels)" .Values.tunnel.service.type) -}}
{{- end -}}
{{- $drain := add .Values.drain.preStopSleepSeconds .Values.drain.deadlineSeconds -}}
{{- if le (int .Values.terminationGracePeriodSeconds) (int $drain) -}}
{{- fail (printf "terminationGracePeriodSeconds: %v must exceed drain.preStopSleepSeconds + drain.deadlineSeconds (%v), or Kubernetes kills gateways mid-drain" .Values.terminationGracePeriodSeconds $drain) -}}
{{- end -}}
{{- if and (eq .Values.kind "Deployment") .Values.pdb.enabled (ge (int .Values.pdb.minAvailable) (int .Values.replicas)) -}}
{{- fail (printf "pdb.minAvailable: %v must be below replicas (%v), or no node can ever be drained" .Values.pdb.minAvailable .Values.replicas) -}}
{{- end -}}
{{- if and .Values.clusterId (not (regexMatch "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$" .Values.clusterId)) -}}
{{- fail (printf "clusterId: %q is not an RFC 1123 DNS label (lower-case letters, digits and '-', at most 63)" .Values.clusterId) -}}
{{- end -}}
{{- if not (hasPrefix "https://" .Values.hub.address) -}}
{{- fail (printf "hub.address: %q must be an https:// URL (the hub API is mutual TLS only)" .Values.hub.address) -}}
{{- end -}}
{{- if and .Values.joinToken.existingSecret .Values.joinToken.token -}}
{{- fail "joinToken: set either existingSecret or token, not both" -}}
{{- end -}}
{{- if and .Values.joinToken.token (not .Values.joinToken.hubCA) -}}
{{- fail "joinToken.hubCA: required with joinToken.token, or the gateway cannot verify the hub it sends the token to" -}}
{{- end -}}
{{- end -}}
