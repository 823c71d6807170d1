{{/* Chart name, overridable with nameOverride. */}}
{{- define "fedgate-hub.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Resource name prefix: <release>-<chart>, or the release name when it already contains the chart name. */}}
{{- define "fedgate-hub.fullname" -}}
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

{{/* Headless Service: the StatefulSet's serviceName and Hazelcast's DNS discovery target. */}}
{{- define "fedgate-hub.membersService" -}}
{{- printf "%s-members" (include "fedgate-hub.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels that select the hub's pods; never change between upgrades. */}}
{{- define "fedgate-hub.selectorLabels" -}}
app.kubernetes.io/name: {{ include "fedgate-hub.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Standard labels on every object of the chart. */}}
{{- define "fedgate-hub.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "fedgate-hub.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: hub
app.kubernetes.io/part-of: fedgate
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "fedgate-hub.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "fedgate-hub.hazelcastClusterName" -}}
{{- default (include "fedgate-hub.fullname" .) .Values.hazelcast.clusterName -}}
{{- end -}}

{{/* Fails the render with a message naming the value when the values cannot work together. */}}
{{- define "fedgate-hub.validate" -}}
{{- if lt (int .Values.replicas) 1 -}}
{{- fail (printf "replicas: %v must be at least 1" .Values.replicas) -}}
{{- end -}}
{{- if not (has .Values.antiAffinity (list "hard" "soft" "none")) -}}
{{- fail (printf "antiAffinity: %q must be one of hard, soft, none" .Values.antiAffinity) -}}
{{- end -}}
{{- if not (has .Values.api.service.type (list "ClusterIP" "LoadBalancer" "NodePort")) -}}
{{- fail (printf "api.service.type: %q must be one of ClusterIP, LoadBalancer, NodePort" .Values.api.service.type) -}}
{{- end -}}
{{- if ge (int .Values.pdb.maxUnavailable) (int .Values.replicas) -}}
{{- if gt (int .Values.replicas) 1 -}}
{{- fail (printf "pdb.maxUnavailable: %v must be below replicas (%v), or the budget protects nothing" .Values.pdb.maxUnavailable .Values.replicas) -}}
{{- end -}}
{{- end -}}
{{- end -}}
