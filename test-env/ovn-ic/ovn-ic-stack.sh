#!/usr/bin/env bash
# ovn-ic-stack.sh - a local OVN interconnection (OVN-IC) stack for N availability zones, on loopback.
#
# Starts REAL daemons from Debian's packages (OVN 23.03, OVS 3.1), without systemd:
#   global : ovsdb-server for OVN_IC_Northbound (icnb) and OVN_IC_Southbound (icsb)
#   per AZ : ovsdb-server for OVN_Northbound (azNnb) and OVN_Southbound (azNsb), ovn-northd, ovn-ic
# in a fresh directory, on TCP ports the kernel picks (or from a base port), and writes the endpoints to
# DIR/endpoints.env. "stop DIR" stops only the processes recorded in DIR/pids, by PID, after checking each
# one still is the process started here. Used by the Java wrapper io.fedgate.interconnect.localstack.OvnIcStack
# (JUnit, `fedgate demo --with-ovn`, `fedgate bench ic`) and by hand.
#
# usage:
#   ovn-ic-stack.sh start [--azs N] [--dir DIR] [--base-port P] [--router NAME | --no-router]
#                         [--pod-cidr I=CIDR[,CIDR...]]... [--gateway I=CHASSIS]... [--name-azs] [--ssl]
#       --azs N        number of availability zones (default 2, at most 50)
#       --dir DIR      state directory (default: a new /tmp/fedgate-ovn-ic.XXXXXX); must not exist or be empty
#       --base-port P  IC-NB on P, IC-SB on P+1, AZ I NB on P+10*I, SB on P+10*I+1 (default: ephemeral ports)
#       --router NAME  the cluster router created in every AZ NB, as Kube-OVN does (default ovn-cluster),
#                      with one port per pod CIDR; --no-router leaves the NBs empty
#       --pod-cidr I=CIDR[,CIDR]  router networks of AZ I (default 10.(15+I).0.1/16)
#       --gateway I=CHASSIS  add an SB Chassis marked other_config:is-interconn=true to AZ I (repeatable)
#       --name-azs     set NB_Global name=azI and ic-route-adv/learn=true (fedgate's reconciler does this itself)
#       --ssl          also listen with TLS on every database; PEM files in DIR/pki (openssl needed)
#     prints DIR as the last line of stdout.
#   ovn-ic-stack.sh stop DIR [--keep-dir]     stop everything started in DIR, then remove DIR
#   ovn-ic-stack.sh stop-db DIR NAME          stop one ovsdb-server (NAME: icnb icsb az1nb az1sb ...)
#   ovn-ic-stack.sh start-db DIR NAME         start it again on the same ports, with the same database file
#   ovn-ic-stack.sh stop-ic DIR I             stop AZ I's ovn-ic (and its monitor, so it stays down)
#   ovn-ic-stack.sh start-ic DIR I            start AZ I's ovn-ic again
#   ovn-ic-stack.sh env DIR                   print DIR/endpoints.env
#
# endpoints.env: DIR, AZ_COUNT, ROUTER, IC_NB, IC_SB, AZ<I>_NB, AZ<I>_SB, AZ<I>_POD_CIDRS, *_UNIX (unix
# sockets, for ovn-nbctl), and with --ssl *_SSL plus SSL_PRIVATE_KEY, SSL_CERTIFICATE, SSL_CA_CERT (a client
# certificate signed by the stack's CA).
set -euo pipefail

SCHEMAS=${OVN_SCHEMA_DIR:-/usr/share/ovn}
PROG=$(basename "$0")

die() { echo "$PROG: $*" >&2; exit 1; }
usage_error() { echo "$PROG: $*" >&2; echo "run '$PROG --help' for usage" >&2; exit 2; }

