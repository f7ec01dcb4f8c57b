#!/usr/bin/env bash
# The slow-frame attack of issue #16 against two consoles in one run: this build's and, when
# BASELINE points at an older checkout with its jars built, that one's. Each console runs headless
# with -Xmx512m on port 0; SESSIONS sessions from an unknown key announce ANNOUNCED bytes and send
# one byte every EVERY_MS, reconnecting when closed. Nine times during the SECONDS of the attack the
# script forces a full GC and reads the console's live heap (jcmd GC.heap_info); it reports the
# peak, the console's OutOfMemoryErrors and the attacker's tally.
#
# Usage: bench/trickle-attack.sh [SESSIONS=900] [ANNOUNCED=1048576] [EVERY_MS=5000] [SECONDS=60]
# Env: BASELINE (a checkout of an older commit, built), RESULTS_TAG.
# Output: one JSON line per console on stdout and in bench/results/trickle-STAMP.json.
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
SESSIONS=${1:-900}
ANNOUNCED=${2:-1048576}
EVERY=${3:-5000}
SECONDS_=${4:-60}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
work=$(mktemp -d /tmp/vigil-trickle.XXXXXX)
out="$RESULTS/trickle-$STAMP.json"

attack_one() { # NAME CONSOLE_JAR
  local name=$1 jar=$2 dir="$work/$1" port pid apid heap oom
  mkdir -p "$dir/data" && chmod 700 "$dir" "$dir/data"
  tail -f /dev/null | "$JAVA" -Xmx512m --enable-native-access=ALL-UNNAMED -jar "$jar" \
    --headless --data-dir "$dir/data" --tcp-port 0 --udp-port 0 >"$dir/console.out" 2>"$dir/console.log" &
  BENCH_PIDS+=($!)
  for _ in $(seq 1 300); do
    port=$(sed -n 's/^Vigil console listening on tcp .*:\([0-9]*\) (agents)$/\1/p' "$dir/console.out")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { echo "$name: the console did not start; see $dir" >&2; return 1; }
  pid=$(pgrep -f -- "--data-dir $dir/data" | head -n 1)
  "$JAVA" -Xmx512m -cp "$BENCH_ROOT/swarm/target/test-classes:$BENCH_ROOT/console-app/target/lib/*" \
    dev.vigil.swarm.bench.TrickleAttack 127.0.0.1 "$port" "$SESSIONS" "$ANNOUNCED" "$EVERY" "$SECONDS_" \
    >"$dir/attack.out" 2>"$dir/attack.log" &
  apid=$!
  BENCH_PIDS+=("$apid")
  # Live heap while the attack runs: a full GC, then the used heap, every tenth of the run.
  heap=0
  for _ in $(seq 1 9); do
    sleep $((SECONDS_ / 10))
    jcmd "$pid" GC.run >/dev/null 2>&1 || true
    used=$(jcmd "$pid" GC.heap_info 2>/dev/null | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -n 1)
    [ -n "$used" ] && [ "$used" -gt "$heap" ] && heap=$used
  done
  wait "$apid" || true
  oom=$(cat "$dir/console.log" "$dir/console.out" | grep -c OutOfMemoryError || true)
  alive=$(kill -0 "$pid" 2>/dev/null && echo true || echo false)
  printf '{"date": "%s", "console": "%s", "sessions": %d, "announced_bytes": %d, "byte_every_ms": %d, "seconds": %d, "peak_live_heap_during_attack_kb": %s, "out_of_memory_errors": %d, "console_alive": %s, "attacker_last": "%s"}\n' \
    "$STAMP" "$name" "$SESSIONS" "$ANNOUNCED" "$EVERY" "$SECONDS_" "${heap:-null}" "$oom" "$alive" \
    "$(tail -n 1 "$dir/attack.out")" | tee -a "$out"
  kill "$pid" 2>/dev/null || true
}

if [ -n "${BASELINE:-}" ]; then
  attack_one baseline "$BASELINE/console-app/target/vigil-console.jar"
fi
attack_one current "$BENCH_ROOT/console-app/target/vigil-console.jar"
echo "work dir $work" >&2
