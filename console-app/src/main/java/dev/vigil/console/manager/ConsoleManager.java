package dev.vigil.console.manager;

import dev.vigil.common.BuildVersion;
import dev.vigil.console.manager.alerts.AlertService;
import dev.vigil.console.manager.alerts.ConsoleAlerts;
import dev.vigil.console.manager.api.Acknowledgement;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.AgentView;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.AlertQuery;
import dev.vigil.console.manager.api.AuditCheck;
import dev.vigil.console.manager.api.CheckMinute;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.Enrollment;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.api.ManagerInfo;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.MinuteAggregate;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.OperatorAdmin;
import dev.vigil.console.manager.api.OperatorApi;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.console.manager.api.Snooze;
import dev.vigil.console.manager.api.Subscription;
import dev.vigil.console.manager.commands.CommandService;
import dev.vigil.console.manager.fleet.AgentRegistry;
import dev.vigil.console.manager.fleet.Listeners;
import dev.vigil.console.manager.history.MetricHistory;
import dev.vigil.console.manager.metrics.MetricsEndpoint;
import dev.vigil.console.manager.notify.Notifier;
import dev.vigil.console.manager.remote.OperatorChannel;
import dev.vigil.console.manager.store.AuditLog;
import dev.vigil.console.manager.store.AuditWriter;
import dev.vigil.console.manager.store.ConsoleStore;
import dev.vigil.console.manager.store.CsvExport;
import dev.vigil.console.manager.store.NotificationTable;
import dev.vigil.console.manager.transport.AgentDialer;
import dev.vigil.console.manager.transport.TcpService;
import dev.vigil.console.manager.transport.UdpAlertService;
import dev.vigil.console.manager.trust.TrustStore;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.tls.Fingerprint;
import dev.vigil.protocol.tls.PeerCheck;
import dev.vigil.protocol.tls.TlsContexts;
import dev.vigil.protocol.tls.TlsIdentity;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager, with no UI: listens for agents over TCP and for alert datagrams over UDP, keeps the
 * registry, the store and the history, and serves the {@link OperatorApi} that the window and the
 * text interface use. Wiring and lifecycle live here; each job lives in its package. Thread-safe.
 *
 * <p>A little over 400 lines because it is the one in-process implementation of the operator API's
 * 22 calls, each a few lines handing over to a part; splitting them off would only add a layer.
 */
