{{/* The gateway pod, shared by the Deployment and the DaemonSet form. */}}
{{- define "fedgate-gateway.podTemplate" -}}
{{- $joinSecret := include "fedgate-gateway.joinSecret" . -}}
metadata:
  labels:
    {{- include "fedgate-gateway.labels" . | nindent 4 }}
    {{- with .Values.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- if or .Values.metrics.podAnnotations .Values.podAnnotations }}
  annotations:
    {{- if .Values.metrics.podAnnotations }}
    prometheus.io/scrape: "true"
    prometheus.io/port: {{ .Values.metrics.port | quote }}
    prometheus.io/path: /metrics
    {{- end }}
    {{- with .Values.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- end }}
spec:
  serviceAccountName: {{ include "fedgate-gateway.fullname" . }}
  automountServiceAccountToken: false
  {{- with .Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.priorityClassName }}
  priorityClassName: {{ . }}
  {{- end }}
  securityContext:
    {{- toYaml .Values.podSecurityContext | nindent 4 }}
  # preStop sleep + drain deadline must both fit, or Kubernetes kills the gateway while flows still drain.
  terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
  nodeSelector:
    {{- toYaml .Values.nodeSelector | nindent 4 }}
  {{- with .Values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- if and (eq .Values.kind "Deployment") (ne .Values.antiAffinity "none") }}
  affinity:
    podAntiAffinity:
      {{- if eq .Values.antiAffinity "hard" }}
      requiredDuringSchedulingIgnoredDuringExecution:
        - topologyKey: {{ .Values.antiAffinityTopologyKey }}
          labelSelector:
            matchLabels:
              {{- include "fedgate-gateway.selectorLabels" . | nindent 14 }}
      {{- else }}
      preferredDuringSchedulingIgnoredDuringExecution:
        - weight: 100
          podAffinityTerm:
            topologyKey: {{ .Values.antiAffinityTopologyKey }}
            labelSelector:
              matchLabels:
                {{- include "fedgate-gateway.selectorLabels" . | nindent 16 }}
      {{- end }}
  {{- end }}
  containers:
    - name: gateway
      image: {{ include "fedgate-gateway.image" . }}
      imagePullPolicy: {{ .Values.image.pullPolicy }}
      args:
        - gateway
        - --hub={{ .Values.hub.address }}
        {{- with .Values.clusterId }}
        - --cluster-id={{ . }}
        {{- end }}
        {{- if $joinSecret }}
        - --token-file=/var/run/fedgate/join/token
        - --hub-ca-file=/var/run/fedgate/join/ca.crt
        {{- end }}
        - --cert-dir=/var/lib/fedgate/identity
        - --tunnel-port={{ .Values.tunnel.port }}
        {{- with .Values.tunnel.advertiseAddress }}
        - --advertise-address={{ . }}
        {{- end }}
        - --drain-timeout={{ .Values.drain.deadlineSeconds }}s
        - --metrics-port={{ .Values.metrics.port }}
        - --log-level={{ .Values.logLevel }}
        {{- range .Values.extraArgs }}
        - {{ . | quote }}
        {{- end }}
      env:
        - name: POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        - name: POD_IP
          valueFrom:
            fieldRef:
              fieldPath: status.podIP
        - name: NODE_NAME
          valueFrom:
            fieldRef:
              fieldPath: spec.nodeName
        - name: JAVA_TOOL_OPTIONS
          value: "-XX:MaxRAMPercentage={{ .Values.jvmMaxRamPercentage }} -Djava.io.tmpdir=/tmp"
        {{- with .Values.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      ports:
        - name: tunnel
          containerPort: {{ .Values.tunnel.port }}
          protocol: TCP
        - name: metrics
          containerPort: {{ .Values.metrics.port }}
          protocol: TCP
      lifecycle:
        preStop:
          # Leave the endpoints first: while this sleeps, the pod is already out of the Service's endpoints
          # and kube-proxy / the load balancer catch up; SIGTERM then starts the gateway's own drain.
          exec:
            command: ["sleep", "{{ .Values.drain.preStopSleepSeconds }}"]
      startupProbe:
        httpGet:
          path: /healthz
          port: metrics
        periodSeconds: 2
        failureThreshold: {{ div .Values.probes.startupTimeoutSeconds 2 }}
      livenessProbe:
        httpGet:
          path: /healthz
          port: metrics
        periodSeconds: {{ .Values.probes.livenessPeriodSeconds }}
        timeoutSeconds: 3
        failureThreshold: 3
      readinessProbe:
        httpGet:
          path: /readyz
          port: metrics
        periodSeconds: {{ .Values.probes.readinessPeriodSeconds }}
        timeoutSeconds: 2
        failureThreshold: 2
      resources:
        {{- toYaml .Values.resources | nindent 8 }}
      securityContext:
        {{- toYaml .Values.securityContext | nindent 8 }}
      volumeMounts:
        - name: identity
          mountPath: /var/lib/fedgate/identity
          {{- if .Values.identity.existingSecret }}
          readOnly: true
          {{- end }}
        {{- if $joinSecret }}
        - name: join
          mountPath: /var/run/fedgate/join
          readOnly: true
        {{- end }}
        - name: tmp
          mountPath: /tmp
  volumes:
    - name: identity
      {{- if .Values.identity.existingSecret }}
      secret:
        secretName: {{ .Values.identity.existingSecret }}
        defaultMode: 0440
      {{- else }}
      # Each gateway pod obtains its own certificate with the join token at start.
      emptyDir:
        medium: Memory
        sizeLimit: 1Mi
      {{- end }}
    {{- if $joinSecret }}
    - name: join
      secret:
        secretName: {{ $joinSecret }}
        defaultMode: 0440
    {{- end }}
    - name: tmp
      emptyDir:
        sizeLimit: 128Mi
{{- end -}}
