package dev.vigil.console.manager;

import dev.vigil.common.GuardedTask;
import dev.vigil.console.manager.api.CheckMinute;
import dev.vigil.console.manager.api.MinuteAggregate;
import dev.vigil.console.manager.fleet.AgentRegistry;
import dev.vigil.console.manager.history.MetricHistory;
import dev.vigil.console.manager.store.AuditLog;
import dev.vigil.console.manager.store.ConsoleStore;
import dev.vigil.console.manager.transport.AgentConnection;
import dev.vigil.console.manager.transport.TcpService;
import dev.vigil.console.manager.trust.TrustStore;
import dev.vigil.protocol.message.Heartbeat;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's timers on one platform thread: heartbeats to quiet sessions and stale marking every
 * second, the metric history written every 5 s, and the metric history, alerts and audit rows
 * pruned every hour (each after its own retention). Every task is a {@link GuardedTask}: one that
 * fails is logged at most once a minute and runs again at its next turn, so one fault never stops
 * the heartbeats. Thread-safe.
 */
final class Housekeeping implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("vigil-housekeeping").daemon().unstarted(r));
  private final ManagerConfig config;
  private final AgentRegistry registry;
  private final MetricHistory history;
  private final ConsoleStore store;
  private final AuditLog audit;
  private TcpService tcp;

  Housekeeping(
      ManagerConfig config,
      AgentRegistry registry,
      MetricHistory history,
      ConsoleStore store,
      AuditLog audit) {
    this.config = config;
    this.registry = registry;
    this.history = history;
    this.store = store;
    this.audit = audit;
  }

  /** The executor session admission uses for its deadlines. */
  ScheduledExecutorService executor() {
    return timer;
  }

  /** Starts the timers over the agent sessions of {@code tcp}. */
  void start(TcpService tcp) {
    this.tcp = tcp;
    every(Duration.ofSeconds(1), Duration.ofSeconds(1), "heartbeats", this::heartbeats);
    every(
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        "history",
        () -> flushHistory(System.currentTimeMillis()));
    every(Duration.ZERO, Duration.ofHours(1), "pruning", this::pruneHistory);
    every(Duration.ZERO, Duration.ofHours(1), "retention", this::pruneAlertsAndAudit);
  }

  /**
   * Forgets, every ten minutes, the agents that waited for approval past the expiry, and ends their
   * sessions: an agent still there connects again and waits afresh.
   */
  void expirePending(TrustStore trust) {
    every(
        Duration.ofMinutes(10),
        Duration.ofMinutes(10),
        "pending expiry",
        () -> {
          for (TrustStore.KnownAgent gone : trust.expirePending(System.currentTimeMillis())) {
            tcp.disallowed(
                gone.agentId(),
                "this agent waited for approval for longer than the console keeps pending agents;"
                    + " it is forgotten and may connect again");
            registry.remove(gone.agentId());
          }
        });
  }

  /** Runs {@code task} on the timer, guarded: its failures are logged at a bounded rate. */
  void every(Duration first, Duration period, String what, Runnable task) {
    timer.scheduleWithFixedDelay(
        GuardedTask.of(what, task, Housekeeping::failed),
        first.toMillis(),
        period.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private static void failed(String what, RuntimeException e, long unreported) {
    LOG.error(
        "Housekeeping ({}) failed{}; it runs again at its next turn",
        what,
        unreported == 0 ? "" : " (and " + unreported + " more time(s) since the last report)",
        e);
  }

  /** Drops alerts and audit rows older than their retention; the audit chain keeps its anchor. */
  void pruneAlertsAndAudit() {
    long now = System.currentTimeMillis();
    Retention kept = config.retention();
    int alerts = store.pruneAlerts(now - kept.alerts().toMillis());
    if (alerts > 0) {
      LOG.info("Dropped {} alerts older than {}", alerts, kept.alerts());
    }
    int rows = audit.pruneBefore(now - kept.audit().toMillis());
    if (rows < 0) {
      LOG.warn("The audit log was not pruned: its hash chain is broken (see verify-audit)");
    } else if (rows > 0) {
      LOG.info("Dropped {} audit rows older than {}; the chain is anchored", rows, kept.audit());
    }
  }

  /** Writes every finished minute's aggregates to the store; {@code Long.MAX_VALUE} writes all. */
  void flushHistory(long nowMillis) {
    List<MinuteAggregate> rows = history.completedMinutes(nowMillis);
    try {
      store.insertMinutes(rows);
    } catch (ConsoleStore.StoreException e) {
      LOG.warn("Metric history not stored yet, will retry: {}", e.getMessage());
      history.retry(new ArrayList<>(rows));
    }
    List<CheckMinute> checkRows = registry.checkHistory().completedMinutes(nowMillis);
    try {
      store.insertCheckMinutes(checkRows);
    } catch (ConsoleStore.StoreException e) {
      LOG.warn("Check history not stored yet, will retry: {}", e.getMessage());
      registry.checkHistory().retry(new ArrayList<>(checkRows));
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

  private void heartbeats() {
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

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
