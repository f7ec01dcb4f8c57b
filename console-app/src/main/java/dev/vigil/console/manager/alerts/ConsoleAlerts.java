package dev.vigil.console.manager.alerts;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.console.manager.store.ProblemTable;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's own alerts about its agents: offline and stale (each resolved when the agent is
 * back), and a key that changed. A restart or shutdown sent by the console opens a maintenance
 * window for that agent, during which its going offline is expected: no alert, and its return is
 * noted instead. The console's own stop is not an agent going offline: no alert then, and at the
 * next start the agents that were online get a grace period to reconnect before theirs fires.
 * Thread-safe.
 */
public final class ConsoleAlerts implements FleetListener {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ConsoleAlerts.class);

  /** How long after a restart or shutdown an agent's absence is expected. */
  static final Duration MAINTENANCE_WINDOW = Duration.ofMinutes(10);

  /** The agent id and host name of the console's alerts about itself. */
  public static final String CONSOLE = "console";

  private final AlertService alerts;
  private final Map<String, AgentStatus> lastStatus = new ConcurrentHashMap<>();
  private final Map<String, Long> maintenanceUntil = new ConcurrentHashMap<>();
  private final Map<String, String> firing = new ConcurrentHashMap<>();
  private final Map<String, String> refusedKeys = new ConcurrentHashMap<>();
  private final Map<String, String> hostnames = new ConcurrentHashMap<>();
  private final Map<String, Long> graceUntil = new ConcurrentHashMap<>();
  private volatile boolean stopping;
  private final ConnectedAtStop connectedAtStop;

  public ConsoleAlerts(AlertService alerts) {
    this.alerts = alerts;
    this.connectedAtStop = new ConnectedAtStop(this::expectedBack, () -> alerts.problems().table());
  }

  /**
   * The agents to expect back at the next start: those connected now, and those of the last stop
   * still within their grace (a crash during the grace must not forget them).
   */
  private java.util.Set<String> expectedBack() {
    java.util.Set<String> ids = new java.util.HashSet<>(graceUntil.keySet());
    lastStatus.forEach(
        (id, status) -> {
          if (status == AgentStatus.ONLINE || status == AgentStatus.STALE) {
            ids.add(id);
          }
        });
    return ids;
  }

  /**
   * Keeps the list of connected agents in the store current (call every few seconds), so that the
   * next start's grace holds after a crash too; does nothing once the console is stopping.
   */
  public void rememberConnected(long nowMillis) {
    if (!stopping) {
      connectedAtStop.write(nowMillis);
    }
  }

  @Override
  public void agentChanged(AgentSnapshot agent) {
    if (stopping) {
      return; // sessions closing because the console stops: not the agents' doing
    }
    hostnames.put(agent.agentId(), agent.hostname());
    AgentStatus before = lastStatus.put(agent.agentId(), agent.status());
    AgentStatus now = agent.status();
    if (now == AgentStatus.ONLINE) {
      graceUntil.remove(agent.agentId());
    }
    if (before != now) {
      connectedAtStop.changed();
    }
    if (before == null || before == now) {
      return;
    }
    String id = agent.agentId();
    String host = agent.hostname();
    boolean maintenance = maintenanceUntil.getOrDefault(id, 0L) > System.currentTimeMillis();
    switch (now) {
      case OFFLINE -> {
        resolve(id, host, "agent.stale", host + " is connected again but went offline");
        if (maintenance) {
          return; // expected while it restarts
        }
        fire(id, host, "agent.offline", Severity.WARNING, host + " went offline");
      }
      case STALE -> fire(id, host, "agent.stale", Severity.WARNING, host + " stopped reporting");
      case ONLINE -> {
        resolve(id, host, "agent.stale", host + " is reporting again");
        resolve(id, host, "agent.offline", host + " is back online");
        if (maintenanceUntil.remove(id) != null && before == AgentStatus.OFFLINE) {
          alerts.raise(
              id,
              host,
              "agent.maintenance",
              Severity.WARNING,
              AlertState.RESOLVED,
              host + " is back after its restart");
        }
      }
      default -> {}
    }
  }

  @Override
  public void commandUpdated(CommandOutcome outcome) {
    boolean power = outcome.command() == Command.RESTART || outcome.command() == Command.SHUTDOWN;
    if (!power) {
      return;
    }
    if (outcome.status() == CommandOutcome.Status.SENT) {
      maintenanceUntil.put(
          outcome.agentId(), System.currentTimeMillis() + MAINTENANCE_WINDOW.toMillis());
    } else if (outcome.dryRun()
        || outcome.status() == CommandOutcome.Status.FAILED
        || outcome.status() == CommandOutcome.Status.REFUSED
        || outcome.status() == CommandOutcome.Status.NOT_CONNECTED) {
      // Nothing restarts: its absence from now on is news. A timeout keeps the window, as a
      // machine may go down before its answer is sent.
      maintenanceUntil.remove(outcome.agentId());
    }
  }

  /**
   * An agent presented a key other than the one pinned for it; the key is kept (one per known
   * agent) so that the operator may re-key the agent to it.
   */
  public void keyChanged(String agentId, String hostname, String presented, String detail) {
    refusedKeys.put(agentId, presented);
    fire(agentId, hostname, "agent.key_changed", Severity.CRITICAL, detail);
  }

  /** The key a known agent's refused hello presented last, if any. */
  public Optional<String> refusedKey(String agentId) {
    return Optional.ofNullable(refusedKeys.get(agentId));
  }

  /** The operator re-keyed the agent: the key alert is over. */
  public void rekeyed(String agentId, String hostname, String key) {
    refusedKeys.remove(agentId);
    resolve(agentId, hostname, "agent.key_changed", hostname + " was re-keyed to " + key);
  }

  /**
   * The operator forgot the agent: a new key is welcome, the key alert is over, and so is every
   * other problem of the agent.
   */
  public void forgotten(String agentId, String hostname) {
    resolve(
        agentId,
        hostname,
        "agent.key_changed",
        hostname + " was forgotten; it may enroll with a new key");
    lastStatus.remove(agentId);
    refusedKeys.remove(agentId);
    graceUntil.remove(agentId);
    connectedAtStop.changed();
    firing.keySet().removeIf(k -> k.startsWith(agentId + "/"));
    alerts.problems().endAll(agentId, hostname + " was forgotten by the operator");
  }

  /**
   * The console stops: from now on sessions that close are not agents going offline; the agents
   * connected now are remembered for the next start's grace period.
   */
  public void consoleStopping() {
    stopping = true;
    connectedAtStop.writeAtStop(System.currentTimeMillis());
  }

  /**
   * The console started: the problems of agents it no longer knows end (forgotten by an earlier
   * run), and the agents connected at its last stop get until {@code graceUntilMillis} to reconnect
   * before their offline alert fires ({@link #endGrace}).
   */
  public void consoleStarted(java.util.Set<String> knownAgentIds, long graceUntilMillis) {
    for (Problem p : alerts.problems().active()) {
      if (!p.agentId().equals(CONSOLE) && !knownAgentIds.contains(p.agentId())) {
        alerts.problems().endAll(p.agentId(), p.hostname() + " was forgotten by the operator");
      }
    }
    ProblemTable table = alerts.problems().table();
    if (table != null) {
      // Only agents still known: one forgotten since is not expected back.
      table.onlineAtStop().stream()
          .filter(knownAgentIds::contains)
          .forEach(id -> graceUntil.put(id, graceUntilMillis));
    }
  }

  /** Fires the offline alert of each agent whose grace is over and that has not reconnected. */
  public void endGrace(long nowMillis) {
    for (Map.Entry<String, Long> e : java.util.List.copyOf(graceUntil.entrySet())) {
      if (e.getValue() > nowMillis || !graceUntil.remove(e.getKey(), e.getValue())) {
        continue;
      }
      connectedAtStop.changed();
      String id = e.getKey();
      AgentStatus status = lastStatus.get(id);
      if (status == null || status == AgentStatus.OFFLINE) {
        String host = hostnames.getOrDefault(id, id);
        fire(
            id,
            host,
            "agent.offline",
            Severity.WARNING,
            host + " went offline: it has not reconnected since the console started");
      }
    }
  }

  /**
   * A problem of the console itself, not of an agent (its audit log's chain is broken): a critical
   * alert under the console's own name, once per rule until the console restarts.
   */
  public void consoleProblem(String rule, String message) {
    fire(CONSOLE, CONSOLE, rule, Severity.CRITICAL, message);
  }

  /** The console's own problem {@code rule} is over, if it is active. */
  public void consoleProblemOver(String rule, String message) {
    resolve(CONSOLE, CONSOLE, rule, message);
  }

  private void fire(
      String agentId, String hostname, String rule, Severity severity, String message) {
    // The problems decide across restarts: one still active from an earlier run is not raised
    // again; the map keeps two threads from raising the same one at once.
    if (firing.putIfAbsent(agentId + "/" + rule, rule) == null
        && !alerts.problems().isActive(agentId, rule)) {
      alerts.raise(agentId, hostname, rule, severity, AlertState.FIRING, message);
    }
  }

  private void resolve(String agentId, String hostname, String rule, String message) {
    boolean wasFiring = firing.remove(agentId + "/" + rule) != null;
    if (wasFiring || alerts.problems().isActive(agentId, rule)) {
      alerts.raise(agentId, hostname, rule, Severity.WARNING, AlertState.RESOLVED, message);
    }
  }
}
