#!/usr/bin/env bash
# FX-thread time per pulse, stats arrival to table row, and alert arrival to the feed, with N
# agents reporting once a second into a headless (Monocle) console window.
#   bench/fx-pulse.sh [AGENTS] [SECONDS]      (default 10000 agents, 60 s)
#   POPUPS=false bench/fx-pulse.sh ...        the same without alert popups (their share)
# Prints the figures and leaves them in console-app/target/bench/fx-pulse-AGENTS.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
agents=${1:-10000}
seconds=${2:-60}
# shellcheck source=../scripts/find-jdk.sh
. scripts/find-jdk.sh
vigil_find_jdk
./mvnw -B -q -pl console-app -am test -Dtest=FxPulseBenchmarkTest \
  -Dsurefire.failIfNoSpecifiedTests=false \
  -Dvigil.bench.agents="$agents" -Dvigil.bench.seconds="$seconds" \
  -Dvigil.bench.popups="${POPUPS:-true}" >/dev/null
suffix=""
[ "${POPUPS:-true}" = true ] || suffix="-no-popups"
cat "console-app/target/bench/fx-pulse-$agents$suffix.txt"
