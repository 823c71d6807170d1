#!/usr/bin/env bash
# Deletes the kind clusters and the OVN-IC DB container that create-clusters.sh made.
set -euo pipefail
N=${1:-3}
for i in $(seq 1 "$N"); do kind delete cluster --name "fg-$i" || true; done
docker rm -f fg-ovn-ic-db >/dev/null 2>&1 || true