public final class ConsoleManager implements OperatorApi, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleManager.class);

  private final ManagerConfig config;
  private final String consoleId = UUID.randomUUID().toString();
  private final Listeners listeners = new Listeners();
  private final MetricHistory history;
  private final AgentRegistry registry;
  private final AlertService alerts = new AlertService(listeners);
  private final ConsoleAlerts consoleAlerts = new ConsoleAlerts(alerts);
  private final List<AgentDialer> dialers = new CopyOnWriteArrayList<>();
  private Running running;
  private volatile OperatorChannel channel;
  private volatile Notifier notifier;

  /** What exists only while the manager runs; built in one step by {@link #start()}. */
  private record Running(
      DataDirLock lock,
      ConsoleStore store,
      TrustStore trust,
      TlsIdentity identity,
      UdpAlertService udp,
      TcpService tcp,
      CommandService commands,
      MetricsEndpoint metrics,
      Housekeeping housekeeping,
      AuditWriter audit) {}

  public ConsoleManager(ManagerConfig config) {
    this.config = config;
    this.history = new MetricHistory(config.liveWindow());
    this.registry = new AgentRegistry(listeners, history);
    listeners.add(consoleAlerts);
    alerts.limit(config.retention().alertsPerMinute(), config.retention().alertBurst());
  }

  /** The manager's version, as the build stamped it. */
  public static String version() {
    return BuildVersion.read(ConsoleManager.class, "/dev/vigil/console/version.properties");
  }

  /**
   * Locks the data directory, binds every listener and starts serving.
   *
   * @throws PortInUseException when a port is taken, with a sentence saying what to do
   */
  public void start() throws IOException {
    DataDirLock lock = DataDirLock.acquire(config.dataDir(), config.takeover());
    List<AutoCloseable> opened = new ArrayList<>(List.of(lock));
    try {
      running = startLocked(lock, opened);
    } catch (IOException | RuntimeException e) {
      closeAll(opened);
      throw e;
    }
  }

  private Running startLocked(DataDirLock lock, List<AutoCloseable> opened) throws IOException {
    ConsoleStore store = new ConsoleStore(config.dataDir());
    opened.add(0, store);
    alerts.attach(store);
    AuditWriter audit = new AuditWriter(new AuditLog(store));
    opened.add(0, audit);
    listeners.add(audit);
    AuditCheck chain = audit.verify();
    if (!chain.intact()) {
      consoleAlerts.consoleProblem("console.audit_broken", chain.sentence());
    }
    Notifier notify = Notifier.open(config.notifications(), config.dataDir(), notifierParts(store));
    opened.add(0, notify);
    listeners.add(notify);
    notifier = notify;
    notify.start();
    TrustStore trust = new TrustStore(config.dataDir(), config.unauthenticated());
    trust.all().forEach(registry::remember);
    consoleAlerts.consoleStarted(
        trust.all().stream().map(TrustStore.KnownAgent::agentId).collect(Collectors.toSet()),
        System.currentTimeMillis() + config.reconnectGrace().toMillis());
    TlsIdentity identity = null;
    SSLContext tls = null;
    if (config.insecure()) {
      LOG.warn(
          "INSECURE MODE: agent sessions are plain TCP without keys; anyone who can reach the"
              + " console can pose as an agent. Use this only in a lab.");
    } else {
      identity = TlsIdentity.loadOrCreate(config.dataDir(), "vigil-console");
      tls = TlsContexts.create(identity, PeerCheck.ANY);
    }
    Housekeeping housekeeping = new Housekeeping(config, registry, history, store, audit.log());
    opened.add(0, housekeeping);
    KeptPorts kept = config.keepPorts() ? new KeptPorts(config.dataDir()) : null;
    UdpAlertService udp =
        bind("UDP", config.udpPort(), "--udp-port", kept, a -> new UdpAlertService(a, alerts));
    opened.add(0, udp);
    CommandService commands =
        new CommandService(registry, listeners, config.commandTimeout(), config::deadline);
    SSLContext context = tls;
    TcpService tcp =
        bind(
            "TCP",
            config.tcpPort(),
            "--tcp-port",
            kept,
            a ->
                new TcpService(
                    a,
                    context,
                    config.heartbeatSeconds(),
                    consoleId,
                    new TcpService.Parts(
                        registry,
                        alerts,
                        udp,
                        trust,
                        consoleAlerts,
                        (from, result) ->
                            commands.resultReceived(
                                from.agentId().toString(), from.fingerprint(), result)),
                    housekeeping.executor(),
                    config.unauthenticated().unadmittedSessions()));
    opened.add(0, tcp);
    if (kept != null) {
      kept.remember(tcp.address().getPort(), udp.address().getPort());
    }
    commands.attach(tcp::connection);
    commands.onIssue(audit::issued);
    MetricsEndpoint metrics = null;
    if (config.metricsPort() >= 0) {
      String token =
          config.metricsTokenFile() == null
              ? null
              : MetricsEndpoint.readToken(config.metricsTokenFile());
      metrics =
          bind(
              "HTTP",
              config.metricsBind(),
              config.metricsPort(),
              "--metrics-port",
              a -> new MetricsEndpoint(a, token, registry, udp::counters, tcp::counters));
      opened.add(0, metrics);
      listeners.add(metrics);
      metrics.counter(
          "vigil_console_alerts_dropped",
          "New alerts dropped by the per-agent rate limit (still acknowledged)",
          alerts::droppedByRateLimit);
    }
    udp.start();
    tcp.start();
    housekeeping.start(tcp);
    housekeeping.expirePending(trust);
    housekeeping.every(
        Duration.ofSeconds(5), Duration.ofSeconds(5), "alert drops", alerts::reportDrops);
    housekeeping.every(
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        "reconnect grace",
        () -> consoleAlerts.endGrace(System.currentTimeMillis()));
    housekeeping.every(
        Duration.ofSeconds(3),
        Duration.ofSeconds(3),
        "connected agents",
        () -> consoleAlerts.rememberConnected(System.currentTimeMillis()));
    Running r =
        new Running(lock, store, trust, identity, udp, tcp, commands, metrics, housekeeping, audit);
    running = r;
    channel = OperatorChannels.start(config, this, tls, identity, audit, housekeeping, opened);
    if (metrics != null && channel != null) {
      OperatorChannel c = channel;
      metrics.counter(
          "vigil_operator_channel_written_bytes",
          "Bytes the operator channel wrote to attached consoles",
          c::bytesWritten);
    }
    trust.dialTargets().forEach(this::dial);
    return r;
  }

  private Notifier.Parts notifierParts(ConsoleStore store) {
    // Agents have no tags yet (#20 part 2): a route's tag= term matches none until they do.
    return new Notifier.Parts(
        new NotificationTable(store),
        alerts.problems()::active,
        agentId -> java.util.Set.of(),
        new Notifier.OwnProblems() {
          @Override
          public void raise(String rule, String sentence) {
            consoleAlerts.consoleProblem(rule, sentence);
          }

          @Override
          public void resolve(String rule, String sentence) {
            consoleAlerts.consoleProblemOver(rule, sentence);
          }
        },
        System::currentTimeMillis);
  }

  private interface Binder<T> extends KeptPorts.Binder<T> {}

  private <T> T bind(String what, int port, String option, KeptPorts kept, Binder<T> binder)
      throws IOException {
    return kept == null
        ? bind(what, config.bindAddress(), port, option, binder)
        : kept.bind(what, config.bindAddress(), port, binder);
  }

  private <T> T bind(String what, String address, int port, String option, Binder<T> binder)
      throws IOException {
    try {
      return binder.bind(new InetSocketAddress(address, port));
    } catch (BindException e) {
      throw PortInUseException.of(what, address, port, option, e);
    }
  }

  private Running running() {
    Running r = running;
    if (r == null) {
      throw new IllegalStateException("the manager is not running");
    }
    return r;
  }

  // --- OperatorApi: reading ------------------------------------------------------------------

  @Override
  public ManagerInfo info() {
    Running r = running();
    return new ManagerInfo(
        version(),
        r.identity() == null ? null : r.identity().fingerprint().value(),
        r.tcp().address(),
        r.udp().address(),
        r.metrics() == null
            ? null
            : new InetSocketAddress(config.metricsBind(), r.metrics().port()),
        r.udp().counters(),
        r.tcp().counters(),
        channel == null ? null : channel.address());
  }

  @Override
  public List<AgentSnapshot> agents() {
    return registry.all();
  }

  @Override
  public Optional<AgentSnapshot> agent(String agentId) {
    return registry.get(agentId);
  }

  @Override
  public Optional<AgentView> view(String agentId) {
    return registry
        .get(agentId)
        .map(a -> new AgentView(a, registry.details(agentId).orElse(null), history.live(agentId)));
  }

  @Override
  public List<MinuteAggregate> history(String agentId, Metric metric, Instant from, Instant to) {
    Running r = running();
    r.housekeeping().flushHistory(System.currentTimeMillis());
    List<MinuteAggregate> rows =
        new ArrayList<>(r.store().minutes(agentId, metric, from.toEpochMilli(), to.toEpochMilli()));
    history
        .currentMinute(agentId, metric)
        .filter(
            m -> m.minuteMillis() >= from.toEpochMilli() && m.minuteMillis() < to.toEpochMilli())
        .ifPresent(rows::add);
    return rows;
  }

  @Override
  public List<CheckMinute> checkHistory(
      String agentId, String check, String metric, Instant from, Instant to) {
    Running r = running();
    r.housekeeping().flushHistory(System.currentTimeMillis());
    List<CheckMinute> rows =
        new ArrayList<>(
            r.store().checkMinutes(agentId, check, metric, from.toEpochMilli(), to.toEpochMilli()));
    registry
        .checkHistory()
        .currentMinute(agentId, check, metric)
        .filter(
            m -> m.minuteMillis() >= from.toEpochMilli() && m.minuteMillis() < to.toEpochMilli())
        .ifPresent(rows::add);
    return rows;
  }

  @Override
  public List<AlertEvent> recentAlerts() {
    return alerts.recent();
  }

  @Override
  public List<Problem> problems() {
    return alerts.problems().active();
  }

  @Override
  public List<AlertEvent> alertHistory(AlertQuery query) {
    return running().store().alertHistory(query);
  }

  @Override
  public Optional<Acknowledgement> acknowledgement(long alertId) {
    return alerts.acknowledgement(alertId);
  }

  @Override
  public List<Snooze> snoozes() {
    List<Snooze> all = new ArrayList<>();
    alerts
        .snoozes()
        .forEach(
            (key, until) -> {
              int slash = key.indexOf('/');
              all.add(
                  new Snooze(
                      key.substring(0, slash),
                      key.substring(slash + 1),
                      Instant.ofEpochMilli(until)));
            });
    return all;
  }

  @Override
  public Subscription subscribe(FleetListener listener) {
    return listeners.add(listener);
  }

  // --- OperatorApi: commands -----------------------------------------------------------------

  @Override
  public Optional<String> refusal(String agentId, Command command) {
    return running().commands().refusal(agentId, command);
  }

  @Override
  public CompletableFuture<CommandOutcome> send(
      Operator who, String agentId, Command command, Map<String, String> arguments) {
    LOG.info("{} sends {} to {}", who, command.wireName(), agentId);
    return running().commands().send(who, agentId, command, arguments);
  }

  // --- OperatorApi: alerts -------------------------------------------------------------------

  @Override
  public boolean acknowledge(Operator who, long alertId, String note) {
    return alerts.acknowledge(alertId, who.name(), note);
  }

  @Override
  public void snooze(Operator who, String agentId, String rule, Instant until) {
    LOG.info(
        "{} snoozes {} of {} until {}", who, rule == null ? "all alerts" : rule, agentId, until);
    alerts.snooze(agentId, rule, until.toEpochMilli(), who.name());
  }

  @Override
  public long exportAlerts(Operator who, Path file, boolean replace) throws IOException {
    return CsvExport.alerts(running().store(), file, replace);
  }

  @Override
  public long exportHistory(Operator who, Path file, Instant from, Instant to, boolean replace)
      throws IOException {
    Running r = running();
    r.housekeeping().flushHistory(System.currentTimeMillis());
    return CsvExport.history(
        r.store(),
        file,
        replace,
        from.toEpochMilli(),
        to.toEpochMilli(),
        history.minutesInProgress());
  }

  // --- OperatorApi: enrollment and trust -----------------------------------------------------

  @Override
  public Enrollment enroll(Operator who, Duration validFor, int uses) {
    Running r = running();
    TrustStore.EnrollmentToken t = r.trust().createToken(validFor, uses);
    LOG.info(
        "{} made an enrollment token for {} agent(s), valid until {}", who, uses, t.expiresAt());
    r.audit().token(who, validFor, uses, t.token());
    return Enrollment.forToken(
        t.token(),
        t.expiresAt(),
        t.uses(),
        config.advertiseHost(),
        r.tcp().address().getPort(),
        r.identity() == null ? null : r.identity().fingerprint().value());
  }

  @Override
  public boolean approve(Operator who, String agentId, Fingerprint compared) {
    Running r = running();
    if (!r.trust().approve(agentId, compared.value())) {
      return false;
    }
    LOG.info("{} approved agent {}", who, agentId);
    r.audit().trust(who, AuditWriter.APPROVE, agentId, hostname(agentId), "approved");
    r.tcp().approved(agentId);
    return true;
  }

  @Override
  public boolean reject(Operator who, String agentId) {
    Running r = running();
    if (!r.trust().reject(agentId)) {
      return false;
    }
    LOG.info("{} rejected agent {}", who, agentId);
    r.audit().trust(who, AuditWriter.REJECT, agentId, hostname(agentId), "rejected");
    r.tcp().disallowed(agentId, "this agent was rejected by the console's operator");
    registry.status(agentId, AgentStatus.REJECTED);
    return true;
  }

  @Override
  public boolean forget(Operator who, String agentId) {
    Running r = running();
    if (!r.trust().forget(agentId)) {
      return false;
    }
    LOG.info("{} forgot agent {}", who, agentId);
    r.audit().trust(who, AuditWriter.FORGET, agentId, hostname(agentId), "forgotten with its key");
    consoleAlerts.forgotten(
        agentId, registry.get(agentId).map(AgentSnapshot::hostname).orElse(agentId));
    r.tcp().disallowed(agentId, "this console's operator forgot this agent; enroll it again");
    registry.remove(agentId);
    return true;
  }

  @Override
  public boolean rekey(Operator who, String agentId, Fingerprint key) {
    Running r = running();
    Optional<TrustStore.KnownAgent> rekeyed = r.trust().rekey(agentId, key.value());
    if (rekeyed.isEmpty()) {
      return false;
    }
    LOG.info("{} re-keyed agent {} to {}", who, agentId, key);
    r.audit()
        .trust(who, AuditWriter.REKEY, agentId, rekeyed.get().hostname(), "re-keyed to " + key);
    consoleAlerts.rekeyed(agentId, rekeyed.get().hostname(), key.value());
    r.tcp().disallowed(agentId, "this console's operator re-keyed this agent; connect again");
    return true;
  }

  @Override
  public Optional<Fingerprint> refusedKey(String agentId) {
    return consoleAlerts.refusedKey(agentId).map(Fingerprint::parse);
  }

  @Override
  public void connect(Operator who, String host, int port, Fingerprint expected) {
    TrustStore.DialTarget target =
        new TrustStore.DialTarget(host, port, expected == null ? null : expected.value());
    running().trust().addDialTarget(target);
    LOG.info("{} added the agent at {}:{} to dial", who, host, port);
    dial(target);
  }

  private void dial(TrustStore.DialTarget target) {
    Running r = running();
    AgentDialer dialer = new AgentDialer(target, r.tcp(), r.identity());
    dialers.add(dialer);
    dialer.start();
    LOG.info("Dialling the agent at {}:{}", target.host(), target.port());
  }

  @Override
  public AuditCheck verifyAudit(Operator who) {
    AuditCheck check = running().audit().verify();
    LOG.info("{} checked the audit log: {}", who, check.sentence());
    return check;
  }

  private String hostname(String agentId) {
    return registry.get(agentId).map(AgentSnapshot::hostname).orElse("");
  }

  @Override
  public List<dev.vigil.console.manager.api.NotificationChannel> notificationChannels() {
    Notifier n = notifier;
    return n == null ? List.of() : n.channelViews();
  }

  @Override
  public CompletableFuture<dev.vigil.console.manager.api.NotificationTest> sendTestNotification(
      Operator who, String channel) {
    Notifier n = notifier;
    if (n == null) {
      throw new IllegalStateException("the manager is not running");
    }
    LOG.info("{} sends a test notification to '{}'", who, channel);
    return n.sendTest(channel);
  }

  @Override
  public Optional<OperatorAdmin> operatorAdmin() {
    return Optional.ofNullable(channel);
  }

  /** Bytes the operator channel has written to attached consoles since the start (0 without it). */
  public long operatorBytesWritten() {
    OperatorChannel c = channel;
    return c == null ? 0 : c.bytesWritten();
  }

  /** The operator channel's address, when it runs. */
  public Optional<InetSocketAddress> operatorListener() {
    return Optional.ofNullable(channel).map(OperatorChannel::address);
  }

  /** The store itself, for tests and benchmarks that count its rows; faces use the API. */
  public ConsoleStore store() {
    return running().store();
  }

  // --- lifecycle -----------------------------------------------------------------------------

  @Override
  public void close() {
    if (running != null) {
      // Before any session closes: the console's own stop is not its agents going offline.
      consoleAlerts.consoleStopping();
    }
    dialers.forEach(AgentDialer::close);
    Running r = running;
    if (r == null) {
      return;
    }
    OperatorChannel attached = channel;
    channel = null;
    if (attached != null) {
      attached.close();
    }
    running = null;
    Notifier notify = notifier;
    notifier = null;
    if (notify != null) {
      notify.close(); // before the store: a delivery under way must not write to a closed store
    }
    r.housekeeping().close();
    List<AutoCloseable> parts = new ArrayList<>();
    parts.add(r.tcp());
    parts.add(r.udp());
    if (r.metrics() != null) {
      parts.add(r.metrics());
    }
    // A clean stop keeps the minute in progress too.
    parts.add(() -> r.housekeeping().flushHistory(Long.MAX_VALUE));
    parts.add(r.audit());
    parts.add(r.store());
    parts.add(r.lock());
    closeAll(parts);
  }

  private static void closeAll(List<AutoCloseable> parts) {
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        // Closing on the way out: the rest must still close; the cause is logged once here.
        LOG.warn("Could not close {}: {}", part.getClass().getSimpleName(), e.getMessage());
      }
    }
  }
}
