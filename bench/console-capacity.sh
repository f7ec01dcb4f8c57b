#!/usr/bin/env bash
# Console capacity at 1 Hz stats: N simulated agents (./vigil swarm) against one console on this
# machine. Measures the console's CPU, heap after GC, RSS and bytes per connection in a steady
# window, the stats lag (no growing backlog), and command round trips with N connected.
#
# Usage: bench/console-capacity.sh [N=1000] [STEADY_SECONDS=60]
# Env: RAMP (agents/s, default 200), ENROLL=1 (enroll with the token instead of pre-approving the
# cached identities: measures enrollment), BENCH_CONSOLE_FLAGS (for example JFR),
# BENCH_SWARM_FLAGS (default -Xmx1g -XX:+UseSerialGC), JFR=1 (records the console with the profile
# settings into bench/results/capacity-N-STAMP.jfr), REAL_AGENT=1 (also runs one real agent in its
# own JVM and sends the round-trip commands to it alone: the console's round trip under the load of
# N, without the swarm's own scheduling in it).
# Output: bench/results/capacity-N-STAMP.{csv,json} and the console's per-second CSV.
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
N=${1:-1000}
STEADY=${2:-60}
RAMP=${RAMP:-200}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
dir=$(mktemp -d /tmp/vigil-bench.XXXXXX)
if [ "${JFR:-0}" = 1 ]; then
  CONSOLE_FLAGS+=("-XX:StartFlightRecording=settings=profile,filename=$RESULTS/capacity-$N-$STAMP.jfr,dumponexit=true")
fi
echo "capacity N=$N steady=${STEADY}s ramp=$RAMP/s; work dir $dir" >&2

# Identities first, so that making keys is not part of any measurement.
ensure_identities "$N"
opts=(--expect "$N" --rtt-after 15 --rtt-count 600 --rtt-per-second 20 --rtt-out "$dir/rtt.json")
[ "${ENROLL:-0}" = 1 ] || opts+=(--preapprove "$CACHE/identities.txt")
[ "${REAL_AGENT:-0}" = 1 ] && opts+=(--rtt-real-agent true)
start_console "$dir" console "${opts[@]}"
if [ "${REAL_AGENT:-0}" = 1 ]; then
  "$JAVA" -Xmx32m -XX:+UseSerialGC -jar "$BENCH_ROOT/agent/target/vigil-agent.jar" \
    --manager "127.0.0.1:$(port_value "$dir" tcp)" --token "$(port_value "$dir" token)" \
    --console-fingerprint "$(port_value "$dir" fingerprint)" --data-dir "$dir/agent" \
    --initial-delay 0 >"$dir/agent.log" 2>&1 &
  BENCH_PIDS+=("$!")
fi
sleep 3
base_heap=$(heap_after_gc_kb "$CONSOLE_PID")
base_rss=$(rss_kb "$CONSOLE_PID")
t_start=$(date +%s.%N)
start_swarm "$dir" "$N" --ramp "$RAMP" --alert-every 10m
if ! wait_for "$dir/console.out" ALL_ONLINE $((N / RAMP + 600)); then
  echo "not every agent came online; see $dir" >&2
  exit 1
fi
t_online=$(date +%s.%N)
sleep 10
c0=$(cpu_ticks "$CONSOLE_PID"); s0=$(cpu_ticks "$SWARM_PID"); w0=$(date +%s.%N)
csv_from=$(date +%s)
sleep "$STEADY"
c1=$(cpu_ticks "$CONSOLE_PID"); s1=$(cpu_ticks "$SWARM_PID"); w1=$(date +%s.%N)
csv_to=$(date +%s)
wait_for "$dir/console.out" '^RTT' 120 || echo "no round-trip result" >&2
rss=$(rss_kb "$CONSOLE_PID"); swarm_rss=$(rss_kb "$SWARM_PID")
heap=$(heap_after_gc_kb "$CONSOLE_PID"); swarm_heap=$(heap_after_gc_kb "$SWARM_PID")
# What the heap holds per connection: the largest classes after that full collection.
"$JAVA_HOME/bin/jcmd" "$CONSOLE_PID" GC.class_histogram | head -n 32 >"$RESULTS/capacity-$N-$STAMP-histogram.txt"
cp "$dir/console.csv" "$RESULTS/capacity-$N-$STAMP.csv"
# Steady window from the console's per-second rows: stats per second and lag, first and second half.
read -r stats_avg lag_p99_first lag_p99_second lag_max <<<"$(awk -F, -v a="$csv_from" -v b="$csv_to" '
  NR > 1 && $1 >= a && $1 < b { n++; s += $5; row[n] = $7; if ($8 > m) m = $8 }
  END { h = int(n / 2); for (i = 1; i <= n; i++) { if (i <= h) { if (row[i] > f) f = row[i] } else if (row[i] > g) g = row[i] }
        printf "%.0f %d %d %d\n", s / n, f, g, m }' "$dir/console.csv")"
awk -v n="$N" -v ramp="$RAMP" -v steady="$STEADY" -v stamp="$STAMP" \
  -v online_s="$(echo "$t_online - $t_start" | bc)" \
  -v ccpu="$(echo "scale=3; ($c1 - $c0) / $CLK_TCK / ($w1 - $w0)" | bc)" \
  -v scpu="$(echo "scale=3; ($s1 - $s0) / $CLK_TCK / ($w1 - $w0)" | bc)" \
  -v heap="$heap" -v base_heap="$base_heap" -v rss="$rss" -v base_rss="$base_rss" \
  -v swarm_rss="$swarm_rss" -v swarm_heap="$swarm_heap" -v stats="$stats_avg" \
  -v l1="$lag_p99_first" -v l2="$lag_p99_second" -v lmax="$lag_max" \
  -v rtt="$(sed -n 's/^RTT //p' "$dir/console.out")" -v enroll="${ENROLL:-0}" 'BEGIN {
  printf "{\"date\": \"%s\", \"agents\": %d, \"ramp_per_s\": %d, \"enrolled_with_token\": %s, \"all_online_s\": %.1f,\n", stamp, n, ramp, enroll == 1 ? "true" : "false", online_s
  printf " \"steady_s\": %d, \"console_cpu_cores\": %.3f, \"swarm_cpu_cores\": %.3f,\n", steady, ccpu, scpu
  printf " \"console_heap_after_gc_mb\": %.1f, \"console_heap_idle_mb\": %.1f, \"console_rss_mb\": %.1f, \"console_rss_idle_mb\": %.1f,\n", heap / 1024, base_heap / 1024, rss / 1024, base_rss / 1024
  printf " \"heap_bytes_per_connection\": %.0f, \"rss_bytes_per_connection\": %.0f,\n", (heap - base_heap) * 1024 / n, (rss - base_rss) * 1024 / n
  printf " \"swarm_heap_after_gc_mb\": %.1f, \"swarm_rss_mb\": %.1f,\n", swarm_heap / 1024, swarm_rss / 1024
  printf " \"stats_per_s\": %d, \"lag_p99_ms_first_half\": %d, \"lag_p99_ms_second_half\": %d, \"lag_max_ms\": %d,\n", stats, l1, l2, lmax
  printf " \"command_rtt\": %s}\n", rtt == "" ? "null" : rtt }' | tee "$RESULTS/capacity-$N-$STAMP.json"
tail -1 "$dir/swarm.out" >&2 || true