need_binaries() {
  local b missing=()
  for b in ovsdb-tool ovsdb-server ovn-northd ovn-ic ovn-nbctl ovn-sbctl ovs-appctl; do
    command -v "$b" >/dev/null 2>&1 || missing+=("$b")
  done
  if (( ${#missing[@]} )); then
    die "missing ${missing[*]}; install: apt-get install --no-install-recommends ovn-central ovn-ic ovn-ic-db ovn-common openvswitch-common"
  fi
}

# keep every default path of the OVS/OVN tools inside DIR
use_dir() {
  export OVS_RUNDIR=$1 OVS_LOGDIR=$1 OVS_DBDIR=$1 OVS_SYSCONFDIR=$1
  export OVN_RUNDIR=$1 OVN_LOGDIR=$1 OVN_DBDIR=$1 OVN_SYSCONFDIR=$1
}

# record NAME PID [PIDFILE] : remember a process started here (replaces an older entry of NAME); with a
# PIDFILE, stop reads the current PID from it (a daemon restarted by its --monitor gets a new PID)
record() {
  local name=$1 pid=$2 pidfile=${3:--} started
  started=$(start_time "$pid")
  touch "$D/pids"
  grep -v "^$name " "$D/pids" > "$D/pids.tmp" || true
  echo "$name $pid $pidfile $started" >> "$D/pids.tmp"
  mv "$D/pids.tmp" "$D/pids"
}

# start_time PID : the kernel's start time of PID (field 22 of /proc/PID/stat), "-" when it is gone
start_time() {
  { awk '{sub(/^.*\) /, ""); print $20}' "/proc/$1/stat"; } 2>/dev/null || echo -
}

# start_monitored NAME PIDFILE : record a daemon started with --detach --monitor and its monitor process
record_monitored() {
  local name=$1 pidfile=$2 pid mon
  pid=$(cat "$pidfile") || die "$name wrote no pidfile"
  record "$name" "$pid" "$pidfile"
  mon=$(awk '{print $4}' "/proc/$pid/stat" 2>/dev/null) || true
  # the monitor restarts the daemon when it crashes (as systemd would); OVN 23.03's ovn-ic does crash
  # under rapid churn of its Availability_Zone row
  [ -n "$mon" ] && [ "$mon" != 1 ] && record "$name-monitor" "$mon"
}

# ours PID [STARTED] : true when PID is alive and is the process started here: same kernel start time when
# one was recorded (a --monitor process rewrites its command line), else this stack's directory on its
# command line
ours() {
  local pid=$1 started=${2:--}
  [ -r "/proc/$pid/cmdline" ] || return 1
  if [ "$started" != - ]; then
    [ "$(start_time "$pid")" = "$started" ]
    return
  fi
  { tr "\0" " " < "/proc/$pid/cmdline"; } 2>/dev/null | grep -qF -- "$D/"
}

stop_pid() { # NAME PID [PIDFILE|-] [STARTED|-]
  local name=$1 pid=$2 pidfile=${3:--} started=${4:--} n
  if [ "$pidfile" != - ]; then
    # a daemon under --monitor may have been restarted: its current PID is in the pidfile, and the start
    # time recorded for the first one does not apply
    [ -s "$pidfile" ] && pid=$(cat "$pidfile")
    started=-
  fi
  if ! ours "$pid" "$started"; then return 0; fi
  kill -TERM "$pid" 2>/dev/null || return 0
  for n in $(seq 100); do ours "$pid" "$started" || return 0; sleep 0.05; done
  echo "$PROG: $name ($pid) ignored TERM for 5 s, sending KILL" >&2
  kill -KILL "$pid" 2>/dev/null || true
}

# the port a freshly started daemon listens on (the last "listening on port" line of its log)
listening_port() { # LOGFILE
  local port="" n
  for n in $(seq 100); do
    port=$(grep -o 'listening on port [0-9]*' "$1" 2>/dev/null | tail -1 | awk '{print $4}') || true
    [ -n "$port" ] && { echo "$port"; return 0; }
    sleep 0.02
  done
  return 1
}

start_db_process() { # NAME : (re)start the ovsdb-server of NAME on its recorded or requested TCP port
  local name=$1 want=$2 ssl_want=${3:-} port pid
  rm -f "$D/$name.pid"
  local before=0
  [ -f "$D/$name.log" ] && before=$(grep -c 'listening on port' "$D/$name.log" || true)
  ovsdb-server "$D/$name.db" \
    --remote="punix:$D/$name.sock" --remote="ptcp:$want:127.0.0.1" \
    --pidfile="$D/$name.pid" --unixctl="$D/$name.ctl" --log-file="$D/$name.log" \
    ${SSL:+--private-key="$D/pki/server-key.pem" --certificate="$D/pki/server-cert.pem" --ca-cert="$D/pki/ca-cert.pem"} \
    --detach --no-chdir 2>>"$D/console.err" || die "ovsdb-server $name did not start (see $D/$name.log, $D/console.err)"
  pid=$(cat "$D/$name.pid") || die "ovsdb-server $name wrote no pidfile"
  record "ovsdb-server/$name" "$pid"
  if [ "$want" = 0 ]; then
    port=$(listening_port "$D/$name.log") || die "ovsdb-server $name: no listening port in $D/$name.log"
  else
    port=$want
  fi
  echo "$port" > "$D/$name.port"
  if [ -n "$SSL" ]; then
    ovs-appctl -t "$D/$name.ctl" ovsdb-server/add-remote "pssl:${ssl_want:-0}:127.0.0.1"
    local sport=${ssl_want:-0}
    if [ "$sport" = 0 ]; then
      for n in $(seq 100); do
        [ "$(grep -c 'listening on port' "$D/$name.log")" -gt "$((before + 1))" ] && break
        sleep 0.02
      done
      sport=$(listening_port "$D/$name.log") || die "ovsdb-server $name: no TLS port"
    fi
    echo "$sport" > "$D/$name.sslport"
  fi
}

start_ovn_ic() { # I : start AZ I's ovn-ic under its monitor
  local i=$1
  ovn-ic --ovnnb-db="unix:$D/az${i}nb.sock" --ovnsb-db="unix:$D/az${i}sb.sock" \
    --ic-nb-db="unix:$D/icnb.sock" --ic-sb-db="unix:$D/icsb.sock" \
    --pidfile="$D/az$i-ic.pid" --unixctl="$D/az$i-ic.ctl" \
    --log-file="$D/az$i-ic.log" --detach --monitor --no-chdir 2>>"$D/console.err" || die "ovn-ic az$i did not start"
  record_monitored "ovn-ic/az$i" "$D/az$i-ic.pid"
}

create_db() { # NAME SCHEMA
  ovsdb-tool create "$D/$1.db" "$SCHEMAS/$2" || die "ovsdb-tool create $1 failed"
  echo "$2" > "$D/$1.schema"
}

make_pki() {
  command -v openssl >/dev/null 2>&1 || die "--ssl needs openssl"
  local p=$D/pki
  mkdir -p "$p"
  (
    cd "$p"
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca-key.pem 2>/dev/null
    openssl req -x509 -new -key ca-key.pem -subj "/CN=fedgate-ovn-ic-test-ca" -days 2 -out ca-cert.pem 2>/dev/null
    for who in server client; do
      openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$who-key.pem" 2>/dev/null
      openssl req -new -key "$who-key.pem" -subj "/CN=fedgate-ovn-ic-$who" -out "$who.csr" 2>/dev/null
      printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > "$who.ext"
      openssl x509 -req -in "$who.csr" -CA ca-cert.pem -CAkey ca-key.pem -CAcreateserial -days 2 \
        -extfile "$who.ext" -out "$who-cert.pem" 2>/dev/null
    done
  ) || die "could not create test certificates in $p"
}

write_env() {
  local f=$D/endpoints.env i
  {
    echo "DIR=$D"
    echo "AZ_COUNT=$AZS"
    echo "ROUTER=$ROUTER"
    echo "IC_NB=tcp:127.0.0.1:$(cat "$D/icnb.port")"
    echo "IC_SB=tcp:127.0.0.1:$(cat "$D/icsb.port")"
    echo "IC_NB_UNIX=unix:$D/icnb.sock"
    echo "IC_SB_UNIX=unix:$D/icsb.sock"
    [ -n "$SSL" ] && echo "IC_NB_SSL=ssl:127.0.0.1:$(cat "$D/icnb.sslport")"
    [ -n "$SSL" ] && echo "IC_SB_SSL=ssl:127.0.0.1:$(cat "$D/icsb.sslport")"
    for i in $(seq "$AZS"); do
      echo "AZ${i}_NB=tcp:127.0.0.1:$(cat "$D/az${i}nb.port")"
      echo "AZ${i}_SB=tcp:127.0.0.1:$(cat "$D/az${i}sb.port")"
      echo "AZ${i}_NB_UNIX=unix:$D/az${i}nb.sock"
      echo "AZ${i}_SB_UNIX=unix:$D/az${i}sb.sock"
      [ -n "$SSL" ] && echo "AZ${i}_NB_SSL=ssl:127.0.0.1:$(cat "$D/az${i}nb.sslport")"
      [ -n "$SSL" ] && echo "AZ${i}_SB_SSL=ssl:127.0.0.1:$(cat "$D/az${i}sb.sslport")"
      echo "AZ${i}_POD_CIDRS=${POD[$i]:-}"
    done
    if [ -n "$SSL" ]; then
      echo "SSL_PRIVATE_KEY=$D/pki/client-key.pem"
      echo "SSL_CERTIFICATE=$D/pki/client-cert.pem"
      echo "SSL_CA_CERT=$D/pki/ca-cert.pem"
    fi
  } > "$f.tmp"
  mv "$f.tmp" "$f"
}

cmd_start() {
  AZS=2; D=""; BASE=0; ROUTER=ovn-cluster; NAME_AZS=0; SSL=""
  declare -gA POD=() ; GATEWAYS=()
  while (( $# )); do
    case "$1" in
      --azs) AZS=${2:?--azs needs a number}; shift ;;
      --dir) D=${2:?--dir needs a path}; shift ;;
      --base-port) BASE=${2:?--base-port needs a number}; shift ;;
      --router) ROUTER=${2:?--router needs a name}; shift ;;
      --no-router) ROUTER="" ;;
      --pod-cidr) v=${2:?--pod-cidr needs I=CIDR}; POD[${v%%=*}]=${v#*=}; shift ;;
      --gateway) GATEWAYS+=("${2:?--gateway needs I=CHASSIS}"); shift ;;
      --name-azs) NAME_AZS=1 ;;
      --ssl) SSL=1 ;;
      *) usage_error "start: unknown option '$1'" ;;
    esac
    shift
  done
  [[ "$AZS" =~ ^[0-9]+$ ]] && (( AZS >= 1 && AZS <= 50 )) || usage_error "--azs '$AZS' must be a number in 1..50"
  [[ "$BASE" =~ ^[0-9]+$ ]] && (( BASE == 0 || (BASE >= 1024 && BASE + 10 * AZS + 1 <= 65535) )) \
    || usage_error "--base-port '$BASE' must be 0 or leave room for $AZS AZs below 65536"
  need_binaries
  if [ -z "$D" ]; then D=$(mktemp -d /tmp/fedgate-ovn-ic.XXXXXX); else
    mkdir -p "$D"; [ -z "$(ls -A "$D")" ] || die "--dir $D is not empty"
    D=$(cd "$D" && pwd)
  fi
  use_dir "$D"
  # if anything fails half-way, stop what was started
  trap 'rc=$?; if (( rc != 0 )); then echo "$PROG: start failed; stopping what was started" >&2; cmd_stop "$D" --keep-dir >/dev/null 2>&1 || true; fi' EXIT
  [ -n "$SSL" ] && make_pki
  local i port
  for i in $(seq "$AZS"); do [ -n "${POD[$i]:-}" ] || POD[$i]="10.$((15 + i)).0.1/16"; done

  create_db icnb ovn-ic-nb.ovsschema
  create_db icsb ovn-ic-sb.ovsschema
  start_db_process icnb "$(( BASE ? BASE : 0 ))"
  start_db_process icsb "$(( BASE ? BASE + 1 : 0 ))"
  for i in $(seq "$AZS"); do
    create_db "az${i}nb" ovn-nb.ovsschema
    create_db "az${i}sb" ovn-sb.ovsschema
    start_db_process "az${i}nb" "$(( BASE ? BASE + 10 * i : 0 ))"
    start_db_process "az${i}sb" "$(( BASE ? BASE + 10 * i + 1 : 0 ))"
  done

  for i in $(seq "$AZS"); do
    local nb="unix:$D/az${i}nb.sock" sb="unix:$D/az${i}sb.sock"
    # the NB_Global row must exist before anyone sets options on it; ovn-ic idles until it has a name
    ovn-nbctl --db="$nb" init
    if (( NAME_AZS )); then
      ovn-nbctl --db="$nb" set NB_Global . name="az$i" options:ic-route-adv=true options:ic-route-learn=true
    fi
    if [ -n "$ROUTER" ]; then
      ovn-nbctl --db="$nb" lr-add "$ROUTER"
      local n=0 cidr
      IFS=, read -ra cidrs <<< "${POD[$i]}"
      for cidr in "${cidrs[@]}"; do
        n=$((n + 1))
        ovn-nbctl --db="$nb" lrp-add "$ROUTER" "$ROUTER-subnet$n" "$(printf '0a:00:01:%02x:%02x:01' "$i" "$n")" "$cidr"
      done
    fi
    ovn-northd --ovnnb-db="$nb" --ovnsb-db="$sb" --pidfile="$D/az$i-northd.pid" --unixctl="$D/az$i-northd.ctl" \
      --log-file="$D/az$i-northd.log" --detach --monitor --no-chdir 2>>"$D/console.err" || die "ovn-northd az$i did not start"
    record_monitored "ovn-northd/az$i" "$D/az$i-northd.pid"
    start_ovn_ic "$i"
  done
  local g k=0
  for g in "${GATEWAYS[@]}"; do
    i=${g%%=*}; local ch=${g#*=}
    [[ "$i" =~ ^[0-9]+$ ]] && (( i >= 1 && i <= AZS )) || die "--gateway $g: no AZ $i"
    # encap IPs must differ across AZs: each SB also holds the remote copies (Encap is unique on type+ip)
    k=$((k + 1))
    ovn-sbctl --db="unix:$D/az${i}sb.sock" chassis-add "$ch" geneve "127.200.$((k / 250)).$((k % 250 + 1))"
    ovn-sbctl --db="unix:$D/az${i}sb.sock" set Chassis "$ch" hostname="$ch" other_config:is-interconn=true
  done
  write_env
  trap - EXIT
  echo "$D"
}

