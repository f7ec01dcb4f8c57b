package dev.vigil.console.manager;

import dev.vigil.protocol.Heartbeat;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
  private final AgentRegistry registry = new AgentRegistry(listeners);
  private final AlertService alerts = new AlertService(listeners);
  private final ScheduledExecutorService housekeeping =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("vigil-housekeeping").daemon().unstarted(r));
  private UdpAlertService udp;
  private TcpService tcp;
  private CommandService commands;

  public ConsoleManager(ManagerConfig config) {
    this.config = config;
  }

  /**
   * Binds both listeners and starts serving.
   *
   * @throws PortInUseException when a port is taken, with a sentence saying what to do
   */
  public void start() throws IOException {
    udp = bind("UDP", config.udpPort(), "--udp-port", a -> new UdpAlertService(a, alerts));
    try {
      tcp =
          bind(
              "TCP",
              config.tcpPort(),
              "--tcp-port",
              a -> new TcpService(a, config, consoleId, registry, alerts, udp));
    } catch (IOException e) {
      udp.close();
      throw e;
    }
    commands = new CommandService(tcp::connection, registry, listeners, config.commandTimeout());
    udp.start();
    tcp.start(commands);
    housekeeping.scheduleWithFixedDelay(this::housekeep, 1, 1, TimeUnit.SECONDS);
  }

  private interface Binder<T> {
    T bind(InetSocketAddress address) throws IOException;
  }

  private <T> T bind(String what, int port, String option, Binder<T> binder) throws IOException {
    try {
      return binder.bind(new InetSocketAddress(config.bindAddress(), port));
    } catch (BindException e) {
      throw new PortInUseException(
          what
              + " port "
              + port
              + " on "
              + config.bindAddress()
              + " is already in use; stop what holds it or choose another with "
              + option
              + " (0 picks a free port)",
          e);
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

  /** Adds a listener for agent, alert and command events. */
  public void addListener(FleetListener listener) {
    listeners.add(listener);
  }

  /** The address the TCP listener bound. */
  public InetSocketAddress tcpAddress() {
    return tcp.address();
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

  /** Sends a command to one agent; the future completes with its final outcome. */
  public CompletableFuture<CommandOutcome> sendCommand(String agentId, String command) {
    return commands.send(agentId, command);
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
    housekeeping.shutdownNow();
    if (tcp != null) {
      tcp.close();
    }
    if (udp != null) {
      udp.close();
    }
  }
}
