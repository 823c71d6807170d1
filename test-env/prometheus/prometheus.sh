#!/usr/bin/env bash
# A real Prometheus (Debian's package) on loopback scraping a running fedgate, for dashboards and by hand.
# The Java tests start the same thing through charts/src/test/.../PrometheusServer (same flags).
#
#   prometheus.sh start DIR TARGETS_FILE [PORT]   scrape every 1 s the file-SD targets (e.g. what
#                                                 `fedgate demo --prometheus-targets FILE` writes);
#                                                 prints the URL; PORT defaults to a free one
#   prometheus.sh query DIR 'PROMQL'              evaluates an expression (JSON answer)
#   prometheus.sh stop DIR                        stops the Prometheus started in DIR, by its PID
# Only loopback is used. The first scrape result shows up after ~6 s (discovery throttling).
set -euo pipefail
PROG=$(basename "$0")
die() { echo "$PROG: $*" >&2; exit 2; }
bin=$(command -v prometheus || true)
[ -n "$bin" ] || bin=/usr/bin/prometheus

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

cmd_start() {
  local dir=${1:?start needs DIR} targets=${2:?start needs TARGETS_FILE} port=${3:-}
  [ -x "$bin" ] || die "prometheus is not installed (apt-get install -y --no-install-recommends prometheus)"
  [ -f "$targets" ] || die "no targets file $targets"
  mkdir -p "$dir/data"
  [ -n "$port" ] || port=$(free_port)
  cat > "$dir/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: fedgate
    file_sd_configs:
      - files: ["$(cd "$(dirname "$targets")" && pwd)/$(basename "$targets")"]
        refresh_interval: 1s
YAML
  "$bin" --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" \
      --web.listen-address="127.0.0.1:$port" --log.level=warn > "$dir/prometheus.log" 2>&1 &
  echo $! > "$dir/prometheus.pid"
  echo "$port" > "$dir/port"
  for _ in $(seq 100); do
    if python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$port/-/ready', timeout=1)" 2>/dev/null; then
      echo "http://127.0.0.1:$port/"; return 0
    fi
    sleep 0.1
  done
  cmd_stop "$dir"; die "prometheus did not become ready; see $dir/prometheus.log"
}

cmd_query() {
  local dir=${1:?query needs DIR} expr=${2:?query needs PROMQL}
  python3 - "$(cat "$dir/port")" "$expr" <<'PY'
import json, sys, urllib.parse, urllib.request
port, expr = sys.argv[1], sys.argv[2]
url = f"http://127.0.0.1:{port}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
print(json.dumps(json.load(urllib.request.urlopen(url, timeout=5)), indent=1))
PY
}

cmd_stop() {
  local dir=${1:?stop needs DIR} pid
  [ -f "$dir/prometheus.pid" ] || return 0
  pid=$(cat "$dir/prometheus.pid")
  # only the process this script started: its command line names our config file
  if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--config.file=$dir/prometheus.yml"; then
    kill -TERM "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  fi
  rm -f "$dir/prometheus.pid"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  query) shift; cmd_query "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  *) die "usage: $PROG start DIR TARGETS_FILE [PORT] | query DIR PROMQL | stop DIR" ;;
esac
