package dev.vigil.console.manager;

import dev.vigil.console.manager.notify.NotifySetup;
import dev.vigil.console.manager.trust.UnauthenticatedLimits;
import dev.vigil.protocol.command.Command;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How the manager listens, where it keeps its state and how it judges liveness.
 *
 * @param bindAddress the address both listeners bind, for example {@code 127.0.0.1}
 * @param tcpPort the agents' TCP port, 0 for any free port
 * @param udpPort the alert datagram port, 0 for any free port
 * @param heartbeatSeconds heartbeat interval; three silent intervals close a session
 * @param staleAfter an online agent without stats for this long is marked stale
 * @param commandTimeout how long a command may go unanswered; once the agent accepted it, its own
 *     deadline applies instead
 * @param dataDir where the console keeps its key, known agents and tokens
 * @param insecure plaintext TCP without keys, for labs only
 * @param advertiseHost the host name agents should dial, used in enrollment commands
 * @param takeover stop a stale Vigil console that holds this data directory, and start anyway
 * @param metricsPort the Prometheus {@code /metrics} port, 0 for any free port, -1 for none
 * @param metricsBind the address {@code /metrics} binds: loopback unless given, whatever {@code
 *     bindAddress} is
 * @param metricsTokenFile a file whose first line is the bearer token every scrape must send, or
 *     null for none
 * @param historyRetention how long one-minute metric aggregates stay in the store
 * @param liveWindow how much full-resolution history each agent keeps in memory for live charts
 * @param commandDeadlines deadlines that replace a command's own {@link Command#deadline()}
 * @param unauthenticated what peers not admitted may hold: pending agents, unadmitted sessions
 * @param retention how long alerts and audit rows stay, and each agent's alert rate limit
 * @param reconnectGrace how long after a start the agents online at the last stop may take to
 *     reconnect before their offline alert fires
 * @param keepPorts the ports were not named: take the ones used last time (remembered in the data
 *     directory), else {@code tcpPort} and {@code udpPort}, else free ones, and remember them
 * @param operatorPort the operator channel's TCP port (remote consoles), 0 for any free port, -1
 *     for none
 * @param notifications the notifications config file and the command line's quick-start channels
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
    String metricsBind,
    Path metricsTokenFile,
    Duration historyRetention,
    Duration liveWindow,
    Map<Command, Duration> commandDeadlines,
    UnauthenticatedLimits unauthenticated,
    Retention retention,
    Duration reconnectGrace,
    boolean keepPorts,
    int operatorPort,
    NotifySetup notifications) {

  /** Metric history is kept this long unless configured otherwise. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

  /**
   * Live charts can look back this far at full resolution unless configured otherwise; longer
   * ranges come from the store's minute aggregates (decision 0008: 10.5 KB per agent, not 42).
   */
  public static final Duration DEFAULT_LIVE_WINDOW = Duration.ofMinutes(15);

  /**
   * Twice an agent's longest reconnect backoff (30 s), and a margin for a fleet's thundering herd.
   */
  public static final Duration DEFAULT_RECONNECT_GRACE = Duration.ofMinutes(2);

  public ManagerConfig {
    if (historyRetention.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("the history retention must be at least one minute");
    }
    if (liveWindow.isNegative() || liveWindow.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("the live window must be between 0 and 24 hours");
    }
    commandDeadlines = Map.copyOf(commandDeadlines);
  }

  /**
   * How long the console waits for a command's final result once its agent accepted it: the
   * command's own deadline unless this configuration replaces it.
   */
  public Duration deadline(Command command) {
    return commandDeadlines.getOrDefault(command, command.deadline());
  }

  /** Loopback, free ports, 5 s heartbeats, TLS: for tests and demos. */
  public static ManagerConfig loopbackAnyPort(Path dataDir) {
    return builder(dataDir).build();
  }

  /**
   * A configuration with every setting at its default (loopback, free ports, 5 s heartbeats, TLS,
   * no metrics endpoint), to change by name.
   */
  public static Builder builder(Path dataDir) {
    return new Builder(dataDir);
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    return new Builder(dataDir)
        .bind(bindAddress)
        .ports(tcpPort, udpPort)
        .heartbeatSeconds(heartbeatSeconds)
        .staleAfter(staleAfter)
        .commandTimeout(commandTimeout)
        .insecure(insecure)
        .advertiseHost(advertiseHost)
        .takeover(takeover)
        .metricsPort(metricsPort)
        .metricsAccess(metricsBind, metricsTokenFile)
        .history(historyRetention, liveWindow)
        .commandDeadlines(commandDeadlines)
        .unauthenticated(unauthenticated)
        .retention(retention)
        .reconnectGrace(reconnectGrace)
        .keepPorts(keepPorts)
        .operatorPort(operatorPort)
        .notifications(notifications);
  }

  /** The same configuration on other ports. */
  public ManagerConfig withPorts(int tcp, int udp) {
    return toBuilder().ports(tcp, udp).build();
  }

  /** The same configuration with a Prometheus endpoint on {@code port} (0: any free port). */
  public ManagerConfig withMetrics(int port) {
    return toBuilder().metricsPort(port).build();
  }

  /** The same configuration, allowed to stop a stale console holding the data directory. */
  public ManagerConfig withTakeover() {
    return toBuilder().takeover(true).build();
  }

  /** The same configuration with other history settings. */
  public ManagerConfig withHistory(Duration retention, Duration live) {
    return toBuilder().history(retention, live).build();
  }

  /** Builds a {@link ManagerConfig} by name; each setting starts at its default. */
  public static final class Builder {
    private final Path dataDir;
    private String bindAddress = "127.0.0.1";
    private int tcpPort;
    private int udpPort;
    private int heartbeatSeconds = 5;
    private Duration staleAfter = Duration.ofSeconds(5);
    private Duration commandTimeout = Duration.ofSeconds(15);
    private boolean insecure;
    private String advertiseHost = "127.0.0.1";
    private boolean takeover;
    private int metricsPort = -1;
    private String metricsBind = "127.0.0.1";
    private Path metricsTokenFile;
    private Duration historyRetention = DEFAULT_RETENTION;
    private Duration liveWindow = DEFAULT_LIVE_WINDOW;
    private final Map<Command, Duration> commandDeadlines = new EnumMap<>(Command.class);
    private UnauthenticatedLimits unauthenticated = UnauthenticatedLimits.DEFAULTS;
    private Retention retention = Retention.defaults();
    private Duration reconnectGrace = DEFAULT_RECONNECT_GRACE;
    private boolean keepPorts;
    private int operatorPort = -1;
    private NotifySetup notifications = NotifySetup.DEFAULT;

    private Builder(Path dataDir) {
      this.dataDir = dataDir;
    }

    /** The address every listener binds. */
    public Builder bind(String address) {
      this.bindAddress = address;
      return this;
    }

    /** The agents' TCP port and the alert datagram port; 0 picks a free one. */
    public Builder ports(int tcp, int udp) {
      this.tcpPort = tcp;
      this.udpPort = udp;
      return this;
    }

    /** The heartbeat interval; three silent intervals close a session. */
    public Builder heartbeatSeconds(int seconds) {
      this.heartbeatSeconds = seconds;
      return this;
    }

    /** How long an online agent may go without stats before it is marked stale. */
    public Builder staleAfter(Duration after) {
      this.staleAfter = after;
      return this;
    }

    /** How long a command may go unanswered. */
    public Builder commandTimeout(Duration timeout) {
      this.commandTimeout = timeout;
      return this;
    }

    /**
     * How long to wait for a command's final result once its agent accepted it, instead of the
     * command's own {@link Command#deadline()}.
     */
    public Builder commandDeadline(Command command, Duration deadline) {
      if (deadline.isNegative() || deadline.isZero()) {
        throw new IllegalArgumentException("a command's deadline must be positive");
      }
      this.commandDeadlines.put(command, deadline);
      return this;
    }

    private Builder commandDeadlines(Map<Command, Duration> deadlines) {
      this.commandDeadlines.putAll(deadlines);
      return this;
    }

    /** Plaintext TCP without keys, for labs only. */
    public Builder insecure(boolean plaintext) {
      this.insecure = plaintext;
      return this;
    }

    /** The host name agents should dial, used in enrollment commands. */
    public Builder advertiseHost(String host) {
      this.advertiseHost = host;
      return this;
    }

    /** Whether to stop a stale Vigil console that holds the data directory. */
    public Builder takeover(boolean stopStale) {
      this.takeover = stopStale;
      return this;
    }

    /** The Prometheus endpoint's port: 0 for any free port, -1 for none. */
    public Builder metricsPort(int port) {
      this.metricsPort = port;
      return this;
    }

    /**
     * Where {@code /metrics} listens (loopback by default) and the file holding the bearer token
     * scrapes must send (null: none).
     */
    public Builder metricsAccess(String bind, Path tokenFile) {
      this.metricsBind = bind;
      this.metricsTokenFile = tokenFile;
      return this;
    }

    /** How long minute aggregates stay in the store, and how much full resolution stays live. */
    public Builder history(Duration retention, Duration live) {
      this.historyRetention = retention;
      this.liveWindow = live;
      return this;
    }

    /** Limits on pending agents and on sessions not admitted yet. */
    public Builder unauthenticated(UnauthenticatedLimits limits) {
      this.unauthenticated = limits;
      return this;
    }

    /** How long alerts and audit rows stay, and how many new alerts an agent may raise a minute. */
    public Builder retention(Retention kept) {
      this.retention = kept;
      return this;
    }

    /** How long the agents online at the last stop may take to reconnect after a start. */
    public Builder reconnectGrace(Duration grace) {
      this.reconnectGrace = grace;
      return this;
    }

    /**
     * With {@code true}, the ports are preferences: the console takes the ports it used last time
     * when it can, else these, else free ones, and remembers what it bound.
     */
    public Builder keepPorts(boolean keep) {
      this.keepPorts = keep;
      return this;
    }

    /** The operator channel's port: 0 for any free port, -1 (the default) for none. */
    public Builder operatorPort(int port) {
      this.operatorPort = port;
      return this;
    }

    /** The notifications config and quick-start channels (none unless said). */
    public Builder notifications(NotifySetup setup) {
      this.notifications = setup;
      return this;
    }

    /** The configuration; settings out of range are refused with a sentence. */
    public ManagerConfig build() {
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
          metricsBind,
          metricsTokenFile,
          historyRetention,
          liveWindow,
          commandDeadlines,
          unauthenticated,
          retention,
          reconnectGrace,
          keepPorts,
          operatorPort,
          notifications);
    }
  }
}
