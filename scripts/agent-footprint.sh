#!/usr/bin/env bash
# Measures the agent's own cost: runs a headless console and one agent (with the launcher's JVM
# flags) on loopback for DURATION seconds, then prints the agent's CPU share of one core and its
# RSS (first, peak, last), read from /proc. Usage: scripts/agent-footprint.sh [DURATION]
# VIGIL_AGENT_JVM_FLAGS overrides the agent's JVM flags, to compare flag sets.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-60}
# shellcheck source=local-agent.sh
. scripts/local-agent.sh
vigil_footprint_start "$duration"
work=$WORK
agent=$VIGIL_AGENT_PID
sleep 10 # start-up and JIT warm-up are not the steady state
hz=$(getconf CLK_TCK)
ticks() { awk '{ print $14 + $15 }' "/proc/$agent/stat"; }
rss() { awk '/VmRSS/ { print $2 }' "/proc/$agent/status"; }
t0=$(ticks); first=$(rss); peak=$first
for _ in $(seq 1 "$duration"); do
  sleep 1
  r=$(rss); [ "$r" -gt "$peak" ] && peak=$r
done
t1=$(ticks); last=$(rss)
awk -v t0="$t0" -v t1="$t1" -v hz="$hz" -v d="$duration" -v f="$first" -v p="$peak" -v l="$last" 'BEGIN {
  printf "agent over %d s at 1 Hz: CPU %.2f %% of one core; RSS first %.1f MB, peak %.1f MB, last %.1f MB\n",
    d, 100 * (t1 - t0) / hz / d, f / 1024, p / 1024, l / 1024 }'
