package dev.vigil.console.manager.api;

import dev.vigil.protocol.message.Severity;
import java.util.Set;

/**
 * Which alerts to read from the history.
 *
 * @param agentId only this agent's alerts, or null for all agents
 * @param severities only these severities, or empty for all
 * @param fromMillis received at or after this time
 * @param toMillis received before this time
 * @param limit at most this many, newest first
 */
public record AlertQuery(
    String agentId, Set<Severity> severities, long fromMillis, long toMillis, int limit) {

  public AlertQuery {
    severities = Set.copyOf(severities);
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive, not " + limit);
    }
  }

  /** The newest {@code limit} alerts of every agent and severity. */
  public static AlertQuery newest(int limit) {
    return new AlertQuery(null, Set.of(), 0, Long.MAX_VALUE, limit);
  }

  /** The same query for one agent only. */
  public AlertQuery forAgent(String id) {
    return new AlertQuery(id, severities, fromMillis, toMillis, limit);
  }

  /** The same query for some severities only. */
  public AlertQuery withSeverities(Set<Severity> only) {
    return new AlertQuery(agentId, only, fromMillis, toMillis, limit);
  }
}
