package dev.vigil.console.manager;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the manager listens, where it keeps its state and how it judges liveness.
 *
 * @param bindAddress the address both listeners bind, for example {@code 127.0.0.1}
 * @param tcpPort the agents' TCP port, 0 for any free port
 * @param udpPort the alert datagram port, 0 for any free port
 * @param heartbeatSeconds heartbeat interval; three silent intervals close a session
 * @param staleAfter an online agent without stats for this long is marked stale
 * @param commandTimeout how long a command may go unanswered
 * @param dataDir where the console keeps its key, known agents and tokens
 * @param insecure plaintext TCP without keys, for labs only
 * @param advertiseHost the host name agents should dial, used in enrollment commands
 * @param takeover stop a stale Vigil console that holds this data directory, and start anyway
 * @param metricsPort the Prometheus {@code /metrics} port, 0 for any free port, -1 for none
 */
public record ManagerConfig(
    String bindAddress,
    int tcpPort,
    int udpPort,
    int heartbeatSeconds,
    Duration staleAfter,
    Duration commandTimeout,
    Path dataDir,
    boolean insecure,
    String advertiseHost,
    boolean takeover,
    int metricsPort) {

  /** Loopback, free ports, 5 s heartbeats, TLS: for tests and demos. */
  public static ManagerConfig loopbackAnyPort(Path dataDir) {
    return new ManagerConfig(
        "127.0.0.1",
        0,
        0,
        5,
        Duration.ofSeconds(5),
        Duration.ofSeconds(15),
        dataDir,
        false,
        "127.0.0.1",
        false,
        -1);
  }

  /** The same configuration on other ports. */
  public ManagerConfig withPorts(int tcp, int udp) {
    return copy(tcp, udp, takeover, metricsPort);
  }

  /** The same configuration with a Prometheus endpoint on {@code port} (0: any free port). */
  public ManagerConfig withMetrics(int port) {
    return copy(tcpPort, udpPort, takeover, port);
  }

  /** The same configuration, allowed to stop a stale console holding the data directory. */
  public ManagerConfig withTakeover() {
    return copy(tcpPort, udpPort, true, metricsPort);
  }

  private ManagerConfig copy(int tcp, int udp, boolean stopStale, int metrics) {
    return new ManagerConfig(
        bindAddress,
        tcp,
        udp,
        heartbeatSeconds,
        staleAfter,
        commandTimeout,
        dataDir,
        insecure,
        advertiseHost,
        stopStale,
        metrics);
  }
}
