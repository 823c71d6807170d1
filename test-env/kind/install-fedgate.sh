#!/usr/bin/env bash
# Builds the fedgate image, loads it into every kind cluster, installs the hub in fg-1 and an agent and
# gateways in every cluster, each joining with a single-use token. Not run by CI (no Docker engine there).
set -euo pipefail
N=${1:-3}
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
image=fedgate/fedgate:dev
ns=fedgate-system

(cd "$root" && mvn -q -B -DskipTests package -pl cli -am)
docker build -t "$image" -f "$root/Dockerfile" "$root"
for i in $(seq 1 "$N"); do kind load docker-image "$image" --name "fg-$i"; done

hub_ctx=kind-fg-1
helm --kube-context "$hub_ctx" upgrade --install fedgate-hub "$root/charts/fedgate-hub" -n "$ns" --create-namespace \
    --set image.repository=fedgate/fedgate --set image.tag=dev --set api.service.type=NodePort --wait --timeout 5m
hub_node_ip=$(kubectl --context "$hub_ctx" get node -l node-role.kubernetes.io/control-plane \
    -o jsonpath='{.items[0].status.addresses[?(@.type=="InternalIP")].address}')
hub_port=$(kubectl --context "$hub_ctx" -n "$ns" get svc fedgate-hub -o jsonpath='{.spec.ports[0].nodePort}')
hub_url="https://$hub_node_ip:$hub_port"
ctl() { kubectl --context "$hub_ctx" -n "$ns" exec fedgate-hub-0 -- fedgate ctl --hub https://127.0.0.1:8443 \
    --cert-dir /var/lib/fedgate/admin "$@"; }
ca=$(ctl ca show)

for i in $(seq 1 "$N"); do
  ctx="kind-fg-$i"
  agent_token=$(ctl token create --cluster "fg-$i" --component agent -o json | sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p')
  gw_token=$(ctl token create --cluster "fg-$i" --component gateway -o json | sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p')
  helm --kube-context "$ctx" upgrade --install fedgate-gateway "$root/charts/fedgate-gateway" -n "$ns" --create-namespace \
      --set image.repository=fedgate/fedgate --set image.tag=dev --set clusterId="fg-$i" --set hub.address="$hub_url" \
      --set joinToken.token="$gw_token" --set-string joinToken.hubCA="$ca" --set tunnel.service.type=NodePort --wait
  helm --kube-context "$ctx" upgrade --install fedgate-agent "$root/charts/fedgate-agent" -n "$ns" \
      --set image.repository=fedgate/fedgate --set image.tag=dev --set clusterId="fg-$i" --set hub.address="$hub_url" \
      --set joinToken.token="$agent_token" --set-string joinToken.hubCA="$ca" --set kubeOvn.enabled=true \
      --set interconnect.mode="${IC_MODE:-kube-ovn}" --wait
done
echo "fedgate installed in $N clusters; hub at $hub_url"
