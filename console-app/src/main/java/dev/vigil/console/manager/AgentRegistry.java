package dev.vigil.console.manager;

import dev.vigil.protocol.Hello;
import dev.vigil.protocol.StatsReport;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every agent the console has seen, with its latest snapshot; each change is published to the
 * listeners. Thread-safe: snapshots are immutable and replaced atomically.
 */
public final class AgentRegistry {
  private final Map<String, AgentSnapshot> agents = new ConcurrentHashMap<>();
  private final Listeners listeners;

  AgentRegistry(Listeners listeners) {
    this.listeners = listeners;
  }

  AgentSnapshot connected(Hello hello, String address, long now) {
    AgentSnapshot snapshot =
        agents.compute(
            hello.agentId(),
            (id, old) ->
                new AgentSnapshot(
                    id,
                    hello.hostname(),
                    hello.os(),
                    address,
                    AgentStatus.ONLINE,
                    hello.allowedCommands(),
                    old == null ? null : old.stats(),
                    now));
    listeners.fire(l -> l.agentChanged(snapshot));
    return snapshot;
  }

  void stats(String agentId, StatsReport stats, long now) {
    AgentSnapshot snapshot =
        agents.computeIfPresent(agentId, (id, old) -> old.withStats(stats, now));
    if (snapshot != null) {
      listeners.fire(l -> l.agentChanged(snapshot));
    }
  }

  void status(String agentId, AgentStatus status) {
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
      listeners.fire(l -> l.agentChanged(changed[0]));
    }
  }

  /** Marks online agents silent for longer than {@code staleAfterMillis} as stale. */
  void markStale(long now, long staleAfterMillis) {
    for (AgentSnapshot a : agents.values()) {
      if (a.status() == AgentStatus.ONLINE && now - a.lastSeenMillis() > staleAfterMillis) {
        status(a.agentId(), AgentStatus.STALE);
      }
    }
  }

  /** One agent by id. */
  public Optional<AgentSnapshot> get(String agentId) {
    return Optional.ofNullable(agents.get(agentId));
  }

  /** Every agent, by host name. */
  public List<AgentSnapshot> all() {
    return agents.values().stream()
        .sorted(Comparator.comparing(AgentSnapshot::hostname).thenComparing(AgentSnapshot::agentId))
        .toList();
  }
}
