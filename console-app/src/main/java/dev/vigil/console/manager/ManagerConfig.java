package dev.vigil.console.manager;

import java.time.Duration;

/**
 * How the manager listens and judges liveness.
 *
 * @param bindAddress the address both listeners bind, for example {@code 127.0.0.1}
 * @param tcpPort the agents' TCP port, 0 for any free port
 * @param udpPort the alert datagram port, 0 for any free port
 * @param heartbeatSeconds heartbeat interval; three silent intervals close a session
 * @param staleAfter an online agent without stats for this long is marked stale
 * @param commandTimeout how long a command may go unanswered
 */
public record ManagerConfig(
    String bindAddress,
    int tcpPort,
    int udpPort,
    int heartbeatSeconds,
    Duration staleAfter,
    Duration commandTimeout) {

  /** Loopback, free ports, 5 s heartbeats: for tests and demos. */
  public static ManagerConfig loopbackAnyPort() {
    return new ManagerConfig("127.0.0.1", 0, 0, 5, Duration.ofSeconds(5), Duration.ofSeconds(15));
  }
}
