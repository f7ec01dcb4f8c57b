#!/usr/bin/env bash
# Codec and crypto microbenchmarks (JMH): stats reports encoded and decoded, alert datagrams
# sealed and opened, per second on one thread; and the size of a typical stats frame.
#   bench/codec-jmh.sh          (one fork, 3 x 2 s warm-up, 5 x 2 s measurement per benchmark)
# Writes bench/results/codec-jmh-STAMP.json and prints JMH's table.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../scripts/find-jdk.sh
. scripts/find-jdk.sh
vigil_find_jdk
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p bench/results
./mvnw -B -q -pl shared-protocol test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
cp="shared-protocol/target/test-classes:shared-protocol/target/classes:$(cat shared-protocol/target/bench-classpath.txt)"
"$JAVA_HOME/bin/java" -cp "$cp" org.openjdk.jmh.Main CodecBenchmark \
  -f 1 -wi 3 -w 2s -i 5 -r 2s -rf json -rff "bench/results/codec-jmh-$stamp.json"
"$JAVA_HOME/bin/java" -cp "$cp" dev.vigil.protocol.bench.StatsFrameSize
