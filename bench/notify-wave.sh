#!/usr/bin/env bash
# The notification wave of issue 19: PROBLEMS agents each raising a critical problem within the
# same minute, on the manager's real alert path and store, told to two webhooks on loopback (Vigil's
# body and Slack's) with the default rate limit and a WINDOW group window. Prints the messages sent
# per channel, the time from the first problem to the first notification, and the wave's ingest
# time with and without the notifier (NotifyWaveTest). Usage: bench/notify-wave.sh [PROBLEMS] [WINDOW]
set -euo pipefail
cd "$(dirname "$0")/.."
problems=${1:-10000}
window=${2:-30s}
./mvnw -B -q -pl console-app -am test -Dtest=NotifyWaveTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dvigil.bench.notify.problems="$problems" -Dvigil.bench.notify.window="$window" 2>&1 |
  grep '^notify wave:'
