#!/usr/bin/env bash
# What 20 service checks at 30 s add to the agent's own cost (issue 20): runs the agent of
# scripts/local-agent.sh twice on loopback, DURATION seconds each after a 10 s warm-up, once
# without checks and once with 20 (8 http and 4 tcp against a Python HTTP server on loopback,
# 4 plugins from monitoring-plugins-basic, 2 process, 2 cert files), and prints the CPU share of
# one core (the plugins it ran included) and the RSS (first, peak, last) from /proc for each. Needs the jars built (mvn package) and, for the
# plugin lines, /usr/lib/nagios/plugins. Usage: bench/agent-checks-cost.sh [DURATION]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-180}
# shellcheck source=../scripts/find-jdk.sh
. scripts/find-jdk.sh
vigil_find_jdk
# shellcheck source=../scripts/local-agent.sh
. scripts/local-agent.sh
top=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$top"' EXIT
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$top" >"$top/http.log" 2>&1 &
for _ in $(seq 1 50); do grep -q "port" "$top/http.log" 2>/dev/null && break; sleep 0.2; done
port=$(sed -n 's/.*port \([0-9]*\).*/\1/p;T;q' "$top/http.log")
plugins=/usr/lib/nagios/plugins
certs=(/etc/ssl/certs/*.pem)
cert=${certs[0]}
{
  for i in 1 2 3 4 5 6 7 8; do echo "check.web$i = http http://127.0.0.1:$port/ expect 200 within 2s"; done
  for i in 1 2 3 4; do echo "check.tcp$i = tcp 127.0.0.1:$port"; done
  echo "check.dummy1 = plugin $plugins/check_dummy 0 fine"
  echo "check.dummy2 = plugin $plugins/check_dummy 1 slow"
  echo "check.disk = plugin $plugins/check_disk -w 10% -c 5% -p /"
  echo "check.ptcp = plugin $plugins/check_tcp -H 127.0.0.1 -p $port"
  echo "check.proc1 = process java min 1"
  echo "check.proc2 = process python3"
  echo "check.cert1 = cert $cert"
  echo "check.cert2 = cert $cert warn 30d"
} >"$top/checks.conf"

measure() {
  local label=$1 work t0 t1 first peak last r hz
  work=$(mktemp -d -p "$top")
  vigil_start_local_agent "$work" "$duration"
  sleep 10
  hz=$(getconf CLK_TCK)
  # utime + stime of the agent and of its children it waited for (the plugins).
  t0=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$VIGIL_AGENT_PID/stat")
  first=$(awk '/VmRSS/ { print $2 }' "/proc/$VIGIL_AGENT_PID/status"); peak=$first
  for _ in $(seq 1 "$duration"); do
    sleep 1
    r=$(awk '/VmRSS/ { print $2 }' "/proc/$VIGIL_AGENT_PID/status"); [ "$r" -gt "$peak" ] && peak=$r
  done
  t1=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$VIGIL_AGENT_PID/stat")
  last=$(awk '/VmRSS/ { print $2 }' "/proc/$VIGIL_AGENT_PID/status")
  awk -v n="$label" -v t0="$t0" -v t1="$t1" -v hz="$hz" -v d="$duration" -v f="$first" -v p="$peak" -v l="$last" 'BEGIN {
    printf "%-16s over %d s: CPU %.2f %% of one core (plugins included); RSS first %.1f MB, peak %.1f MB, last %.1f MB\n",
      n, d, 100 * (t1 - t0) / hz / d, f / 1024, p / 1024, l / 1024 }'
  echo "$label: $(grep -c " Alert " "$work/agent.log" || true) alert line(s) in the agent log"
  kill "$VIGIL_AGENT_PID" 2>/dev/null || true
  wait "$VIGIL_AGENT_PID" 2>/dev/null || true
}
VIGIL_AGENT_ARGS="" measure "no checks"
VIGIL_AGENT_ARGS="--config $top/checks.conf" measure "20 checks at 30s"
