#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine: a JDK and Maven if missing, the real
# OVN daemons (ovsdb-server, ovn-northd, ovn-ic), iproute2 for network-namespace clusters, nftables for
# their kube-proxy-like Service DNAT, Prometheus and Chromium. Only as root; otherwise it says what is
# missing and the tests that need it skip.
set -euo pipefail

need=()
command -v java >/dev/null || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need+=(maven)
command -v ovsdb-server >/dev/null || need+=(openvswitch-common)
command -v ovn-northd >/dev/null || need+=(ovn-central ovn-common)
command -v ovn-ic >/dev/null || need+=(ovn-ic ovn-ic-db)
command -v ip >/dev/null || need+=(iproute2)
command -v nft >/dev/null || [ -x /usr/sbin/nft ] || need+=(nftables)
command -v python3 >/dev/null || need+=(python3)
if [ -n "${FEDGATE_TEST_EXTRAS:-1}" ]; then
  command -v prometheus >/dev/null || [ -x /usr/bin/prometheus ] || need+=(prometheus)
  command -v chromium >/dev/null || need+=(chromium)
  command -v haproxy >/dev/null || need+=(haproxy)
fi

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "install-test-deps: not root, cannot install: ${need[*]}; tests that need them will be skipped" >&2
  exit 0
fi
echo "install-test-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
