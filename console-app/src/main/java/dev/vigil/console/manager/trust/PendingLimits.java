package dev.vigil.console.manager.trust;

import dev.vigil.protocol.message.ErrorCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the agents waiting for approval bounded: how many overall and from one source address, and
 * which have waited past their expiry. The source address of each pending agent is kept in memory
 * only (after a restart, earlier pending agents count toward the overall limit alone). Not
 * thread-safe: used under the {@link TrustStore}'s lock.
 */
final class PendingLimits {
  private final UnauthenticatedLimits limits;
  private final Map<String, String> sourceOf = new HashMap<>();

  PendingLimits(UnauthenticatedLimits limits) {
    this.limits = limits;
  }

  /**
   * Why a new agent from {@code source} may not wait for approval, or null when it may.
   *
   * @param agents every known agent
   * @param source the address it connected from, or null when unknown
   */
  TrustStore.Admission.Refused refusal(Map<String, TrustStore.KnownAgent> agents, String source) {
    // Addresses of agents no longer waiting are dropped here, so the map never outgrows the
    // pending agents for long.
    sourceOf.keySet().removeIf(id -> !isPending(agents.get(id)));
    int pending = 0;
    int fromSource = 0;
    for (TrustStore.KnownAgent a : agents.values()) {
      if (a.approval() == TrustStore.Approval.PENDING) {
        pending++;
        if (source != null && source.equals(sourceOf.get(a.agentId()))) {
          fromSource++;
        }
      }
    }
    if (pending >= limits.pendingAgents()) {
      return new TrustStore.Admission.Refused(
          ErrorCode.NOT_AUTHORIZED,
          "the console has "
              + pending
              + " agents waiting for approval, its limit; ask its operator to approve or reject"
              + " them, or enroll this agent with a token");
    }
    if (fromSource >= limits.pendingPerAddress()) {
      return new TrustStore.Admission.Refused(
          ErrorCode.NOT_AUTHORIZED,
          "the console has "
              + fromSource
              + " agents from "
              + source
              + " waiting for approval, its limit for one address; ask its operator to approve"
              + " or reject them, or enroll this agent with a token");
    }
    return null;
  }

  private static boolean isPending(TrustStore.KnownAgent agent) {
    return agent != null && agent.approval() == TrustStore.Approval.PENDING;
  }

  /** A new agent from {@code source} now waits for approval. */
  void recorded(String agentId, String source) {
    if (source != null) {
      sourceOf.put(agentId, source);
    }
  }

  /** The pending agents first seen before the expiry, oldest first. */
  List<String> expired(Collection<TrustStore.KnownAgent> agents, long nowMillis) {
    long cutoff = nowMillis - limits.pendingExpiry().toMillis();
    List<String> gone = new ArrayList<>();
    for (TrustStore.KnownAgent a : agents) {
      if (a.approval() == TrustStore.Approval.PENDING && a.firstSeenMillis() < cutoff) {
        gone.add(a.agentId());
      }
    }
    return gone;
  }
}
