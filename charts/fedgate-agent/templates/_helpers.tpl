{{/* Chart name, overridable with nameOverride. */}}
{{- define "fedgate-agent.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Resource name prefix: <release>-<chart>, or the release name when it already contains the chart name. */}}
{{- define "fedgate-agent.fullname" -}}
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

{{/* Labels that select the agent's pod; never change between upgrades. */}}
{{- define "fedgate-agent.selectorLabels" -}}
app.kubernetes.io/name: {{ include "fedgate-agent.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Standard labels on every object of the chart. */}}
{{- define "fedgate-agent.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "fedgate-agent.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: agent
app.kubernetes.io/part-of: fedgate
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "fedgate-agent.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* The Secret holding the join token and the hub's CA, if any. */}}
{{- define "fedgate-agent.joinSecret" -}}
{{- if .Values.joinToken.existingSecret -}}
{{- .Values.joinToken.existingSecret -}}
{{- else if .Values.joinToken.token -}}
{{- printf "%s-join" (include "fedgate-agent.fullname" .) -}}
{{- end -}}
{{- end -}}

{{- define "fedgate-agent.gatewayService" -}}
{{- default (printf "%s/fedgate-gateway" .Release.Namespace) .Values.gateway.service -}}
{{- end -}}

{{/* Fails the render with a message naming the value when the values cannot work together. */}}
{{- define "fedgate-agent.validate" -}}
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
{{- fail "joinToken.hubCA: required with joinToken.token, or the agent cannot verify the hub it sends the token to" -}}
{{- end -}}
{{- if and .Values.gateway.service (not (regexMatch "^[a-z0-9-]+/[a-z0-9-]+$" .Values.gateway.service)) -}}
{{- fail (printf "gateway.service: %q must be namespace/name" .Values.gateway.service) -}}
{{- end -}}
{{- if and .Values.kubeOvn.enabled (or (hasPrefix "ssl:" .Values.kubeOvn.nbAddress) .Values.kubeOvn.tls.icDatabases) (not .Values.kubeOvn.tls.secretName) -}}
{{- fail (printf "kubeOvn.tls.secretName: required for ssl: OVN databases (nbAddress %q, tls.icDatabases %v): a Secret with kube-ovn-tls's keys key, cert and cacert" .Values.kubeOvn.nbAddress .Values.kubeOvn.tls.icDatabases) -}}
{{- end -}}
{{- end -}}
