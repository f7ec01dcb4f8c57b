#!/usr/bin/env bash
# Reconnect storm: N simulated agents online, then the console is killed (kill -9) and started
# again on the same ports and data directory after DOWN seconds. Measures the time until every
# agent is back, the peak rate of admitted sessions (1 s windows) against the mean rate of the
# recovery, and the console's CPU while it happens.
#
# Usage: bench/reconnect-storm.sh [N=1000] [DOWN_SECONDS=5]
# Env: RAMP (agents/s for the first start, default 200), BENCH_CONSOLE_FLAGS, BENCH_SWARM_FLAGS.
# Before the kill it also measures 200 command round trips at 20/s with N connected.
# Output: bench/results/storm-N-STAMP.{csv,json} and a chart, .png (python3 and ImageMagick).
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
N=${1:-1000}
DOWN=${2:-5}
RAMP=${RAMP:-200}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
dir=$(mktemp -d /tmp/vigil-storm.XXXXXX)
echo "storm N=$N down=${DOWN}s; work dir $dir" >&2
have=$( [ -f "$CACHE/identities.txt" ] && wc -l <"$CACHE/identities.txt" || echo 0)
if [ "$have" -lt "$N" ]; then
  echo "run bench/console-capacity.sh $N first: it makes and caches the identities" >&2
  exit 1
fi
start_console "$dir" before --expect "$N" --preapprove "$CACHE/identities.txt" \
  --rtt-after 2 --rtt-count 200 --rtt-per-second 20
tcp=$(port_value "$dir" tcp); udp=$(port_value "$dir" udp)
start_swarm "$dir" "$N" --ramp "$RAMP" --alert-every 10m
wait_for "$dir/before.out" ALL_ONLINE $((N / RAMP + 600)) || { echo "not all online; see $dir" >&2; exit 1; }
wait_for "$dir/before.out" '^RTT' 120 || true
kill -9 "$CONSOLE_PID"
wait "$CONSOLE_PID" 2>/dev/null || true
sleep "$DOWN"
start_console "$dir" after --expect "$N" --tcp-port "$tcp" --udp-port "$udp"
if ! wait_for "$dir/after.out" ALL_ONLINE 300; then
  echo "not every agent came back within 300 s; see $dir" >&2
fi
sleep 5
cp "$dir/after.csv" "$RESULTS/storm-$N-$STAMP.csv"
listening=$(sed -n 's/^LISTENING .* t=//p' "$dir/after.out")
online=$(sed -n 's/^ALL_ONLINE .* t=//p' "$dir/after.out")
# Per-second rows from the restart: peak admitted, CPU peak, and the steady CPU of the last rows.
read -r peak peak_cpu steady_cpu turned_away <<<"$(awk -F, 'NR > 1 { if ($4 > p) p = $4; if ($10 > c) c = $10; cpu[++n] = $10; t = $12 }
  END { s = 0; for (i = n - 4; i <= n; i++) s += cpu[i]; printf "%d %.3f %.3f %d\n", p, c, s / 5, t }' "$dir/after.csv")"
# Seconds after the port opened until 90, 95 and 99 % of the agents were back.
read -r b90 b95 b99 <<<"$(awk -F, -v n="$N" -v l="$listening" 'NR > 1 {
    for (k = 1; k <= 3; k++) if (!(k in at) && $3 >= n * q[k]) at[k] = $2 - l }
  BEGIN { q[1] = 0.90; q[2] = 0.95; q[3] = 0.99 }
  END { printf "%.0f %.0f %.0f\n", at[1], at[2], at[3] }' "$dir/after.csv")"
awk -v n="$N" -v down="$DOWN" -v stamp="$STAMP" -v listening="$listening" -v online="$online" \
  -v rtt="$(sed -n 's/^RTT //p' "$dir/before.out")" -v peak="$peak" -v peak_cpu="$peak_cpu" -v b90="$b90" -v b95="$b95" -v b99="$b99" -v turned_away="$turned_away" -v steady_cpu="$steady_cpu" \
  -v failures="$(tail -n 1 "$dir/swarm.out" | sed -n 's/.*failures \([0-9]*\).*/\1/p')" 'BEGIN {
  back = online == "" ? -1 : online - listening
  printf "{\"date\": \"%s\", \"agents\": %d, \"console_down_s\": %d, \"all_back_after_listening_s\": %.1f,\n", stamp, n, down, back
  mean = back > 0 ? n / back : 0
  printf " \"back_90_95_99_pct_s\": [%d, %d, %d], \"turned_away\": %d,\n", b90, b95, b99, turned_away
  printf " \"peak_admitted_per_s\": %d, \"mean_admitted_per_s\": %.1f, \"peak_to_mean\": %.2f,\n", peak, mean, (mean > 0 ? peak / mean : 0)
  printf " \"console_cpu_peak_cores\": %.3f, \"console_cpu_after_cores\": %.3f, \"swarm_failures_total\": \"%s\",\n", peak_cpu, steady_cpu, failures
  printf " \"command_rtt_before\": %s}\n", (rtt == "" ? "null" : rtt) }' \
  | tee "$RESULTS/storm-$N-$STAMP.json"
if command -v python3 >/dev/null; then
  python3 "$BENCH_ROOT/bench/chart.py" "$RESULTS/storm-$N-$STAMP.csv" "$RESULTS/storm-$N-$STAMP" \
    "Reconnect storm: $N agents, console killed and restarted" \
    "elapsed_s:seconds since the console started again" "online:agents online" \
    "admitted:sessions admitted per second" \
    "turned_away_total:connections turned away per second:rate" "cpu_cores:console CPU, cores" >&2 \
    && rm -f "$RESULTS/storm-$N-$STAMP.svg"
fi