cmd_stop() {
  D=${1:?stop needs DIR}; local keep=${2:-}
  [ -d "$D" ] || die "stop: $D is not a directory"
  D=$(cd "$D" && pwd)
  if [ -f "$D/pids" ]; then
    local lines=() l
    mapfile -t lines < "$D/pids"
    # reverse start order: monitors, then ovn-ic and northd, then their databases
    for (( l=${#lines[@]}-1; l>=0; l-- )); do
      stop_pid ${lines[$l]}
    done
  fi
  if [ "$keep" != --keep-dir ]; then
    case "$D" in
      /tmp/*|/var/tmp/*|"${TMPDIR:-/nonexistent}"/*) rm -rf "$D" ;;
      *) rm -f "$D"/*.db "$D"/*.sock "$D"/*.ctl "$D"/*.pid ;;
    esac
  fi
}

cmd_stop_db() {
  D=${1:?stop-db needs DIR}; local name=${2:?stop-db needs NAME}
  D=$(cd "$D" && pwd)
  local pid
  local line
  line=$(awk -v n="ovsdb-server/$name" '$1 == n' "$D/pids")
  [ -n "$line" ] || die "stop-db: no ovsdb-server $name in $D/pids"
  stop_pid $line
}

cmd_start_db() {
  D=${1:?start-db needs DIR}; local name=${2:?start-db needs NAME}
  D=$(cd "$D" && pwd)
  use_dir "$D"
  [ -f "$D/$name.db" ] || die "start-db: no database $name in $D"
  local pid started
  read -r _ pid _ started <<< "$(awk -v n="ovsdb-server/$name" '$1 == n' "$D/pids")"
  if [ -n "$pid" ] && ours "$pid" "${started:--}"; then die "start-db: ovsdb-server $name is still running (pid $pid)"; fi
  SSL=""; [ -f "$D/$name.sslport" ] && SSL=1
  start_db_process "$name" "$(cat "$D/$name.port")" "$( [ -n "$SSL" ] && cat "$D/$name.sslport")"
}

cmd_stop_ic() {
  D=${1:?stop-ic needs DIR}; local i=${2:?stop-ic needs AZ number}
  D=$(cd "$D" && pwd)
  local line
  # the monitor first, or it would start the daemon again
  line=$(awk -v n="ovn-ic/az$i-monitor" '$1 == n' "$D/pids"); [ -n "$line" ] && stop_pid $line
  line=$(awk -v n="ovn-ic/az$i" '$1 == n' "$D/pids")
  [ -n "$line" ] || die "stop-ic: no ovn-ic of az$i in $D/pids"
  stop_pid $line
}

cmd_start_ic() {
  D=${1:?start-ic needs DIR}; local i=${2:?start-ic needs AZ number}
  D=$(cd "$D" && pwd)
  use_dir "$D"
  [ -f "$D/az${i}nb.db" ] || die "start-ic: no AZ $i in $D"
  start_ovn_ic "$i"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  stop-db) shift; cmd_stop_db "$@" ;;
  start-db) shift; cmd_start_db "$@" ;;
  stop-ic) shift; cmd_stop_ic "$@" ;;
  start-ic) shift; cmd_start_ic "$@" ;;
  env) cat "${2:?env needs DIR}/endpoints.env" ;;
  -h|--help|help) sed -n '2,37p' "$0" ;;
  *) usage_error "expected start, stop, stop-db, start-db, stop-ic, start-ic or env" ;;
esac
