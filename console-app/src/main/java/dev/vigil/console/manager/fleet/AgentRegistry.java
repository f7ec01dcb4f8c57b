package dev.vigil.console.manager.fleet;

import dev.vigil.console.manager.api.AgentDetails;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.history.CheckHistory;
import dev.vigil.console.manager.history.MetricHistory;
import dev.vigil.console.manager.trust.TrustStore;
import dev.vigil.protocol.message.Hello;
import dev.vigil.protocol.message.Inventory;
import dev.vigil.protocol.message.SlowReport;
import dev.vigil.protocol.message.StatsReport;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every agent the console knows, with its latest snapshot; each change is published to the
 * listeners. Thread-safe: snapshots are immutable and replaced atomically.
 */
public final class AgentRegistry {
  /** An agent is stale after this many of its own stats intervals without a report. */
  public static final int STALE_INTERVALS = 3;

  private final Map<String, Long> statsIntervals = new ConcurrentHashMap<>();

  private final Map<String, AgentSnapshot> agents = new ConcurrentHashMap<>();
  private final Map<String, AgentDetails> details = new ConcurrentHashMap<>();
  private final Listeners listeners;
  private final MetricHistory history;
  private final CheckHistory checkHistory;

  public AgentRegistry(Listeners listeners, MetricHistory history) {
    this(listeners, history, new CheckHistory());
  }

  /**
   * The registry, feeding the built-in figures to {@code history} and checks' to {@code checks}.
   */
  public AgentRegistry(Listeners listeners, MetricHistory history, CheckHistory checkHistory) {
    this.listeners = listeners;
    this.history = history;
    this.checkHistory = checkHistory;
  }

  /** Shows agents remembered from earlier runs, none of them connected yet. */
  public void remember(TrustStore.KnownAgent known) {
    AgentStatus status =
        switch (known.approval()) {
          case APPROVED -> AgentStatus.OFFLINE;
          case PENDING -> AgentStatus.PENDING;
          case REJECTED -> AgentStatus.REJECTED;
        };
    publish(
        agents.merge(
            known.agentId(),
            new AgentSnapshot(
                known.agentId(),
                known.hostname(),
                "",
                "",
                status,
                List.of(),
                null,
                0,
                known.fingerprint()),
            (old, fresh) -> old));
  }

  public AgentSnapshot connected(
      Hello hello, String address, String fingerprint, AgentStatus status, long now) {
    statsIntervals.put(hello.agentId(), hello.statsIntervalOrDefault());
    AgentSnapshot snapshot =
        agents.compute(
            hello.agentId(),
            (id, old) ->
                new AgentSnapshot(
                    id,
                    hello.hostname(),
                    hello.os(),
                    address,
                    status,
                    hello.allowedCommands(),
                    old == null ? null : old.stats(),
                    now,
                    fingerprint,
                    old == null ? List.of() : old.checks(),
                    old == null ? List.of() : old.tags(),
                    old == null ? List.of() : old.allowedServices()));
    publish(snapshot);
    return snapshot;
  }

  public void stats(String agentId, StatsReport stats, long now) {
    AgentSnapshot snapshot =
        agents.computeIfPresent(agentId, (id, old) -> old.withStats(stats, now));
    if (snapshot != null) {
      history.record(agentId, stats, now);
      checkHistory.record(agentId, stats.checks(), now);
      publish(snapshot);
    }
  }

  public void inventory(String agentId, Inventory inventory) {
    details.merge(agentId, new AgentDetails(inventory, null), (old, fresh) -> old.with(inventory));
    AgentSnapshot[] changed = new AgentSnapshot[1];
    agents.computeIfPresent(
        agentId,
        (id, old) -> {
          if (old.tags().equals(inventory.tags())
              && old.allowedServices().equals(inventory.allowedServices())) {
            return old;
          }
          changed[0] = old.withInventory(inventory.tags(), inventory.allowedServices());
          return changed[0];
        });
    if (changed[0] != null) {
      publish(changed[0]);
    }
  }

  /** Takes a slow report: its file systems and processes, and the agent's whole set of checks. */
  public void slow(String agentId, SlowReport report, long now) {
    details.merge(agentId, new AgentDetails(null, report), (old, fresh) -> old.with(report));
    checkHistory.record(agentId, report.checks(), now);
    AgentSnapshot[] changed = new AgentSnapshot[1];
    agents.computeIfPresent(
        agentId,
        (id, old) -> {
          if (old.checks().equals(report.checks())) {
            return old;
          }
          changed[0] = old.withChecks(report.checks());
          return changed[0];
        });
    if (changed[0] != null) {
      publish(changed[0]);
    }
  }

  /** The minute history of what the agents' checks measured. */
  public CheckHistory checkHistory() {
    return checkHistory;
  }

  /** What an agent reported once per session and on its slow cadence, if anything yet. */
  public Optional<AgentDetails> details(String agentId) {
    return Optional.ofNullable(details.get(agentId));
  }

  public void status(String agentId, AgentStatus status) {
    AgentSnapshot[] changed = new AgentSnapshot[1];
    agents.computeIfPresent(
        agentId,
        (id, old) -> {
          if (old.status() == status) {
            return old;
          }
          changed[0] = old.withStatus(status);
          return changed[0];
        });
    if (changed[0] != null) {
      publish(changed[0]);
    }
  }

  public void remove(String agentId) {
    statsIntervals.remove(agentId);
    AgentSnapshot removed = agents.remove(agentId);
    details.remove(agentId);
    history.forget(agentId);
    checkHistory.forget(agentId);

    if (removed != null) {
      listeners.fire(l -> l.agentRemoved(agentId));
    }
  }

  /** Marks online agents silent for longer than {@code staleAfterMillis} as stale. */
  /**
   * Marks online agents stale that have not reported for longer than they should have: three of
   * their own stats intervals (as their hello said), and never sooner than {@code atLeastMillis}.
   */
  public void markStale(long now, long atLeastMillis) {
    for (AgentSnapshot a : agents.values()) {
      if (a.status() == AgentStatus.ONLINE
          && now - a.lastSeenMillis() > staleAfterMillis(a.agentId(), atLeastMillis)) {
        status(a.agentId(), AgentStatus.STALE);
      }
    }
  }

  /** How long an agent may go without reporting before it is stale. */
  public long staleAfterMillis(String agentId, long atLeastMillis) {
    long interval = statsIntervals.getOrDefault(agentId, Hello.DEFAULT_STATS_INTERVAL_MILLIS);
    return Math.max(atLeastMillis, STALE_INTERVALS * interval);
  }

  private void publish(AgentSnapshot snapshot) {
    listeners.fire(l -> l.agentChanged(snapshot));
  }

  /** One agent by id. */
  public Optional<AgentSnapshot> get(String agentId) {
    return Optional.ofNullable(agents.get(agentId));
  }

  /** Every agent, in no order: for scrapes and sweeps that need no sorting. */
  public java.util.Collection<AgentSnapshot> unordered() {
    return java.util.Collections.unmodifiableCollection(agents.values());
  }

  /** Every agent, by host name. */
  public List<AgentSnapshot> all() {
    return agents.values().stream()
        .sorted(Comparator.comparing(AgentSnapshot::hostname).thenComparing(AgentSnapshot::agentId))
        .toList();
  }
}
