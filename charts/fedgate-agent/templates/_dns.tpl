{{/* Name of the CoreDNS RBAC objects and, unless dns.coredns.configMap.name says otherwise, of the ConfigMap. */}}
{{- define "fedgate-agent.corednsName" -}}
{{- printf "%s-coredns" (include "fedgate-agent.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "fedgate-agent.corednsConfigMap" -}}
{{- default (include "fedgate-agent.corednsName" .) .Values.dns.coredns.configMap.name -}}
{{- end -}}

{{/* Fails the render naming the value when the DNS values cannot give CoreDNS a working server block. */}}
{{- define "fedgate-agent.validateDns" -}}
{{- $c := .Values.dns.clusterset -}}
{{- $d := .Values.dns.coredns -}}
{{- if not $c.zone -}}
{{- fail "dns.clusterset.zone: required with dns.clusterset.enabled (the zone CoreDNS answers, normally clusterset.local)" -}}
{{- end -}}
{{- if not (regexMatch "^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)*[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$" $c.zone) -}}
{{- fail (printf "dns.clusterset.zone: %q is not a DNS name (lower-case labels separated by dots, no trailing dot)" $c.zone) -}}
{{- end -}}
{{- if not (has $c.plugin (list "kubernetes" "external")) -}}
{{- fail (printf "dns.clusterset.plugin: %q must be kubernetes (CoreDNS >= 1.12.2) or external (github.com/coredns/multicluster)" (toString $c.plugin)) -}}
{{- end -}}
{{- if not (regexMatch "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$" (toString $d.namespace)) -}}
{{- fail (printf "dns.coredns.namespace: %q is not a namespace name" (toString $d.namespace)) -}}
{{- end -}}
{{- if not (regexMatch "^[a-z0-9]([-.a-z0-9]{0,251}[a-z0-9])?$" (toString $d.serviceAccount)) -}}
{{- fail (printf "dns.coredns.serviceAccount: %q is not a ServiceAccount name (the account CoreDNS runs as)" (toString $d.serviceAccount)) -}}
{{- end -}}
{{- $port := int $d.port -}}
{{- if or (lt $port 1) (gt $port 65535) (ne (toString $port) (toString $d.port)) -}}
{{- fail (printf "dns.coredns.port: %q must be a port number between 1 and 65535" (toString $d.port)) -}}
{{- end -}}
{{- if not (regexMatch "^[-._a-zA-Z0-9]+$" (toString $d.configMap.key)) -}}
{{- fail (printf "dns.coredns.configMap.key: %q is not a ConfigMap key" (toString $d.configMap.key)) -}}
{{- end -}}
{{- end -}}

{{/*
The Corefile server block for the cluster-set zone. "kubernetes" starts a kubernetes plugin that is authoritative
for the zone and answers all of it from ServiceImports and MCS EndpointSlices (multicluster option, CoreDNS
>= 1.12.2); "external" uses github.com/coredns/multicluster. cache never keeps an answer longer than its TTL.
*/}}
{{- define "fedgate-agent.corednsServerBlock" -}}
{{- $zone := .Values.dns.clusterset.zone -}}
# fedgate: {{ $zone }} from the MCS ServiceImports and EndpointSlices (KEP-1645 DNS).
{{ $zone }}:{{ int .Values.dns.coredns.port }} {
    errors
{{- if eq .Values.dns.clusterset.plugin "kubernetes" }}
    kubernetes {{ $zone }} {
        multicluster {{ $zone }}
    }
{{- else }}
    multicluster {{ $zone }}
{{- end }}
{{- with .Values.dns.coredns.metricsAddress }}
    prometheus {{ . }}
{{- end }}
    cache 30
    loadbalance
}
{{- end -}}
