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
 * @param historyRetention how long one-minute metric aggregates stay in the store
 * @param liveWindow how much full-resolution history each agent keeps in memory for live charts
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
    int metricsPort,
    Duration historyRetention,
    Duration liveWindow) {

  /** Metric history is kept this long unless configured otherwise. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

  /**
   * Live charts can look back this far at full resolution unless configured otherwise; longer
   * ranges come from the store's minute aggregates (decision 0008: 10.5 KB per agent, not 42).
   */
  public static final Duration DEFAULT_LIVE_WINDOW = Duration.ofMinutes(15);

  public ManagerConfig {
    if (historyRetention.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("the history retention must be at least one minute");
    }
    if (liveWindow.isNegative() || liveWindow.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("the live window must be between 0 and 24 hours");
    }
  }

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
        -1,
        DEFAULT_RETENTION,
        DEFAULT_LIVE_WINDOW);
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

  /** The same configuration with other history settings. */
  public ManagerConfig withHistory(Duration retention, Duration live) {
    return new ManagerConfig(
        bindAddress,
        tcpPort,
        udpPort,
        heartbeatSeconds,
        staleAfter,
        commandTimeout,
        dataDir,
        insecure,
        advertiseHost,
        takeover,
        metricsPort,
        retention,
        live);
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
        metrics,
        historyRetention,
        liveWindow);
  }
}
