#!/usr/bin/env bash
# The agent's overhead beside Debian's prometheus-node-exporter, in the same run: the agent
# reports the full picture at 1 Hz over mutual TLS to a headless console; node-exporter is
# scraped once a second on loopback. Both measured the same way from /proc after a 10 s warm-up.
#   bench/agent-vs-node-exporter.sh [SECONDS]     (default 600; needs prometheus-node-exporter)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-600}
exporter=$(command -v prometheus-node-exporter || command -v node_exporter || true)
[ -n "$exporter" ] || { echo "needs prometheus-node-exporter: sudo apt-get install prometheus-node-exporter" >&2; exit 1; }
# shellcheck source=../scripts/local-agent.sh
. scripts/local-agent.sh
vigil_footprint_start "$duration"
work=$WORK
agent=$VIGIL_AGENT_PID
flags=$VIGIL_AGENT_FLAGS
port=19100
"$exporter" --web.listen-address="127.0.0.1:$port" >"$work/exporter.log" 2>&1 &
exporter_pid=$!
(while sleep 1; do curl -s -o /dev/null "http://127.0.0.1:$port/metrics" || true; done) &
sleep 10
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
a0=$(ticks "$agent"); e0=$(ticks "$exporter_pid")
ap=0; ep=0
for _ in $(seq 1 "$duration"); do
  sleep 1
  r=$(rss "$agent"); [ "$r" -gt "$ap" ] && ap=$r
  r=$(rss "$exporter_pid"); [ "$r" -gt "$ep" ] && ep=$r
done
a1=$(ticks "$agent"); e1=$(ticks "$exporter_pid")
al=$(rss "$agent"); el=$(rss "$exporter_pid")
awk -v a0="$a0" -v a1="$a1" -v e0="$e0" -v e1="$e1" -v hz="$hz" -v d="$duration" \
  -v ap="$ap" -v al="$al" -v ep="$ep" -v el="$el" -v flags="$flags" 'BEGIN {
  ac = 100 * (a1 - a0) / hz / d; ec = 100 * (e1 - e0) / hz / d
  printf "over %d s at 1 Hz (agent flags: %s)\n", d, flags
  printf "vigil agent:   CPU %.2f %% of one core, RSS last %.1f MB (peak %.1f)\n", ac, al / 1024, ap / 1024
  printf "node-exporter: CPU %.2f %% of one core, RSS last %.1f MB (peak %.1f)\n", ec, el / 1024, ep / 1024
  printf "ratio agent / node-exporter: CPU %.2f, RSS %.2f\n", (ec > 0 ? ac / ec : 0), al / el }'
