package dev.vigil.console.manager.metrics;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.api.ManagerInfo;
import dev.vigil.console.manager.api.UdpCounters;
import dev.vigil.console.manager.fleet.AgentRegistry;
import dev.vigil.protocol.message.StatsReport;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Serves {@code /metrics} in the Prometheus text format, through the Prometheus Java client:
 * per-agent gauges of approved agents read from the registry at scrape time (a pending or rejected
 * agent's id and claimed host name are nobody's business), and the console's own counters
 * (sessions, refused sessions, datagrams by result, alerts and commands by outcome).
 */
public final class MetricsEndpoint implements FleetListener, AutoCloseable {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter commands;
  private final Counter alerts;
  private final ScrapeServer server;

  /**
   * Binds and serves.
   *
   * @param bearerToken what a scrape must send as {@code Authorization: Bearer TOKEN}, or null
   */
  public MetricsEndpoint(
      InetSocketAddress bind,
      String bearerToken,
      AgentRegistry agents,
      Supplier<UdpCounters> udp,
      Supplier<ManagerInfo.SessionCounters> sessions)
      throws IOException {
    GaugeWithCallback.builder()
        .name("vigil_agent_up")
        .help("1 if the agent is connected and approved, 0 otherwise")
        .labelNames("agent", "host", "status")
        .callback(
            cb ->
                approved(agents)
                    .forEach(
                        a ->
                            cb.call(
                                a.status() == AgentStatus.ONLINE || a.status() == AgentStatus.STALE
                                    ? 1
                                    : 0,
                                a.agentId(),
                                a.hostname(),
                                a.status().name().toLowerCase(Locale.ROOT))))
        .register(registry);
    agentGauge(
        agents,
        "vigil_agent_cpu_percent",
        "Whole-machine CPU load, percent",
        StatsReport::cpuPercent);
    agentGauge(
        agents, "vigil_agent_memory_used_bytes", "Memory in use", StatsReport::memoryUsedBytes);
    agentGauge(
        agents, "vigil_agent_memory_total_bytes", "Physical memory", StatsReport::memoryTotalBytes);
    agentGauge(agents, "vigil_agent_swap_used_bytes", "Swap in use", StatsReport::swapUsedBytes);
    agentGauge(agents, "vigil_agent_processes", "Running processes", StatsReport::processCount);
    agentGauge(
        agents,
        "vigil_agent_load1",
        "One-minute load average (absent where the OS has none)",
        s -> s.loadAverage().isEmpty() ? Double.NaN : s.loadAverage().get(0));
    agentGauge(
        agents,
        "vigil_agent_uptime_seconds",
        "Time since the machine booted",
        StatsReport::uptimeSeconds);
    agentGauge(
        agents,
        "vigil_agent_self_resident_bytes",
        "The Vigil agent's own resident memory",
        StatsReport::agentResidentBytes);
    GaugeWithCallback.builder()
        .name("vigil_console_sessions")
        .help("Open agent sessions, approved or waiting")
        .callback(cb -> cb.call(sessions.get().open()))
        .register(registry);
    CounterWithCallback.builder()
        .name("vigil_console_sessions_refused")
        .help("Sessions closed for breaking the protocol or refused admission")
        .callback(cb -> cb.call(sessions.get().refused()))
        .register(registry);
    CounterWithCallback.builder()
        .name("vigil_console_sessions_turned_away")
        .help(
            "Connections closed before their TLS handshake while the console was busy with others;"
                + " their agents dial again")
        .callback(cb -> cb.call(sessions.get().turnedAway()))
        .register(registry);
    CounterWithCallback.builder()
        .name("vigil_console_unapproved_frames")
        .help("Frames from agents that are not approved, dropped")
        .callback(cb -> cb.call(sessions.get().unapprovedFrames()))
        .register(registry);
    CounterWithCallback.builder()
        .name("vigil_console_datagrams")
        .help("Alert datagrams by what became of them")
        .labelNames("result")
        .callback(
            cb -> {
              UdpCounters c = udp.get();
              cb.call(c.accepted(), "accepted");
              cb.call(c.forged(), "forged");
              cb.call(c.replayed(), "replayed");
              cb.call(c.unknownAgent(), "unknown_agent");
              cb.call(c.malformed(), "malformed");
            })
        .register(registry);
    this.commands =
        Counter.builder()
            .name("vigil_console_commands")
            .help("Commands finished, by outcome")
            .labelNames("command", "outcome")
            .register(registry);
    this.alerts =
        Counter.builder()
            .name("vigil_console_alerts")
            .help("Alerts accepted, by severity and state")
            .labelNames("severity", "state")
            .register(registry);
    PrometheusTextFormatWriter format = PrometheusTextFormatWriter.create();
    this.server =
        new ScrapeServer(
            bind,
            bearerToken,
            REQUEST_DEADLINE,
            new ScrapeServer.Body() {
              @Override
              public String contentType() {
                return format.getContentType();
              }

              @Override
              public byte[] write() throws IOException {
                ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
                format.write(out, registry.scrape());
                return out.toByteArray();
              }
            });
  }

  /** How long a client has to send its request. */
  static final Duration REQUEST_DEADLINE = Duration.ofSeconds(5);

  private static Stream<AgentSnapshot> approved(AgentRegistry agents) {
    return agents.unordered().stream().filter(a -> a.status().isApproved());
  }

  /**
   * The bearer token in {@code file}: its first line, which must be printable ASCII without spaces.
   *
   * @throws IOException with a sentence naming the file and what to put in it
   */
  public static String readToken(Path file) throws IOException {
    String first;
    try {
      first = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
    } catch (IOException e) {
      throw new IOException(
          "cannot read the metrics token file " + file + " (" + e.getMessage() + ")", e);
    }
    if (first.isEmpty()) {
      throw new IOException(
          "the metrics token file " + file + " is empty; put the token on its first line");
    }
    if (!first.matches("[\\x21-\\x7e]{16,4096}")) {
      throw new IOException(
          "the metrics token file "
              + file
              + ", line 1: the token must be 16 to 4096 printable ASCII characters without spaces");
    }
    return first;
  }

  private void agentGauge(
      AgentRegistry agents, String name, String help, ToDoubleFunction<StatsReport> value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .labelNames("agent", "host")
        .callback(
            cb ->
                approved(agents)
                    .filter(a -> a.stats() != null)
                    .forEach(
                        a -> {
                          double v = value.applyAsDouble(a.stats());
                          if (!Double.isNaN(v)) {
                            cb.call(v, a.agentId(), a.hostname());
                          }
                        }))
        .register(registry);
  }

  public int port() {
    return server.port();
  }

  /** Adds a counter of the console's own, read at scrape time. */
  public void counter(String name, String help, java.util.function.LongSupplier value) {
    CounterWithCallback.builder()
        .name(name)
        .help(help)
        .callback(cb -> cb.call(value.getAsLong()))
        .register(registry);
  }

  @Override
  public void alertReceived(AlertEvent alert) {
    alerts
        .labelValues(
            alert.alert().severity().name().toLowerCase(Locale.ROOT),
            alert.alert().state().name().toLowerCase(Locale.ROOT))
        .inc();
  }

  @Override
  public void commandUpdated(CommandOutcome outcome) {
    if (outcome.status().isFinal()) {
      commands
          .labelValues(outcome.command().wireName(), outcome.outcomeName().toLowerCase(Locale.ROOT))
          .inc();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
