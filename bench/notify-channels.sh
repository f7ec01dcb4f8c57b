#!/usr/bin/env bash
# What one message of 200 notices costs the email channel (GreenMail on loopback, implicit TLS and
# STARTTLS, with login) and the Alertmanager channel (Debian's prometheus-alertmanager on loopback).
#   bench/notify-channels.sh [RUNS]      (default 20)
# Prints the figures and leaves them in console-app/target/bench/notify-channels.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
# shellcheck source=../scripts/find-jdk.sh
. scripts/find-jdk.sh
vigil_find_jdk
scripts/alertmanager.sh
rm -f console-app/target/bench/notify-channels.txt
./mvnw -B -q -pl console-app -am test -Dtest=ChannelDeliveryBenchmarkTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Dvigil.bench.runs="$runs" >/dev/null
cat console-app/target/bench/notify-channels.txt
