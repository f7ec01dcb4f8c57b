# shellcheck shell=bash disable=SC2034
# Shared helpers of the benchmark scripts: the JDK, class paths, starting and sampling processes.
# Sourced, not run. Every process a script starts is recorded and stopped on exit.
set -euo pipefail
BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/find-jdk.sh
. "$BENCH_ROOT/scripts/find-jdk.sh"
vigil_find_jdk
JAVA="$JAVA_HOME/bin/java"
RESULTS="$BENCH_ROOT/bench/results"
CACHE="$BENCH_ROOT/bench/.cache"
mkdir -p "$RESULTS" "$CACHE"

SWARM_JAR="$BENCH_ROOT/swarm/target/vigil-swarm.jar"
BENCH_CP="$BENCH_ROOT/swarm/target/test-classes:$BENCH_ROOT/console-app/target/classes:$BENCH_ROOT/console-app/target/lib/*"
# The console as the launcher runs it (JVM defaults); BENCH_CONSOLE_FLAGS adds, for example, JFR.
read -r -a extra_console_flags <<<"${BENCH_CONSOLE_FLAGS:-}"
CONSOLE_FLAGS=(--enable-native-access=ALL-UNNAMED "${extra_console_flags[@]}")
read -r -a SWARM_FLAGS <<<"${BENCH_SWARM_FLAGS:--Xmx1g -XX:+UseSerialGC}"

if [ ! -f "$SWARM_JAR" ] || [ ! -d "$BENCH_ROOT/swarm/target/test-classes/dev/vigil/swarm/bench" ]; then
  echo "Build first: ./mvnw -B -DskipTests package (or ./vigil build)." >&2
  exit 1
fi

# BENCH_MANAGER_CPUS, BENCH_SWARM_CPUS, BENCH_CONSOLE_CPUS: taskset lists ("0", "1") that keep
# each side on its own cores, as on machines of their own; unset, they share every core.
MANAGER_ON=()
SWARM_ON=()
CONSOLE_ON=()
[ -z "${BENCH_MANAGER_CPUS:-}" ] || MANAGER_ON=(taskset -c "$BENCH_MANAGER_CPUS")
[ -z "${BENCH_SWARM_CPUS:-}" ] || SWARM_ON=(taskset -c "$BENCH_SWARM_CPUS")
[ -z "${BENCH_CONSOLE_CPUS:-}" ] || CONSOLE_ON=(taskset -c "$BENCH_CONSOLE_CPUS")

BENCH_PIDS=()
bench_cleanup() {
  for pid in "${BENCH_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${BENCH_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap bench_cleanup EXIT INT TERM

# ensure_identities N: makes and caches N simulated agents' keys once, so that making keys is
# not part of any measurement.
ensure_identities() {
  local n=$1 have
  have=$( [ -f "$CACHE/identities.txt" ] && wc -l <"$CACHE/identities.txt" || echo 0)
  if [ "$have" -lt "$n" ]; then
    echo "making $n agent identities (once; kept in $CACHE)..." >&2
    "$JAVA" -cp "$SWARM_JAR:$BENCH_ROOT/swarm/target/lib/*" -Xmx1g dev.vigil.swarm.SwarmMain \
      --agents "$n" --console 127.0.0.1:9 --trust-on-first-use --identities "$CACHE/identities.txt" --duration 1ms \
      --ramp 1 >/dev/null 2>&1 || true
  fi
}

# start_console DIR NAME [ConsoleBench options...]: starts the console side, sets CONSOLE_PID.
start_console() {
  local dir=$1 name=$2
  shift 2
  rm -f "$dir/ports"
  # The class path goes in an argument file: other people's scripts on a shared machine that stop
  # "vigil-console" processes by name must not take the benchmark's console with them.
  printf -- '-cp\n%s\n' "$BENCH_CP" >"$dir/console.args"
  "${MANAGER_ON[@]}" "$JAVA" "${CONSOLE_FLAGS[@]}" "@$dir/console.args" dev.vigil.swarm.bench.ConsoleBench \
    --data-dir "$dir/console" --port-file "$dir/ports" --csv "$dir/$name.csv" "$@" \
    >"$dir/$name.out" 2>"$dir/$name.log" &
  CONSOLE_PID=$!
  BENCH_PIDS+=("$CONSOLE_PID")
  for _ in $(seq 1 300); do
    [ -s "$dir/ports" ] && grep -q '^pid=' "$dir/ports" && return 0
    sleep 0.1
  done
  echo "the console did not start; see $dir/$name.log" >&2
  return 1
}

port_value() { sed -n "s/^$2=//p" "$1/ports"; }

# start_swarm DIR N [swarm options...]: starts N simulated agents, sets SWARM_PID.
start_swarm() {
  local dir=$1 n=$2
  shift 2
  "${SWARM_ON[@]}" "$JAVA" "${SWARM_FLAGS[@]}" -jar "$SWARM_JAR" --agents "$n" \
    --console "127.0.0.1:$(port_value "$dir" tcp)" --token "$(port_value "$dir" token)" \
    --console-fingerprint "$(port_value "$dir" fingerprint)" \
    --identities "$CACHE/identities.txt" --status-every 10s "$@" >"$dir/swarm.out" 2>"$dir/swarm.log" &
  SWARM_PID=$!
  BENCH_PIDS+=("$SWARM_PID")
}

# wait_for FILE PATTERN SECONDS: waits until a line matching PATTERN appears.
wait_for() {
  local file=$1 pattern=$2 secs=$3
  for _ in $(seq 1 $((secs * 10))); do
    grep -q "$pattern" "$file" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# cpu_ticks PID: user+system clock ticks so far.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
CLK_TCK=$(getconf CLK_TCK)

# heap_after_gc_kb PID: forces a full collection, then sums the used heap of every generation
# (G1 and Serial print "total ..., used NK"; ZGC prints "ZHeap used NM").
heap_after_gc_kb() {
  "$JAVA_HOME/bin/jcmd" "$1" GC.run >/dev/null
  "$JAVA_HOME/bin/jcmd" "$1" GC.heap_info | awk '(/ total .*used/ || /ZHeap .*used/) && !/Metaspace|class space/ {
    for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/,$/, "", v)
      u = substr(v, length(v)); v += 0; sum += (u == "M" ? v * 1024 : (u == "G" ? v * 1048576 : v)) } }
    END { print sum + 0 }'
}
