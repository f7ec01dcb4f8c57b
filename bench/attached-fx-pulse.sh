#!/usr/bin/env bash
# FX time per pulse in a console window attached over the operator channel (issue 18): N simulated
# agents at 1 Hz into a manager (ConsoleBench, its own JVM), and the window (Monocle, the test
# AttachedFxPulseBenchmarkTest) attached to it. Prints the pulse times, the manager's receipt of a
# report to its row, and alert to feed, as bench/fx-pulse.sh does for the embedded window.
#
# Usage: bench/attached-fx-pulse.sh [N=10000] [SECONDS=60]
#   BENCH_CONSOLE_CPUS=1 BENCH_MANAGER_CPUS=0 BENCH_SWARM_CPUS=1: the manager on a core of its own
#   BENCH_TEST_FLAGS="-XX:StartFlightRecording=filename=/tmp/w.jfr": JVM flags for the window
# Output: console-app/target/bench/fx-pulse-attached-N.txt, copied to bench/results/.
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
N=${1:-10000}
SECONDS_=${2:-60}
RAMP=${RAMP:-200}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
dir=$(mktemp -d /tmp/vigil-bench.XXXXXX)
echo "attached FX pulse N=$N for ${SECONDS_}s; work dir $dir" >&2
ensure_identities "$N"
start_console "$dir" console --expect "$N" --preapprove "$CACHE/identities.txt" --operator-port 0
start_swarm "$dir" "$N" --ramp "$RAMP" --alert-every 10m
if ! wait_for "$dir/console.out" ALL_ONLINE $((N / RAMP + 600)); then
  echo "not every agent came online; see $dir" >&2
  exit 1
fi
cd "$BENCH_ROOT"
test_flags=()
if [ -n "${BENCH_TEST_FLAGS:-}" ]; then
  test_flags=("-Dvigil.test.jvmFlags=-Xshare:auto --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow $BENCH_TEST_FLAGS")
fi
"${CONSOLE_ON[@]}" ./mvnw -B -q -pl console-app -am test -Dtest=AttachedFxPulseBenchmarkTest \
  -Dsurefire.failIfNoSpecifiedTests=false "${test_flags[@]}" -Dvigil.bench.agents="$N" -Dvigil.bench.seconds="$SECONDS_" \
  -Dvigil.bench.attach.manager="127.0.0.1:$(port_value "$dir" operator)" \
  -Dvigil.bench.attach.token-file="$dir/console/admin-token" \
  -Dvigil.bench.attach.fingerprint="$(port_value "$dir" fingerprint)" >"$dir/test.out" 2>&1 || {
  echo "the attached window test failed; see $dir/test.out" >&2
  exit 1
}
cp "console-app/target/bench/fx-pulse-attached-$N.txt" "$RESULTS/fx-pulse-attached-$N-$STAMP.txt"
cat "console-app/target/bench/fx-pulse-attached-$N.txt"
