#!/usr/bin/env bash
# Soak: N simulated agents (./vigil swarm) at 1 Hz against one console for a long time, with the
# console's retained heap (after a forced full collection), RSS, platform threads and open files
# sampled at a fixed interval. Flat means the last part of the run holds what the first part held.
#
# Usage: bench/soak.sh [N=1000] [SECONDS=3600] [SAMPLE_SECONDS=60]
# Output: bench/results/soak-N-STAMP.csv (one row per sample), .json (summary: first and last
# quarter, growth per hour by least squares), the console's per-second CSV beside them, and a
# chart of the samples, .png (python3 and ImageMagick).
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
N=${1:-1000}
DURATION=${2:-3600}
SAMPLE=${3:-60}
RAMP=${RAMP:-200}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
dir=$(mktemp -d /tmp/vigil-soak.XXXXXX)
out="$RESULTS/soak-$N-$STAMP"
echo "soak N=$N for ${DURATION}s, a sample every ${SAMPLE}s; work dir $dir" >&2

ensure_identities "$N"
# Round trips through the whole run: one command a second to a random agent.
start_console "$dir" console --expect "$N" --preapprove "$CACHE/identities.txt" \
  --rtt-after 30 --rtt-count $((DURATION - 60)) --rtt-per-second 1 --rtt-out "$dir/rtt.json"
start_swarm "$dir" "$N" --ramp "$RAMP" --alert-every 5m
if ! wait_for "$dir/console.out" ALL_ONLINE $((N / RAMP + 600)); then
  echo "not every agent came online; see $dir" >&2
  exit 1
fi
t0=$(date +%s)
c0=$(cpu_ticks "$CONSOLE_PID")
echo "minute,console_heap_after_gc_mb,console_rss_mb,console_threads,console_fds,online,stats_per_s,lag_p99_ms,swarm_rss_mb" >"$out.csv"
while :; do
  now=$(date +%s)
  elapsed=$((now - t0))
  [ "$elapsed" -le "$DURATION" ] || break
  heap=$(heap_after_gc_kb "$CONSOLE_PID")
  threads=$(awk '/^Threads:/ { print $2 }' "/proc/$CONSOLE_PID/status")
  fds=$(find "/proc/$CONSOLE_PID/fd" -mindepth 1 -maxdepth 1 | wc -l)
  # The console's own per-second row for the last full second: sessions online, reports, lag.
  read -r online stats lag <<<"$(tail -n 2 "$dir/console.csv" | head -n 1 | awk -F, '{ print $3, $5, $7 }')"
  printf '%.2f,%.1f,%.1f,%d,%d,%d,%d,%d,%.1f\n' "$(echo "$elapsed / 60" | bc -l)" \
    "$(echo "$heap / 1024" | bc -l)" "$(echo "$(rss_kb "$CONSOLE_PID") / 1024" | bc -l)" \
    "$threads" "$fds" "$online" "$stats" "$lag" "$(echo "$(rss_kb "$SWARM_PID") / 1024" | bc -l)" >>"$out.csv"
  tail -n 1 "$out.csv" >&2
  sleep "$SAMPLE"
done
c1=$(cpu_ticks "$CONSOLE_PID")
wait_for "$dir/console.out" '^RTT' 120 || echo "no round-trip result" >&2
cp "$dir/console.csv" "$out-console.csv"
# First and last quarter of the samples, and the least-squares slope per hour of each column.
awk -F, -v n="$N" -v dur="$DURATION" -v stamp="$STAMP" \
  -v cpu="$(echo "scale=3; ($c1 - $c0) / $CLK_TCK / $DURATION" | bc)" \
  -v rtt="$(sed -n 's/^RTT //p' "$dir/console.out")" '
  NR == 1 { next }
  { k++; for (c = 1; c <= 9; c++) v[k, c] = $c }
  END {
    q = int(k / 4); if (q < 1) q = 1
    split("heap_after_gc_mb rss_mb threads fds", name, " "); split("2 3 4 5", col, " ")
    printf "{\"date\": \"%s\", \"agents\": %d, \"seconds\": %d, \"samples\": %d, \"console_cpu_cores\": %.3f,\n", stamp, n, dur, k, cpu
    for (j = 1; j <= 4; j++) {
      c = col[j]; f = 0; l = 0; mx = 0; sx = 0; sy = 0; sxx = 0; sxy = 0
      for (i = 1; i <= k; i++) {
        if (i <= q) f += v[i, c]; if (i > k - q) l += v[i, c]; if (v[i, c] > mx) mx = v[i, c]
        sx += v[i, 1]; sy += v[i, c]; sxx += v[i, 1] * v[i, 1]; sxy += v[i, 1] * v[i, c]
      }
      d = k * sxx - sx * sx; slope = d == 0 ? 0 : (k * sxy - sx * sy) / d * 60
      printf " \"%s\": {\"first_quarter\": %.1f, \"last_quarter\": %.1f, \"max\": %.1f, \"per_hour\": %.2f},\n", name[j], f / q, l / q, mx, slope
    }
    printf " \"command_rtt\": %s}\n", rtt == "" ? "null" : rtt
  }' "$out.csv" | tee "$out.json"
tail -1 "$dir/swarm.out" >&2 || true
if command -v python3 >/dev/null; then
  python3 "$BENCH_ROOT/bench/chart.py" "$out.csv" "$out" "Soak: $N agents for $((DURATION / 60)) minutes" \
    "minute:minutes" "console_heap_after_gc_mb:console heap after a full GC, MB" \
    "console_rss_mb:console RSS, MB" "console_threads:console platform threads" \
    "lag_p99_ms:stats lag p99, ms" >&2 && rm -f "$out.svg"
fi
