package dev.vigil.console.manager;

import dev.vigil.console.manager.alerts.AlertService;
import dev.vigil.console.manager.alerts.ConsoleAlerts;
import dev.vigil.console.manager.api.Acknowledgement;
import dev.vigil.console.manager.api.AgentDetails;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.Enrollment;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.MinuteAggregate;
import dev.vigil.console.manager.api.UdpCounters;
import dev.vigil.console.manager.commands.CommandService;
import dev.vigil.console.manager.fleet.AgentRegistry;
import dev.vigil.console.manager.fleet.Listeners;
import dev.vigil.console.manager.history.MetricHistory;
import dev.vigil.console.manager.metrics.MetricsEndpoint;
import dev.vigil.console.manager.store.ConsoleStore;
import dev.vigil.console.manager.transport.AgentConnection;
import dev.vigil.console.manager.transport.AgentDialer;
import dev.vigil.console.manager.transport.TcpService;
import dev.vigil.console.manager.transport.UdpAlertService;
import dev.vigil.console.manager.trust.TrustStore;
import dev.vigil.protocol.message.Heartbeat;
import dev.vigil.protocol.tls.Fingerprint;
import dev.vigil.protocol.tls.PeerCheck;
import dev.vigil.protocol.tls.TlsContexts;
import dev.vigil.protocol.tls.TlsIdentity;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's engine, with no UI: listens for agents over TCP and for alert datagrams over UDP on
 * background threads, keeps the registry, sends commands and accepts alerts. The GUI and the
 * headless text interface are two faces of it. Thread-safe.
 */
