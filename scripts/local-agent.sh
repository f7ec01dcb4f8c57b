#!/usr/bin/env bash
# Sourced by the footprint benchmarks: a headless console and one agent on loopback, the agent
# with the launcher's JVM flags (or VIGIL_AGENT_JVM_FLAGS), both in WORK, for about SECONDS.
# Sets VIGIL_AGENT_PID and VIGIL_AGENT_FLAGS. The caller removes WORK and the processes (trap).
# VIGIL_AGENT_ARGS adds options to the agent's command line (bench/agent-checks-cost.sh: --config).

# vigil_start_local_agent WORK SECONDS
vigil_start_local_agent() {
  local work=$1 seconds=$2 tcp token fp
  mkfifo "$work/in"
  sleep $((seconds + 60)) >"$work/in" &
  "$JAVA_HOME/bin/java" -jar console-app/target/vigil-console.jar --headless --tcp-port 0 \
    --udp-port 0 --data-dir "$work/console" --port-file "$work/ports" --enroll-local \
    <"$work/in" >"$work/console.log" 2>&1 &
  for _ in $(seq 1 100); do [ -f "$work/ports" ] && break; sleep 0.2; done
  tcp=$(sed -n 's/^tcp=//p' "$work/ports")
  token=$(sed -n 's/^token=//p' "$work/ports")
  fp=$(sed -n 's/^fingerprint=//p' "$work/ports")
  # shellcheck disable=SC2034 # read by the scripts that source this
  VIGIL_AGENT_FLAGS=${VIGIL_AGENT_JVM_FLAGS:-$(sed -n 's/^AGENT_JVM_FLAGS=(\(.*\))$/\1/p' vigil | head -1)}
  (umask 077; printf '%s\n' "$token" >"$work/agent-token")
  # shellcheck disable=SC2086 # the flags are words
  "$JAVA_HOME/bin/java" $VIGIL_AGENT_FLAGS -jar agent/target/vigil-agent.jar \
    --manager "127.0.0.1:$tcp" --token-file "$work/agent-token" --console-fingerprint "$fp" \
    --data-dir "$work/agent" --initial-delay 0 ${VIGIL_AGENT_ARGS:-} >"$work/agent.log" 2>&1 &
  # shellcheck disable=SC2034
  VIGIL_AGENT_PID=$!
}

# vigil_footprint_start SECONDS: finds a JDK, builds, makes WORK (removed on exit, with every
# process started here) and starts the console and the agent in it. Sets WORK too.
vigil_footprint_start() {
  # shellcheck source=find-jdk.sh
  . scripts/find-jdk.sh
  vigil_find_jdk
  ./vigil build >/dev/null
  WORK=$(mktemp -d)
  trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
  vigil_start_local_agent "$WORK" "$1"
}
