package dev.vigil.swarm;

import dev.vigil.protocol.tls.Fingerprint;
import java.time.Duration;

/**
 * How a swarm behaves.
 *
 * @param agents how many simulated agents
 * @param host the console's host
 * @param port the console's TCP port
 * @param token an enrollment token with enough uses for every new agent, or null (agents then wait
 *     as pending for the operator)
 * @param consolePin the console's key, or null to trust the first key seen
 * @param rate how often each agent sends stats
 * @param alertEvery the mean time between two alerts of one agent, {@link Duration#ZERO} for none
 * @param rampPerSecond how many agents start per second (first connections are spread this way)
 */
public record SwarmConfig(
    int agents,
    String host,
    int port,
    String token,
    Fingerprint consolePin,
    Duration rate,
    Duration alertEvery,
    int rampPerSecond) {
  public SwarmConfig {
    if (agents < 1) {
      throw new IllegalArgumentException("--agents must be at least 1");
    }
    if (rate.toMillis() < 10) {
      throw new IllegalArgumentException("--rate must be at least 10ms");
    }
    if (alertEvery.isNegative()) {
      throw new IllegalArgumentException("--alert-every must not be negative");
    }
    if (rampPerSecond < 1) {
      throw new IllegalArgumentException("--ramp must be at least 1 agent per second");
    }
  }
}
