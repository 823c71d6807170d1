#!/usr/bin/env bash
# Three "clusters" (a, b, c) as Linux network namespaces joined by veth links to a "wan" router namespace.
# Every namespace and veth end is created here, inside namespaces named <PREFIX><name>; only 198.18.0.0/15 is
# used; the host's own interfaces and routes are never touched. Needs root and iproute2.
#
#   fgt-netns.sh up PREFIX          create (after removing leftovers of PREFIX and of dead fgt<pid>- runs)
#   fgt-netns.sh down PREFIX        delete PREFIX's namespaces
#   fgt-netns.sh link CLUSTER up|down PREFIX   set a cluster's only link (its veth end) up or down
#   fgt-netns.sh reap               delete namespaces fgt<pid>-* whose creating process is gone
#   fgt-netns.sh addr CLUSTER ADDRESS PREFIX   add ADDRESS/32 (in 198.18.0.0/15) on a cluster's lo (another pod)
#   fgt-netns.sh service CLUSTER VIP:PORT PREFIX TARGET:PORT...   what kube-proxy's nftables mode makes of a
#                                   ClusterIP Service for clients in CLUSTER: connections to VIP:PORT DNATed to the
#                                   targets in turn (needs nft; every address in 198.18.0.0/15)
#
# Layout (cluster i = 1 for a, 2 for b, 3 for c):
#   wan:        w<a|b|c> 198.18.<i>.1/24, ip_forward on; 198.18.9.1/32 on lo (for relays in the wan)
#   cluster X:  vX 198.18.<i>.2/24 (+ .11 and .12 for two gateway replicas), default route via .1
#   a and b:    198.19.0.10/32 on lo: the same backend address in both (overlapping address space)
# PREFIX should be fgt<pid>- (the Java wrapper uses its own pid), so a crashed run is reaped by the next one.
set -euo pipefail

usage() {
  echo "usage: $0 up|down PREFIX | link a|b|c up|down PREFIX | reap | addr a|b|c ADDRESS PREFIX" \
    "| service a|b|c VIP:PORT PREFIX TARGET:PORT..." >&2
  exit 2
}

names() { echo "$1wan $1a $1b $1c"; }

down() {
  local prefix=$1 n
  for n in $(names "$prefix"); do
    if ip netns list | awk '{print $1}' | grep -qx "$n"; then ip netns del "$n"; fi
  done
}

reap() {
  local n pid
  for n in $(ip netns list | awk '{print $1}' | grep -E '^fgt[0-9]+-' || true); do
    pid=${n#fgt}; pid=${pid%%-*}
    if ! kill -0 "$pid" 2>/dev/null; then ip netns del "$n" || true; fi
  done
}

up() {
  local prefix=$1 i=1 c
  case "$prefix" in fgt*-) ;; *) echo "PREFIX must look like fgt<pid>-" >&2; exit 2;; esac
  reap
  down "$prefix"
  for c in wan a b c; do
    ip netns add "$prefix$c"
    ip -n "$prefix$c" link set lo up
  done
  ip netns exec "${prefix}wan" sysctl -qw net.ipv4.ip_forward=1
  ip -n "${prefix}wan" addr add 198.18.9.1/32 dev lo
  for c in a b c; do
    # both ends are created directly inside the namespaces
    ip link add "v$c" netns "$prefix$c" type veth peer name "w$c" netns "${prefix}wan"
    ip -n "${prefix}wan" addr add "198.18.$i.1/24" dev "w$c"
    ip -n "${prefix}wan" link set "w$c" up
    ip -n "$prefix$c" addr add "198.18.$i.2/24" dev "v$c"
    ip -n "$prefix$c" addr add "198.18.$i.11/24" dev "v$c"
    ip -n "$prefix$c" addr add "198.18.$i.12/24" dev "v$c"
    ip -n "$prefix$c" link set "v$c" up
    ip -n "$prefix$c" route add default via "198.18.$i.1"
    i=$((i + 1))
  done
  ip -n "${prefix}a" addr add 198.19.0.10/32 dev lo
  ip -n "${prefix}b" addr add 198.19.0.10/32 dev lo
}

link() {
  local cluster=$1 state=$2 prefix=$3
  case "$cluster" in a|b|c) ;; *) usage;; esac
  case "$state" in up|down) ;; *) usage;; esac
  ip -n "$prefix$cluster" link set "v$cluster" "$state"
  if [ "$state" = up ]; then
    # setting a link down drops the routes through it; bring the default route back with the link
    local i
    case "$cluster" in a) i=1;; b) i=2;; c) i=3;; esac
    ip -n "$prefix$cluster" route replace default via "198.18.$i.1"
  fi
}

in_test_range() {
  [[ "$1" =~ ^198\.1[89]\.[0-9]{1,3}\.[0-9]{1,3}$ ]] || { echo "address $1 is not in 198.18.0.0/15" >&2; exit 2; }
}

cluster_ns() {
  case "$1" in a|b|c) echo "$2$1" ;; *) usage ;; esac
}

addr() {
  local ns
  ns=$(cluster_ns "$1" "$3")
  in_test_range "$2"
  ip -n "$ns" addr add "$2/32" dev lo
}

service() {
  local ns vip=${2%:*} port=${2##*:} i=0 target map=""
  ns=$(cluster_ns "$1" "$3")
  in_test_range "$vip"
  shift 3
  [ $# -ge 1 ] || usage
  for target in "$@"; do
    in_test_range "${target%:*}"
    map="$map${map:+, }$i : ${target%:*} . ${target##*:}"
    i=$((i + 1))
  done
  ip netns exec "$ns" nft add table ip fgt-services
  ip netns exec "$ns" nft add chain ip fgt-services output '{ type nat hook output priority -100; policy accept; }'
  ip netns exec "$ns" nft add rule ip fgt-services output ip daddr "$vip" tcp dport "$port" \
    dnat to numgen inc mod $# map "{ $map }"
}

[ $# -ge 1 ] || usage
case "$1" in
  up) [ $# -eq 2 ] || usage; up "$2" ;;
  down) [ $# -eq 2 ] || usage; down "$2" ;;
  link) [ $# -eq 4 ] || usage; link "$2" "$3" "$4" ;;
  reap) reap ;;
  addr) [ $# -eq 4 ] || usage; addr "$2" "$3" "$4" ;;
  service) [ $# -ge 5 ] || usage; service "${@:2}" ;;
  *) usage ;;
esac