public final class ConsoleManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleManager.class);

  private final ManagerConfig config;
  private final String consoleId = UUID.randomUUID().toString();
  private final Listeners listeners = new Listeners();
  private final MetricHistory history;
  private final AgentRegistry registry;
  private final AlertService alerts = new AlertService(listeners);
  private final ConsoleAlerts consoleAlerts = new ConsoleAlerts(alerts);
  private final ScheduledExecutorService housekeeping =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("vigil-housekeeping").daemon().unstarted(r));
  private UdpAlertService udp;
  private TcpService tcp;
  private CommandService commands;
  private TrustStore trust;
  private TlsIdentity identity;
  private DataDirLock lock;
  private ConsoleStore store;
  private MetricsEndpoint metrics;
  private final List<AgentDialer> dialers = new CopyOnWriteArrayList<>();

  public ConsoleManager(ManagerConfig config) {
    this.config = config;
    this.history = new MetricHistory(config.liveWindow());
    this.registry = new AgentRegistry(listeners, history);
    listeners.add(consoleAlerts);
  }

  /**
   * Binds both listeners and starts serving.
   *
   * @throws PortInUseException when a port is taken, with a sentence saying what to do
   */
  public void start() throws IOException {
    lock = lockDataDir();
    try {
      startLocked();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private DataDirLock lockDataDir() throws IOException {
    try {
      return DataDirLock.acquire(config.dataDir());
    } catch (DataDirInUseException e) {
      if (!config.takeover() || e.pid().isEmpty()) {
        throw e;
      }
      stopStaleConsole(e.pid().getAsLong());
      return DataDirLock.acquire(config.dataDir());
    }
  }

  /** Stops the console recorded in our data directory's lock, and nothing that is not one. */
  private void stopStaleConsole(long pid) throws IOException {
    ProcessHandle process = ProcessHandle.of(pid).orElse(null);
    if (process == null) {
      return; // gone already: its lock went with it
    }
    String command = process.info().commandLine().orElse("");
    boolean holdsOurLock = PortGuard.hasOpen(pid, config.dataDir().resolve("console.lock"));
    if (!holdsOurLock && !new PortGuard.Holder(pid, command).isVigilConsole()) {
      throw new IOException(
          "--takeover refused: PID "
              + pid
              + " holds the data directory but is not a Vigil console ("
              + command
              + ")");
    }
    LOG.warn("--takeover: stopping the stale Vigil console PID {}", pid);
    process.destroy();
    try {
      try {
        process.onExit().get(10, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        LOG.warn("PID {} did not stop within 10 s; killing it", pid);
        process.destroyForcibly();
        process.onExit().get(10, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("could not stop PID " + pid, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping PID " + pid, e);
    }
  }

  private void startLocked() throws IOException {
    store = new ConsoleStore(config.dataDir());
    alerts.attach(store);
    ConsoleStore audit = store;
    listeners.add(
        new FleetListener() {
          @Override
          public void commandUpdated(CommandOutcome outcome) {
            audit.audit(outcome); // sent, acknowledged and the final outcome
          }
        });
    trust = new TrustStore(config.dataDir());
    trust.all().forEach(registry::remember);
    SSLContext tls = null;
    if (config.insecure()) {
      LOG.warn(
          "INSECURE MODE: agent sessions are plain TCP without keys; anyone who can reach the"
              + " console can pose as an agent. Use this only in a lab.");
    } else {
      identity = TlsIdentity.loadOrCreate(config.dataDir(), "vigil-console");
      tls = TlsContexts.create(identity, PeerCheck.ANY);
    }
    SSLContext context = tls;
    udp = bind("UDP", config.udpPort(), "--udp-port", a -> new UdpAlertService(a, alerts));
    try {
      tcp =
          bind(
              "TCP",
              config.tcpPort(),
              "--tcp-port",
              a ->
                  new TcpService(
                      a,
                      context,
                      config,
                      consoleId,
                      registry,
                      alerts,
                      udp,
                      trust,
                      consoleAlerts,
                      housekeeping));
    } catch (IOException e) {
      udp.close();
      throw e;
    }
    commands = new CommandService(tcp::connection, registry, listeners, config.commandTimeout());
    udp.start();
    tcp.start(commands);
    if (config.metricsPort() >= 0) {
      metrics =
          bind(
              "HTTP",
              config.metricsPort(),
              "--metrics-port",
              a ->
                  new MetricsEndpoint(
                      a,
                      registry,
                      udp::counters,
                      () -> tcp.connections().size(),
                      tcp::refusedSessions,
                      tcp::turnedAway,
                      tcp::unapprovedFrames));
      listeners.add(metrics);
    }
    housekeeping.scheduleWithFixedDelay(this::housekeep, 1, 1, TimeUnit.SECONDS);
    housekeeping.scheduleWithFixedDelay(
        () -> flushHistory(System.currentTimeMillis()), 5, 5, TimeUnit.SECONDS);
    housekeeping.scheduleWithFixedDelay(this::pruneHistory, 0, 1, TimeUnit.HOURS);
    trust.dialTargets().forEach(this::dial);
  }

  private interface Binder<T> {
    T bind(InetSocketAddress address) throws IOException;
  }

  private <T> T bind(String what, int port, String option, Binder<T> binder) throws IOException {
    try {
      return binder.bind(new InetSocketAddress(config.bindAddress(), port));
    } catch (BindException e) {
      String holder =
          PortGuard.holder(what, port)
              .map(h -> " by " + h + (h.isVigilConsole() ? ", another Vigil console" : ""))
              .orElse("");
      throw new PortInUseException(
          what
              + " port "
              + port
              + " on "
              + config.bindAddress()
              + " is already in use"
              + holder
              + "; stop it or choose another port with "
              + option
              + " (0 picks a free port)",
          e);
    }
  }

  /** Writes every finished minute's aggregates to the store; called every few seconds. */
  private void flushHistory(long nowMillis) {
    List<MinuteAggregate> rows = history.completedMinutes(nowMillis);
    try {
      store.insertMinutes(rows);
    } catch (ConsoleStore.StoreException e) {
      LOG.warn("Metric history not stored yet, will retry: {}", e.getMessage());
      history.retry(new java.util.ArrayList<>(rows));
    }
  }

  private void pruneHistory() {
    try {
      int gone =
          store.pruneMinutes(System.currentTimeMillis() - config.historyRetention().toMillis());
      if (gone > 0) {
        LOG.info("Dropped {} metric aggregates older than {}", gone, config.historyRetention());
      }
    } catch (ConsoleStore.StoreException e) {
      LOG.warn("Could not prune the metric history: {}", e.getMessage());
    }
  }

  private void housekeep() {
    long now = System.currentTimeMillis();
    registry.markStale(now, config.staleAfter().toMillis());
    long heartbeatNanos = TimeUnit.SECONDS.toNanos(config.heartbeatSeconds());
    for (AgentConnection c : tcp.connections()) {
      if (c.idleNanos() >= heartbeatNanos) {
        try {
          c.send(new Heartbeat(now));
        } catch (IOException e) {
          LOG.debug("Heartbeat to {} failed: {}", c.hostname(), e.getMessage());
          c.close();
        }
      }
    }
  }

  /** Approves a pending (or rejected) agent; a waiting session opens at once. */
  public boolean approve(String agentId) {
    if (!trust.approve(agentId)) {
      return false;
    }
    LOG.info("Approved agent {}", agentId);
    tcp.approved(agentId);
    return true;
  }

  /** Rejects an agent: it gets no commands and its data is refused. */
  public boolean reject(String agentId) {
    if (!trust.reject(agentId)) {
      return false;
    }
    LOG.info("Rejected agent {}", agentId);
    tcp.disallowed(agentId, "this agent was rejected by the console's operator");
    registry.status(agentId, AgentStatus.REJECTED);
    return true;
  }

  /** Forgets an agent and its pinned key; it must be approved or enrolled again. */
  public boolean forget(String agentId) {
    if (!trust.forget(agentId)) {
      return false;
    }
    LOG.info("Forgot agent {}", agentId);
    consoleAlerts.forgotten(
        agentId, registry.get(agentId).map(AgentSnapshot::hostname).orElse(agentId));
    tcp.disallowed(agentId, "this console's operator forgot this agent; enroll it again");
    registry.remove(agentId);
    return true;
  }

  /**
   * Adds an agent in server mode: the console dials it now and after every disconnection. With the
   * agent's fingerprint (which it logs at start) a new agent is approved on first contact; without,
   * it appears as pending.
   */
  public void connectTo(String host, int port, Fingerprint expected) {
    TrustStore.DialTarget target =
        new TrustStore.DialTarget(host, port, expected == null ? null : expected.value());
    trust.addDialTarget(target);
    dial(target);
  }

  private void dial(TrustStore.DialTarget target) {
    AgentDialer dialer = new AgentDialer(target, tcp, identity);
    dialers.add(dialer);
    dialer.start();
    LOG.info("Dialling the agent at {}:{}", target.host(), target.port());
  }

  /** Makes an enrollment token and the command that uses it on a new machine. */
  public Enrollment createEnrollment(Duration ttl, int uses) {
    TrustStore.EnrollmentToken t = trust.createToken(ttl, uses);
    String host = config.advertiseHost();
    String hostPort = (host.contains(":") ? "[" + host + "]" : host) + ":" + tcpAddress().getPort();
    String command =
        "./vigil agent --manager "
            + hostPort
            + " --token "
            + t.token()
            + (identity == null
                ? " --insecure"
                : " --console-fingerprint " + identity.fingerprint());
    String config =
        "manager = "
            + hostPort
            + "\ntoken = "
            + t.token()
            + "\n"
            + (identity == null
                ? "insecure = true\n"
                : "console-fingerprint = " + identity.fingerprint() + "\n");
    return new Enrollment(t.token(), t.expiresAt(), t.uses(), command, config);
  }

  /** The console's own key fingerprint, or empty in insecure mode. */
  public Optional<Fingerprint> fingerprint() {
    return Optional.ofNullable(identity).map(TlsIdentity::fingerprint);
  }

  /** Whether sessions run without TLS. */
  public boolean insecure() {
    return config.insecure();
  }

  /** Sessions closed because the peer was silent for three heartbeat intervals. */
  public long silentSessions() {
    return tcp.silentSessions();
  }

  /**
   * Connections closed before their TLS handshake because every handshake turn was taken for longer
   * than the wait; their agents dial again after their backoff.
   */
  public long turnedAwaySessions() {
    return tcp.turnedAway();
  }

  /** How many TLS handshakes the console runs at once. */
  public int handshakeTurns() {
    return tcp.handshakeTurns();
  }

  /** Agent frames dropped because the agent is not approved. */
  public long unapprovedFrames() {
    return tcp.unapprovedFrames();
  }

  /** Adds a listener for agent, alert and command events. */
  public void addListener(FleetListener listener) {
    listeners.add(listener);
  }

  /** The address the TCP listener bound. */
  public InetSocketAddress tcpAddress() {
    return tcp.address();
  }

  /** The address of the Prometheus endpoint, if it runs. */
  public Optional<InetSocketAddress> metricsAddress() {
    return Optional.ofNullable(metrics)
        .map(m -> new InetSocketAddress(config.bindAddress(), m.port()));
  }

  /** The address the UDP alert listener bound. */
  public InetSocketAddress udpAddress() {
    return udp.address();
  }

  /** Every agent the console has seen, by host name. */
  public List<AgentSnapshot> agents() {
    return registry.all();
  }

  /** One agent by id. */
  public Optional<AgentSnapshot> agent(String agentId) {
    return registry.get(agentId);
  }

  /** An agent's inventory, file systems and top processes, once reported. */
  public Optional<AgentDetails> details(String agentId) {
    return registry.details(agentId);
  }

  /** Sends a command to one agent; the future completes with its final outcome. */
  public CompletableFuture<CommandOutcome> sendCommand(String agentId, String command) {
    return commands.send(agentId, command);
  }

  /** Sends a command with arguments, for example {@code kill} with {@code pid}. */
  public CompletableFuture<CommandOutcome> sendCommand(
      String agentId, String command, java.util.Map<String, String> arguments) {
    return commands.send(agentId, command, arguments);
  }

  /** Acknowledges an alert by its console id; false when there is no such recent alert. */
  public boolean acknowledge(long alertId, String who, String note) {
    return alerts.acknowledge(alertId, who, note);
  }

  /** The acknowledgement of an alert, if any. */
  public Optional<Acknowledgement> acknowledgement(long alertId) {
    return alerts.acknowledgement(alertId);
  }

  /** Snoozes an agent's alerts (one rule, or all when {@code rule} is null) until a time. */
  public void snooze(String agentId, String rule, java.time.Instant until) {
    alerts.snooze(agentId, rule, until.toEpochMilli());
  }

  /** An agent's recent stats at full resolution, for live charts. */
  public MetricHistory.LiveSeries liveHistory(String agentId) {
    return history.live(agentId);
  }

  /**
   * An agent's one-minute aggregates of a metric over a time range, from the store, including the
   * minute in progress.
   */
  public List<MinuteAggregate> history(
      String agentId, Metric metric, java.time.Instant from, java.time.Instant to) {
    flushHistory(System.currentTimeMillis());
    List<MinuteAggregate> rows =
        new java.util.ArrayList<>(
            store.minutes(agentId, metric, from.toEpochMilli(), to.toEpochMilli()));
    history
        .currentMinute(agentId, metric)
        .filter(
            m -> m.minuteMillis() >= from.toEpochMilli() && m.minuteMillis() < to.toEpochMilli())
        .ifPresent(rows::add);
    return rows;
  }

  /**
   * Writes the metric history of a time range as CSV, including the minute in progress; returns the
   * number of rows.
   */
  public long exportHistory(java.nio.file.Path file, java.time.Instant from, java.time.Instant to)
      throws IOException {
    flushHistory(System.currentTimeMillis());
    return store.exportHistory(
        file, from.toEpochMilli(), to.toEpochMilli(), history.minutesInProgress());
  }

  /** Snoozes still running: "agent id/rule" ({@code *} for all rules) to their end. */
  public java.util.Map<String, Long> snoozes() {
    return alerts.snoozes();
  }

  /** The alert history and audit log. */
  public ConsoleStore store() {
    return store;
  }

  /** The most recent alerts, newest first. */
  public List<AlertEvent> recentAlerts() {
    return alerts.recent();
  }

  /** What the datagram listener accepted and dropped. */
  public UdpCounters udpCounters() {
    return udp.counters();
  }

  /** Sessions closed for breaking the protocol. */
  public long refusedSessions() {
    return tcp.refusedSessions();
  }

  @Override
  public void close() {
    dialers.forEach(AgentDialer::close);
    housekeeping.shutdownNow();

    if (tcp != null) {
      tcp.close();
    }
    if (udp != null) {
      udp.close();
    }
    if (metrics != null) {
      metrics.close();
    }
    if (store != null) {
      // A clean stop keeps the minute in progress too.
      flushHistory(Long.MAX_VALUE);
      store.close();
    }
    if (lock != null) {
      lock.close();
    }
  }
}
