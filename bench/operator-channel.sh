#!/usr/bin/env bash
# The operator channel under load: N simulated agents at 1 Hz into a manager, first with no
# console attached, then with one attached over the channel (AttachBench, its own JVM). Measures
# the bytes per second on the channel (the manager's count and the console's), the lag from an
# agent's sample to the attached console, and the manager's CPU without and with the console.
#
# Usage: bench/operator-channel.sh [N=10000] [STEADY_SECONDS=60]
# Output: bench/results/operator-channel-N-STAMP.json and the per-second CSVs beside it.
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
N=${1:-10000}
STEADY=${2:-60}
RAMP=${RAMP:-200}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
dir=$(mktemp -d /tmp/vigil-bench.XXXXXX)
echo "operator channel N=$N steady=${STEADY}s; work dir $dir" >&2

ensure_identities "$N"
start_console "$dir" console --expect "$N" --preapprove "$CACHE/identities.txt" --operator-port 0
start_swarm "$dir" "$N" --ramp "$RAMP" --alert-every 10m
if ! wait_for "$dir/console.out" ALL_ONLINE $((N / RAMP + 600)); then
  echo "not every agent came online; see $dir" >&2
  exit 1
fi
sleep 10
# window: FROM TO -> "cpu_avg lag_p99_max operator_bytes_per_s" from the manager's rows
window() {
  awk -F, -v a="$1" -v b="$2" 'NR > 1 && $1 >= a && $1 < b { n++; c += $10; if ($7 > l) l = $7; o += $13 }
    END { printf "%.3f %d %.0f\n", c / n, l, o / n }' "$dir/console.csv"
}
a_from=$(date +%s); sleep "$STEADY"; a_to=$(date +%s)
read -r cpu_alone lag_alone _ <<<"$(window "$a_from" "$a_to")"

printf -- '-cp\n%s\n' "$BENCH_CP" >"$dir/attach.args"
"${CONSOLE_ON[@]}" "$JAVA" -Xmx1g -Xlog:gc:file="$dir/attached-gc.log" "@$dir/attach.args" dev.vigil.swarm.bench.AttachBench \
  --manager "127.0.0.1:$(port_value "$dir" operator)" --token-file "$dir/console/admin-token" \
  --fingerprint "$(port_value "$dir" fingerprint)" --attach-dir "$dir/attached" \
  --csv "$dir/attached.csv" --duration $((STEADY + 20)) --skip 10 --steady "$STEADY" \
  >"$dir/attached.out" 2>"$dir/attached.log" &
ATTACH_PID=$!
BENCH_PIDS+=("$ATTACH_PID")
if ! wait_for "$dir/attached.out" ATTACHED 120; then
  echo "the console did not attach; see $dir/attached.log" >&2
  exit 1
fi
attached_line=$(grep ATTACHED "$dir/attached.out")
sleep 10
b_from=$(date +%s); sleep "$STEADY"; b_to=$(date +%s)
read -r cpu_attached lag_manager bytes_manager <<<"$(window "$b_from" "$b_to")"
rows() { awk -F, -v a="$b_from" -v b="$b_to" 'NR > 1 && $1 >= a && $1 < b' "$dir/attached.csv"; }
read -r updates received lag_max ccpu <<<"$(rows | awk -F, '{ n++; u += $2; r += $6; c += $7; if ($5 > m) m = $5 }
  END { printf "%.0f %.0f %d %.3f\n", u / n, r / n, m, c / n }')"
lag_p50=$(rows | cut -d, -f3 | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
lag_p99=$(rows | cut -d, -f4 | sort -n | tail -1)
wait_for "$dir/attached.out" WINDOW 60 || true
read -r w_p50 w_p99 w_p999 <<<"$(sed -n 's/^WINDOW .*lag_p50=\([0-9]*\) lag_p99=\([0-9]*\) lag_p999=\([0-9]*\).*/\1 \2 \3/p' "$dir/attached.out")"
cp "$dir/console.csv" "$RESULTS/operator-channel-$N-$STAMP-manager.csv"
cp "$dir/attached.csv" "$RESULTS/operator-channel-$N-$STAMP-attached.csv"
cat <<JSON | tee "$RESULTS/operator-channel-$N-$STAMP.json"
{"date": "$STAMP", "agents": $N, "steady_s": $STEADY, "attach": "$attached_line",
 "manager_cpu_cores_alone": $cpu_alone, "manager_cpu_cores_attached": $cpu_attached,
 "manager_stats_lag_p99_ms_alone": $lag_alone, "manager_stats_lag_p99_ms_attached": $lag_manager,
 "channel_bytes_per_s_manager": $bytes_manager, "channel_bytes_per_s_console": $received,
 "agent_updates_per_s_at_console": $updates,
 "sample_to_console_ms_p50_median": $lag_p50, "sample_to_console_ms_p99_worst_second": $lag_p99,
 "sample_to_console_ms_max": $lag_max, "attached_console_cpu_cores": $ccpu,
 "sample_to_console_ms_window_p50": ${w_p50:-null}, "sample_to_console_ms_window_p99": ${w_p99:-null},
 "sample_to_console_ms_window_p999": ${w_p999:-null}}
JSON
