#!/usr/bin/env bash
# The manager's stats lag during a notification wave (issue 19): N simulated agents at 1 Hz, each
# raising and resolving a problem every ALERT_EVERY on average (2m: about N/2 problems fired per
# minute, every minute), into a manager first without notifications, then with a webhook on
# loopback (quick-start defaults: 30 s group window, 20 messages/h). Compares the manager's stats
# lag p99 and CPU in the two steady windows, and counts the messages the webhook got.
#
# Usage: bench/notify-wave-lag.sh [N=10000] [STEADY_SECONDS=60] [ALERT_EVERY=2m]
# Output: bench/results/notify-wave-lag-N-STAMP.json and the per-second CSVs beside it.
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
N=${1:-10000}
STEADY=${2:-60}
EVERY=${3:-2m}
RAMP=${RAMP:-200}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
dir=$(mktemp -d /tmp/vigil-bench.XXXXXX)
echo "notify wave lag N=$N steady=${STEADY}s alert-every=$EVERY; work dir $dir" >&2
ensure_identities "$N"

# run MODE [ConsoleBench options]: one manager and one swarm; prints "cpu lag_p99_median
# lag_p99_worst alerts_per_s messages" over the steady window.
run() {
  local mode=$1
  shift
  rm -rf "$dir/console"
  start_console "$dir" "$mode" --expect "$N" --preapprove "$CACHE/identities.txt" "$@"
  start_swarm "$dir" "$N" --ramp "$RAMP" --alert-every "$EVERY"
  if ! wait_for "$dir/$mode.out" ALL_ONLINE $((N / RAMP + 600)); then
    echo "not every agent came online; see $dir" >&2
    exit 1
  fi
  sleep 10
  local from to
  from=$(date +%s)
  sleep "$STEADY"
  to=$(date +%s)
  kill "$SWARM_PID" "$CONSOLE_PID"
  wait "$SWARM_PID" "$CONSOLE_PID" 2>/dev/null || true
  cp "$dir/$mode.csv" "$RESULTS/notify-wave-lag-$N-$STAMP-$mode.csv"
  local rows="$dir/$mode.window"
  awk -F, -v a="$from" -v b="$to" 'NR > 1 && $1 >= a && $1 < b' "$dir/$mode.csv" >"$rows"
  local median
  median=$(cut -d, -f7 "$rows" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  awk -F, -v m="$median" '{ n++; c += $10; if ($7 > w) w = $7; if (n == 1) m0 = $14; m1 = $14 }
    END { printf "%.3f %d %d %d %d\n", c / n, m, w, m1 - m0, m1 }' "$rows"
}

read -r cpu_off p50_off worst_off _ <<<"$(run without)"
read -r cpu_on p50_on worst_on messages total <<<"$(run with --webhook-sink true)"
sent=$(grep -o 'alerts [0-9]*' "$dir/swarm.out" | tail -1 | grep -o '[0-9]*$' || echo 0)
cat <<JSON | tee "$RESULTS/notify-wave-lag-$N-$STAMP.json"
{"date": "$STAMP", "agents": $N, "steady_s": $STEADY, "alert_every": "$EVERY",
 "manager_cpu_cores_without": $cpu_off, "manager_cpu_cores_with": $cpu_on,
 "stats_lag_p99_ms_median_second_without": $p50_off, "stats_lag_p99_ms_median_second_with": $p50_on,
 "stats_lag_p99_ms_worst_second_without": $worst_off, "stats_lag_p99_ms_worst_second_with": $worst_on,
 "webhook_messages_in_window": $messages, "webhook_messages_whole_run": $total, "swarm_alerts_sent_whole_second_run": ${sent:-0}}
JSON
