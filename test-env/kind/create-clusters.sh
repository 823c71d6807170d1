#!/usr/bin/env bash
# Creates N kind clusters (fg-1..fg-N) with Kube-OVN, and one OVN-IC database container they share.
# Needs docker, kind, kubectl, helm, internet. Not run by CI (no Docker engine there).
set -euo pipefail
N=${1:-3}
OVERLAP=${OVERLAP:-0}
KUBE_OVN_VERSION=${KUBE_OVN_VERSION:-v1.14.10}
# Who owns OVN interconnection (the agent's interconnect.mode, see README "Interconnection ownership"):
#   kube-ovn: Kube-OVN's chart runs ovn-ic-controller (func.ENABLE_IC=true); fedgate only reads and reports.
#   fedgate:  no ovn-ic-controller (func.ENABLE_IC=false); fedgate's agent writes the AZ's side of the hub's plan.
IC_MODE=${IC_MODE:-kube-ovn}
case "$IC_MODE" in
  kube-ovn) enable_ic=true ;;
  fedgate) enable_ic=false ;;
  *) echo "create-clusters: IC_MODE \"$IC_MODE\" is neither kube-ovn nor fedgate" >&2; exit 2 ;;
esac
here="$(cd "$(dirname "$0")" && pwd)"

for tool in docker kind kubectl helm; do
  command -v "$tool" >/dev/null || { echo "create-clusters: $tool is required" >&2; exit 2; }
done
helm repo add kubeovn https://kubeovn.github.io/kube-ovn/ >/dev/null 2>&1 || true
helm repo update kubeovn >/dev/null

for i in $(seq 1 "$N"); do
  name="fg-$i"
  if [ "$OVERLAP" = 1 ]; then pod=10.16; svc=10.96; join=100.64; else pod=$((15 + i)); pod=10.$pod; svc=10.$((95 + i)); join=100.$((63 + i)); fi
  if ! kind get clusters | grep -qx "$name"; then
    cat > "/tmp/$name-kind.yaml" <<KIND
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
networking:
  disableDefaultCNI: true
  kubeProxyMode: iptables
  podSubnet: "$pod.0.0/16"
  serviceSubnet: "$svc.0.0/16"
nodes:
  - role: control-plane
  - role: worker
    labels: {fedgate.io/gateway: "true", ovn.kubernetes.io/ic-gw: "true"}
KIND
    kind create cluster --name "$name" --config "/tmp/$name-kind.yaml" --wait 60s
  fi
  ctx="kind-$name"
  kubectl --context "$ctx" label node -l node-role.kubernetes.io/control-plane kube-ovn/role=master --overwrite
  master_ip=$(kubectl --context "$ctx" get node -l node-role.kubernetes.io/control-plane \
      -o jsonpath='{.items[0].status.addresses[?(@.type=="InternalIP")].address}')
  helm --kube-context "$ctx" upgrade --install kube-ovn kubeovn/kube-ovn --version "$KUBE_OVN_VERSION" \
      --namespace kube-system --set MASTER_NODES="$master_ip" \
      --set ipv4.POD_CIDR="$pod.0.0/16" --set ipv4.POD_GATEWAY="$pod.0.1" \
      --set ipv4.SVC_CIDR="$svc.0.0/16" --set ipv4.JOIN_CIDR="$join.0.0/16" \
      --set func.ENABLE_IC="$enable_ic" --wait --timeout 10m
done

# One OVN-IC database for the cluster set, on kind's Docker network (Kube-OVN's own image ships it).
if ! docker ps --format '{{.Names}}' | grep -qx fg-ovn-ic-db; then
  docker run --name fg-ovn-ic-db -d --network kind --privileged \
      "docker.io/kubeovn/kube-ovn:${KUBE_OVN_VERSION}" bash start-ic-db.sh
fi
ic_ip=$(docker inspect -f '{{.NetworkSettings.Networks.kind.IPAddress}}' fg-ovn-ic-db)

for i in $(seq 1 "$N"); do
  ctx="kind-fg-$i"
  gw=$(kubectl --context "$ctx" get node -l ovn.kubernetes.io/ic-gw=true -o jsonpath='{.items[*].metadata.name}' | tr ' ' ,)
  kubectl --context "$ctx" -n kube-system apply -f - <<CM
apiVersion: v1
kind: ConfigMap
metadata:
  name: ovn-ic-config
  namespace: kube-system
data:
  enable-ic: "true"
  az-name: "az-fg-$i"
  ic-db-host: "$ic_ip"
  ic-nb-port: "6645"
  ic-sb-port: "6646"
  gw-nodes: "$gw"
  auto-route: "true"
CM
done
echo "created $N clusters ($IC_MODE owns interconnection); OVN-IC DB at $ic_ip (ports 6645/6646)"
