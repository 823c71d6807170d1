#!/usr/bin/env bash
# Exports an echo service in fg-1 and reaches it from fg-2 by <svc>.<ns>.svc.clusterset.local.
# Not run by CI (no Docker engine there).
set -euo pipefail
src=kind-fg-1
dst=kind-fg-2
for ctx in $src $dst; do kubectl --context "$ctx" create namespace smoke --dry-run=client -o yaml | kubectl --context "$ctx" apply -f -; done
kubectl --context "$src" -n smoke apply -f - <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata: {name: echo}
spec:
  replicas: 2
  selector: {matchLabels: {app: echo}}
  template:
    metadata: {labels: {app: echo}}
    spec:
      containers:
        - name: echo
          image: registry.k8s.io/e2e-test-images/agnhost:2.45
          args: [netexec, --http-port=8080]
---
apiVersion: v1
kind: Service
metadata: {name: echo}
spec:
  selector: {app: echo}
  ports: [{name: http, port: 8080}]
---
apiVersion: multicluster.x-k8s.io/v1alpha1
kind: ServiceExport
metadata: {name: echo}
YAML
echo "waiting for the ServiceImport in fg-2..."
for _ in $(seq 1 60); do
  kubectl --context "$dst" -n smoke get serviceimport echo >/dev/null 2>&1 && break
  sleep 2
done
kubectl --context "$dst" -n smoke get serviceimport echo -o yaml
kubectl --context "$dst" -n smoke run smoke-client --rm -i --restart=Never --image=registry.k8s.io/e2e-test-images/agnhost:2.45 \
    -- curl -sS --max-time 5 http://echo.smoke.svc.clusterset.local:8080/hostname
echo "smoke test passed"
